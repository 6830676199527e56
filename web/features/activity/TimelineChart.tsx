import { Box, Group, Paper, Text } from '@mantine/core';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Timeline } from '../../api.ts';
import { categoryColors, type Category } from './activity-search.ts';
import { marksOf, nearestMark, radiusOf, type Mark, type MarkPick } from './timeline-marks.ts';

interface Props {
  timeline: Timeline;
  onPick: (pick: MarkPick) => void;
  onZoom: (from: string, to: string) => void;
}

const HEIGHT = 300;

/**
 * The subject's activity on a canvas (uPlot): x time, y risk score, one bubble per event or per
 * bucket (its area by the count, its colour by category), the steps of each sequence joined, and
 * the running count of exfiltration events as a stepped line on the right axis. Hover shows a
 * bubble's details, a click (or Enter on the focused chart) opens its events in the explorer,
 * dragging across the chart zooms to that stretch. Arrow keys move between bubbles.
 */
export function TimelineChart({ timeline, onPick, onZoom }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const marks = useMemo(() => marksOf(timeline), [timeline]);
  const [hover, setHover] = useState<{ mark: Mark; x: number; y: number } | null>(null);
  const hoverRef = useRef<Mark | null>(null);
  const pickRef = useRef(onPick);
  const zoomRef = useRef(onZoom);
  pickRef.current = onPick;
  zoomRef.current = onZoom;

  // Before the browser paints: the chart is drawn in the page's first frame with its data, not
  // one paint of the whole page (the explorer's table included) later.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    el.removeAttribute('data-drawn');
    const fromS = Date.parse(timeline.from) / 1000;
    const toS = Date.parse(timeline.to) / 1000;
    // One x array for the exfiltration line; the bubbles are drawn from `marks` directly.
    const xs = [fromS, ...timeline.exfiltration.map((p) => Date.parse(p.at) / 1000), toS];
    const last = timeline.exfiltration.at(-1)?.total ?? 0;
    const exfil = [0, ...timeline.exfiltration.map((p) => p.total), last];
    const show = (m: Mark | null, u: uPlot) => {
      hoverRef.current = m;
      setHover(m ? { mark: m, x: u.valToPos(m.t, 'x'), y: u.valToPos(m.score, 'y') } : null);
    };
    let dragged = false;
    const u = new uPlot(
      {
        width: el.clientWidth || 800,
        height: HEIGHT,
        legend: { show: false },
        cursor: {
          drag: { x: true, y: false, setScale: false },
          points: { show: false },
          y: false,
        },
        scales: {
          x: { time: true, range: [fromS, toS] },
          // Below 0 too: a bubble of score 0 is drawn whole, inside the plot, where a pointer reaches it.
          y: { range: [-4, 105] },
          exfil: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
        },
        axes: [
          {},
          { scale: 'y', label: 'Risk score', size: 50 },
          {
            scale: 'exfil',
            side: 1,
            label: 'Exfiltration events (running total)',
            grid: { show: false },
            size: 60,
          },
        ],
        series: [
          {},
          {
            label: 'Exfiltration events (running total)',
            scale: 'exfil',
            stroke: categoryColors.exfiltration,
            width: 1.5,
            dash: [6, 4],
            paths: uPlot.paths.stepped?.({ align: 1 }),
            points: { show: false },
          },
        ],
        hooks: {
          draw: [
            (self) => {
              drawMarks(self, marks);
              el.setAttribute('data-drawn', String(marks.length));
            },
          ],
          setCursor: [
            (self) => {
              const { left, top } = self.cursor;
              if (left === undefined || top === undefined || left < 0) return;
              show(nearestMark(self, marks, left, top), self);
            },
          ],
          setSelect: [
            (self) => {
              if (self.select.width > 5) {
                dragged = true;
                const a = self.posToVal(self.select.left, 'x');
                const b = self.posToVal(self.select.left + self.select.width, 'x');
                self.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
                zoomRef.current(new Date(a * 1000).toISOString(), new Date(b * 1000).toISOString());
              }
            },
          ],
        },
      },
      [xs, exfil],
      el,
    );
    plot.current = u;
    const click = () => {
      if (dragged) {
        dragged = false;
        return;
      }
      if (hoverRef.current) pickRef.current(hoverRef.current.pick);
    };
    const leave = () => show(null, u);
    u.over.addEventListener('click', click);
    u.over.addEventListener('mouseleave', leave);
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientWidth !== u.width)
        u.setSize({ width: el.clientWidth, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', click);
      u.over.removeEventListener('mouseleave', leave);
      u.destroy();
      plot.current = null;
    };
  }, [timeline, marks]);

  const step = (d: number) => {
    const u = plot.current;
    if (!u || marks.length === 0) return;
    const at = hoverRef.current ? marks.indexOf(hoverRef.current) : -1;
    const next = marks[Math.min(marks.length - 1, Math.max(0, at < 0 ? 0 : at + d))];
    if (!next) return;
    hoverRef.current = next;
    setHover({ mark: next, x: u.valToPos(next.t, 'x'), y: u.valToPos(next.score, 'y') });
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowRight') step(1);
    else if (e.key === 'ArrowLeft') step(-1);
    else if (e.key === 'Enter' && hoverRef.current) pickRef.current(hoverRef.current.pick);
    else return;
    e.preventDefault();
  };
  const plotLeft = plot.current?.over.offsetLeft ?? 0;
  const plotTop = plot.current?.over.offsetTop ?? 0;

  return (
    <Box pos="relative">
      <div
        ref={box}
        className="timeline-chart"
        tabIndex={0}
        role="img"
        aria-label={`Activity chart: ${marks.length} ${timeline.granularity === 'event' ? 'events' : 'buckets'}. Arrow keys move between them, Enter shows their events below.`}
        onKeyDown={onKey}
      />
      {hover && (
        <Paper
          className="timeline-tooltip"
          shadow="md"
          p={6}
          withBorder
          data-mark-x={plotLeft + hover.x}
          data-mark-y={plotTop + hover.y}
          style={{
            position: 'absolute',
            left: plotLeft + hover.x + 12,
            top: Math.max(0, plotTop + hover.y - 40),
            pointerEvents: 'none',
            zIndex: 2,
          }}
        >
          <Text size="xs" fw={600}>
            {hover.mark.label}
          </Text>
          <Text size="xs">{hover.mark.detail}</Text>
        </Paper>
      )}
      <Group gap="md" mt={4} role="list" aria-label="Legend">
        {(Object.keys(categoryColors) as Category[]).map((c) => (
          <Group key={c} gap={4} role="listitem">
            <span className="legend-dot" style={{ background: categoryColors[c] }} />
            <Text size="xs">{c}</Text>
          </Group>
        ))}
        <Group gap={4} role="listitem">
          <span className="legend-dash" />
          <Text size="xs">exfiltration, running total (right axis)</Text>
        </Group>
      </Group>
    </Box>
  );
}

/** Sequence steps as joined lines under the bubbles, then the bubbles, in canvas pixels. */
function drawMarks(u: uPlot, marks: Mark[]) {
  const ctx = u.ctx;
  const ratio = uPlot.pxRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
  ctx.clip();
  const bySequence = new Map<string, Mark[]>();
  for (const m of marks)
    if (m.sequenceId) bySequence.set(m.sequenceId, [...(bySequence.get(m.sequenceId) ?? []), m]);
  ctx.lineWidth = 1.5 * ratio;
  ctx.strokeStyle = 'rgba(73, 80, 87, 0.6)';
  for (const steps of bySequence.values()) {
    if (steps.length < 2) continue;
    ctx.beginPath();
    steps.forEach((m, i) => {
      const x = u.valToPos(m.t, 'x', true);
      const y = u.valToPos(m.score, 'y', true);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }
  for (const m of marks) {
    const x = u.valToPos(m.t, 'x', true);
    const y = u.valToPos(m.score, 'y', true);
    ctx.beginPath();
    ctx.arc(x, y, radiusOf(m.count) * ratio, 0, 2 * Math.PI);
    ctx.globalAlpha = 0.55;
    ctx.fillStyle = categoryColors[m.category];
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = ratio;
    ctx.strokeStyle = categoryColors[m.category];
    ctx.stroke();
  }
  ctx.restore();
}

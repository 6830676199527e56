/** A small line of daily risk scores (0-100), oldest first, drawn as inline SVG. */
export function RiskSparkline({
  history,
  width = 180,
  height = 36,
}: {
  history: ReadonlyArray<{ day: string; score: number }>;
  width?: number;
  height?: number;
}) {
  if (history.length < 2) return null;
  const step = width / (history.length - 1);
  const y = (score: number) =>
    height - 2 - (Math.min(100, Math.max(0, score)) / 100) * (height - 4);
  const points = history.map((h, i) => `${(i * step).toFixed(1)},${y(h.score).toFixed(1)}`);
  const first = history[0]!;
  const last = history.at(-1)!;
  const peak = Math.max(...history.map((h) => h.score));
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Risk score over ${history.length} days, ${first.day} to ${last.day}: highest ${peak}, now ${last.score}`}
    >
      <line
        x1={0}
        x2={width}
        y1={y(0)}
        y2={y(0)}
        stroke="var(--mantine-color-default-border)"
        strokeWidth={1}
      />
      <polyline
        points={`0,${y(0)} ${points.join(' ')} ${width},${y(0)}`}
        fill="var(--mantine-color-red-light)"
        stroke="none"
      />
      <polyline
        points={points.join(' ')}
        fill="none"
        stroke="var(--mantine-color-red-filled)"
        strokeWidth={1.5}
      />
    </svg>
  );
}

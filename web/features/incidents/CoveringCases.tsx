import { Anchor, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { IncidentRow } from '../../api.ts';
import { subjectLabel } from '../subjects/subject-label.ts';

/**
 * The cases covering an incident (linked to it, or holding some of its alerts), by number;
 * closed ones struck through, each with its title and how it covers the incident on hover.
 */
export function CoveringCases({ cases }: { cases: IncidentRow['cases'] }) {
  if (cases.length === 0)
    return (
      <Text size="sm" c="dimmed" span>
        none
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap" component="span">
      {cases.map((c) => (
        <Anchor
          key={c.number}
          size="sm"
          td={c.closed ? 'line-through' : undefined}
          c={c.closed ? 'dimmed' : undefined}
          title={`${c.title}${c.closed ? ' (closed)' : ''} · ${
            c.via === 'incident' ? 'linked to the incident' : 'holds some of its alerts'
          }`}
          aria-label={`Case #${c.number}${c.closed ? ', closed' : ''}`}
          renderRoot={(props) => (
            <Link to="/cases/$number" params={{ number: String(c.number) }} {...props} />
          )}
        >
          #{c.number}
        </Anchor>
      ))}
    </Group>
  );
}

/** "Megan Bowen", "Megan Bowen, Alex Wilber", "Megan Bowen and 4 more": every subject named on hover. */
export function SubjectNames({
  incident: i,
}: {
  incident: Pick<IncidentRow, 'subjects' | 'subjectCount'>;
}) {
  if (i.subjectCount === 0)
    return (
      <Text size="sm" c="dimmed" span>
        —
      </Text>
    );
  const all = i.subjects.map(subjectLabel).join('\n');
  const first = i.subjects[0]?.name ?? '';
  const text =
    i.subjectCount === 1
      ? first
      : i.subjectCount === 2
        ? `${first}, ${i.subjects[1]?.name ?? ''}`
        : `${first} and ${i.subjectCount - 1} more`;
  return (
    <Text size="sm" span lineClamp={1} title={all}>
      {text}
    </Text>
  );
}

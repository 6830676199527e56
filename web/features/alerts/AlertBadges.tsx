import { Badge } from '@mantine/core';
import type { AlertStatus, Severity } from '../../api.ts';
import { alertStatusLabels, severityColors, severityLabels } from './alerts-search.ts';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    // Tinted background, body-coloured text: readable at 4.5:1 in both themes.
    <Badge
      className="badge-whole"
      color={severityColors[severity]}
      variant="light"
      size="sm"
      radius="sm"
      styles={{ label: { color: 'var(--mantine-color-text)' } }}
    >
      {severityLabels[severity]}
    </Badge>
  );
}

const statusColors: Record<AlertStatus, string> = {
  needs_review: 'blue',
  confirmed: 'orange',
  dismissed: 'gray',
  resolved: 'green',
};

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return (
    <Badge className="badge-whole" variant="dot" size="sm" radius="sm" color={statusColors[status]}>
      {alertStatusLabels[status]}
    </Badge>
  );
}

import { Badge } from '@mantine/core';
import type { IncidentStatus } from '../../api.ts';
import { incidentStatusLabels } from './incidents-search.ts';

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <Badge
      className="badge-whole"
      variant="dot"
      size="sm"
      radius="sm"
      color={status === 'active' ? 'orange' : 'green'}
    >
      {incidentStatusLabels[status]}
    </Badge>
  );
}

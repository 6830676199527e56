import type { ActivityItem } from '../../api.ts';
import { classificationLabels, priorityLabels, taskStatusLabels } from '../../components/labels.ts';
import { formatDay, formatWhen } from '../../components/dates.ts';

type Audit = Extract<ActivityItem, { kind: 'audit' }>;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const fieldLabels: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  priority: 'Priority',
  status: 'Status',
  assignee: 'Assignee',
  owner: 'Owner',
  dueAt: 'Due date',
  tags: 'Tags',
  closingNote: 'Closing note',
};

/** A value from an audit record as a person reads it. */
export function describeValue(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return 'none';
  if (field === 'priority' && typeof v === 'string')
    return priorityLabels[v as keyof typeof priorityLabels] ?? v;
  if (field === 'status' && typeof v === 'string')
    return taskStatusLabels[v as keyof typeof taskStatusLabels] ?? v;
  if (field === 'dueAt' && typeof v === 'string') return formatDay(v);
  if (typeof v === 'object' && v !== null && 'name' in v) return String(v.name);
  if (Array.isArray(v)) return v.join(', ') || 'none';
  if (typeof v === 'string') return v.length > 80 ? `${v.slice(0, 80)}…` : v;
  return JSON.stringify(v);
}

/** "Alert #12" or "3 alerts (#12, #13, #20)", from an audit record's list of alert ids. */
function alertList(v: unknown): string {
  const ids = Array.isArray(v) ? v.map((id) => `#${String(id)}`) : [];
  if (ids.length === 1) return `Alert ${ids[0] ?? ''}`;
  const shown = ids.length > 10 ? [...ids.slice(0, 10), '…'] : ids;
  return `${ids.length} alerts (${shown.join(', ')})`;
}

const changes = (e: Audit): string[] =>
  Object.keys(e.after ?? {})
    .filter((k) => k !== 'title' || e.action.startsWith('case.'))
    .filter((k) => fieldLabels[k] !== undefined)
    .map((k) =>
      k === 'description'
        ? 'Description changed'
        : `${fieldLabels[k]} changed from ${describeValue(k, e.before?.[k])} to ${describeValue(k, e.after?.[k])}`,
    );

/** One audit event as sentences, without the actor and time (shown beside it). */
export function auditSentences(e: Audit): string[] {
  const after = e.after ?? {};
  const title = typeof after.title === 'string' ? `“${after.title}”` : '';
  switch (e.action) {
    case 'case.created':
      return [`Case opened ${title}`.trim()];
    case 'case.updated':
      return changes(e).length ? changes(e) : ['Case changed'];
    case 'case.resolved':
      return [
        `Resolved as ${classificationLabels[after.classification as keyof typeof classificationLabels] ?? String(after.classification)}: ${text(after.reason)}`,
      ];
    case 'case.reopened':
      return [`Reopened: ${text(after.reason)}`];
    case 'task.created':
      return [`Task ${title} added`];
    case 'task.updated': {
      // Every task event names the task by its title, before and after: a rename is the two differing.
      const from = text(e.before?.title);
      const renamed =
        from !== '' && from !== text(after.title) ? [`Task “${from}” renamed to ${title}`] : [];
      const c = changes({
        ...e,
        after: Object.fromEntries(Object.entries(after).filter(([k]) => k !== 'title')),
      });
      return [
        ...renamed,
        ...c.map((s) => `Task ${title}: ${s.charAt(0).toLowerCase()}${s.slice(1)}`),
      ];
    }
    case 'contributor.added':
      return [`${describeValue('', after.contributor)} added as a contributor`];
    case 'contributor.removed':
      return [`${describeValue('', e.before?.contributor)} removed from the contributors`];
    case 'comment.added':
      return ['Comment added'];
    case 'alerts.resolved':
      return [`${alertList(after.alertIds)} resolved`];
    case 'alerts.reopened':
      return [`${alertList(after.alertIds)} confirmed again`];
    case 'subject.revealed':
      return [
        `Revealed the subject's identity, until ${after.expiresAt ? formatWhen(text(after.expiresAt)) : '?'}: ${text(after.justification)}`,
      ];
    case 'subject.reveal_ended':
      return ["Hid the subject's identity again"];
    case 'evidence.added':
      return [`Evidence “${text(after.name)}” added`];
    case 'evidence.downloaded':
      return [`Evidence “${text(after.name)}” downloaded: ${text(after.purpose)}`];
    case 'evidence.removed':
      return [`Evidence “${text(e.before?.name)}” removed: ${text(after.reason)}`];
    case 'evidence.integrity_failed':
      return [`Evidence #${e.targetId} failed its integrity check: ${text(after.problem)}`];
    default:
      return [e.action.replace('.', ' ').replace(/_/g, ' ')];
  }
}

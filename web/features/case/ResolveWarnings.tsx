import { Alert, List, Text } from '@mantine/core';
import type { Case } from '../../api.ts';
import { isOpenTask } from '../../components/labels.ts';
import { useAlertList } from '../alerts/useAlerts.ts';
import { accessOf, useMe } from '../session/useMe.ts';
import { useTasks } from './useTasks.ts';

const SHOWN = 5;

function Items({ titles, total }: { titles: string[]; total: number }) {
  return (
    <List size="sm" spacing={0}>
      {titles.slice(0, SHOWN).map((t, i) => (
        <List.Item key={i}>{t}</List.Item>
      ))}
      {total > SHOWN && <List.Item>and {total - SHOWN} more</List.Item>}
    </List>
  );
}

/**
 * What is still open on a case about to be resolved: its open tasks and the alerts linked to it
 * that wait for review. Resolving stays allowed; this only makes sure it is on purpose.
 */
export function ResolveWarnings({ c }: { c: Case }) {
  const me = useMe();
  const seesAlerts = Boolean(me.data && accessOf(me.data).has('alerts.view'));
  const tasks = useTasks(c.number);
  const waiting = useAlertList(
    { case: c.number, status: ['needs_review'], sort: 'detectedAt', order: 'desc', limit: 50 },
    undefined,
    seesAlerts,
  );
  const open = (tasks.data?.items ?? []).filter((t) => isOpenTask(t.status));
  const alerts = seesAlerts ? (waiting.data?.items ?? []) : [];
  if (open.length === 0 && alerts.length === 0) return null;
  const more = Boolean(waiting.data?.nextCursor);
  return (
    <Alert color="yellow" variant="light" title="Still open on this case" p="xs">
      {open.length > 0 && (
        <>
          <Text size="sm">
            {open.length === 1 ? '1 task is' : `${open.length} tasks are`} not finished:
          </Text>
          <Items titles={open.map((t) => t.title)} total={open.length} />
        </>
      )}
      {alerts.length > 0 && (
        <>
          <Text size="sm" mt={open.length > 0 ? 6 : 0}>
            {alerts.length === 1 && !more
              ? '1 linked alert still needs'
              : `${more ? `More than ${alerts.length}` : alerts.length} linked alerts still need`}{' '}
            review:
          </Text>
          <Items titles={alerts.map((a) => a.title)} total={alerts.length} />
        </>
      )}
      <Text size="xs" c="dimmed" mt={6}>
        You can still resolve the case.
      </Text>
    </Alert>
  );
}

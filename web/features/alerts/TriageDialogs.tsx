import { Button, Group, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, type AlertOutcome, type DismissCategory } from '../../api.ts';
import { errorMessage } from '../../components/ErrorState.tsx';
import { suggestCase, type AlertFacts } from './case-suggestion.ts';
import { CaseFromAlertsDialog, type CaseTarget } from './CaseFromAlertsDialog.tsx';
import { dismissCategories } from './dismiss-categories.ts';
import { useTriageRefresh } from './useAlerts.ts';

interface Props {
  ids: number[];
  onClose: () => void;
  onDone: () => void;
}

const plural = (n: number) => (n === 1 ? 'alert' : `${n} alerts`);

/** Tells how a bulk triage went: every failure by alert, the successes as a count. */
function report(out: AlertOutcome, total: number, verb: string): boolean {
  const failed = out.results.filter((r) => !r.ok);
  if (failed.length === 0) {
    notifications.show({ color: 'green', message: `${total} alerts ${verb}` });
    return true;
  }
  notifications.show({
    color: 'orange',
    title: `${failed.length} of ${total} alerts not ${verb}`,
    message: failed
      .slice(0, 5)
      .map((f) => `#${f.id}: ${f.error?.message ?? 'refused'}`)
      .join('; '),
  });
  return false;
}

/**
 * Confirms alerts into a new case, suggested from them (every field editable before it is
 * opened), or into an existing one by number.
 */
export function ConfirmDialog(props: Props & { alerts: readonly AlertFacts[] }) {
  const { ids } = props;
  const refresh = useTriageRefresh();
  const navigate = useNavigate();
  const [suggestion] = useState(() => suggestCase(props.alerts));

  const submit = async (into: CaseTarget) => {
    try {
      let number: number | undefined;
      if (ids.length === 1) {
        const a = await api.confirmAlert(ids[0] as number, into);
        number = 'caseNumber' in into ? into.caseNumber : a.caseNumbers.at(-1);
        notifications.show({
          color: 'green',
          message: number ? `Alert confirmed into case #${number}` : 'Alert confirmed',
        });
      } else {
        const out = await api.bulkConfirmAlerts({ alertIds: ids, ...into });
        number = out.caseNumber;
        if (!report(out, ids.length, 'confirmed')) return;
      }
      props.onDone();
      if ('newCase' in into && number)
        void navigate({ to: '/cases/$number', params: { number: String(number) } });
    } finally {
      void refresh();
    }
  };

  return (
    <CaseFromAlertsDialog
      heading={`Confirm ${plural(ids.length)}`}
      suggestion={suggestion}
      submitLabel="Confirm into a new case"
      existing={{ submitLabel: 'Confirm into the case' }}
      errorTitle="Not confirmed"
      onSubmit={submit}
      onClose={props.onClose}
    />
  );
}

/** Dismisses alerts with a required category and reason. */
export function DismissDialog(props: Props) {
  const { ids } = props;
  const refresh = useTriageRefresh();
  const [category, setCategory] = useState<DismissCategory | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!category) return;
    setBusy(true);
    try {
      const input = { category, reason: reason.trim() };
      if (ids.length === 1) {
        await api.dismissAlert(ids[0] as number, input);
        notifications.show({ color: 'green', message: 'Alert dismissed' });
      } else if (
        !report(await api.bulkDismissAlerts({ alertIds: ids, ...input }), ids.length, 'dismissed')
      )
        return;
      props.onDone();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not dismissed', message: errorMessage(e) });
    } finally {
      setBusy(false);
      void refresh();
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={`Dismiss ${plural(ids.length)}`}>
      <Stack gap="sm">
        <Radio.Group label="Category" required value={category} onChange={(v) => setCategory(v)}>
          <Stack gap={6} mt={4}>
            {dismissCategories.map((c, i) => (
              <Radio
                key={c.value}
                value={c.value}
                label={c.label}
                description={c.description}
                data-autofocus={i === 0 || undefined}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label="Reason"
          description="Why this is not worth a case; kept with the alert"
          required
          autosize
          minRows={2}
          maxLength={5000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            disabled={!category || reason.trim() === ''}
            loading={busy}
            onClick={() => void submit()}
          >
            Dismiss
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

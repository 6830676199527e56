import {
  Button,
  Group,
  Modal,
  NumberInput,
  Radio,
  SegmentedControl,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, type AlertOutcome, type DismissCategory } from '../../api.ts';
import { errorMessage } from '../../components/ErrorState.tsx';
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

/** Confirms alerts into a new case (title prefilled) or an existing one, by number. */
export function ConfirmDialog(props: Props & { title: string; subjectId?: number | undefined }) {
  const { ids } = props;
  const refresh = useTriageRefresh();
  const navigate = useNavigate();
  const [target, setTarget] = useState<'new' | 'existing'>('new');
  const [title, setTitle] = useState(props.title);
  const [caseNumber, setCaseNumber] = useState<number | string>('');
  const [busy, setBusy] = useState(false);
  const ready = target === 'new' ? title.trim() !== '' : typeof caseNumber === 'number';

  const submit = async () => {
    const into =
      target === 'new'
        ? { newCase: { title: title.trim(), subjectId: props.subjectId } }
        : { caseNumber: Number(caseNumber) };
    setBusy(true);
    try {
      let number: number | undefined;
      if (ids.length === 1) {
        const a = await api.confirmAlert(ids[0] as number, into);
        number = a.caseNumbers.at(-1);
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
      if (target === 'new' && number)
        void navigate({ to: '/cases/$number', params: { number: String(number) } });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not confirmed', message: errorMessage(e) });
    } finally {
      setBusy(false);
      void refresh();
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={`Confirm ${plural(ids.length)}`}>
      <Stack gap="sm">
        <SegmentedControl
          aria-label="Confirm into"
          value={target}
          onChange={setTarget}
          data={[
            { value: 'new', label: 'A new case' },
            { value: 'existing', label: 'An existing case' },
          ]}
        />
        {target === 'new' ? (
          <TextInput
            label="Case title"
            value={title}
            maxLength={300}
            onChange={(e) => setTitle(e.currentTarget.value)}
            data-autofocus
          />
        ) : (
          <NumberInput
            label="Case number"
            min={1}
            allowDecimal={false}
            value={caseNumber}
            onChange={setCaseNumber}
            data-autofocus
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button disabled={!ready} loading={busy} onClick={() => void submit()}>
            {target === 'new' ? 'Confirm into a new case' : 'Confirm into the case'}
          </Button>
        </Group>
      </Stack>
    </Modal>
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

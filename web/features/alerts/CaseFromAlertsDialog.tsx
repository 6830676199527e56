import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState, type FormEvent } from 'react';
import type { Priority } from '../../api.ts';
import { dueFromDay } from '../../components/dates.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { priorityOptions } from '../../components/labels.ts';
import { useAccountOptions } from '../session/useWorkspaceData.ts';
import { severityWords, type CaseSuggestion } from './case-suggestion.ts';

/** The case to open, as the API takes it. */
export interface NewCase {
  title: string;
  description: string;
  priority: Priority;
  assigneeId: number | null;
  dueAt: string | null;
  subjectId?: number;
}

export type CaseTarget = { newCase: NewCase } | { caseNumber: number };

function subjectLine(s: CaseSuggestion): string {
  if (s.subject) return `Subject: ${s.subject.name}`;
  if (s.subjectCount > 1) return `No subject: the alerts are about ${s.subjectCount} people`;
  return 'No subject';
}

/**
 * The one dialog that opens a case from alerts: confirming one or many into a new case, or
 * "Create case" on an incident. Title, description and priority come suggested from the alerts
 * (case-suggestion.ts); every field can be changed, and nothing is created before the submit
 * button. With `existing`, the alerts may go into an existing case by number instead.
 * `onSubmit` does the work; what it throws is shown here and the dialog stays open.
 */
export function CaseFromAlertsDialog(props: {
  heading: string;
  suggestion: CaseSuggestion;
  submitLabel: string;
  existing?: { submitLabel: string };
  errorTitle: string;
  onSubmit: (target: CaseTarget) => Promise<void>;
  onClose: () => void;
}) {
  const { suggestion } = props;
  const accounts = useAccountOptions('work');
  const [target, setTarget] = useState<'new' | 'existing'>('new');
  const [title, setTitle] = useState(suggestion.title);
  const [description, setDescription] = useState(suggestion.description);
  const [priority, setPriority] = useState<Priority>(suggestion.priority);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [due, setDue] = useState<string | null>(null);
  const [caseNumber, setCaseNumber] = useState<number | string>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const isNew = target === 'new';
  const ready = isNew ? title.trim() !== '' : typeof caseNumber === 'number';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(
        isNew
          ? {
              newCase: {
                title: title.trim(),
                description,
                priority,
                assigneeId: assignee ? Number(assignee) : null,
                dueAt: dueFromDay(due),
                ...(suggestion.subject && { subjectId: suggestion.subject.id }),
              },
            }
          : { caseNumber: Number(caseNumber) },
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={props.heading} size={isNew ? 'lg' : 'md'}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="sm">
          {error !== null && <ErrorState error={error} title={props.errorTitle} />}
          {props.existing && (
            <SegmentedControl
              aria-label="Confirm into"
              value={target}
              onChange={(v) => setTarget(v === 'existing' ? 'existing' : 'new')}
              data={[
                { value: 'new', label: 'A new case' },
                { value: 'existing', label: 'An existing case' },
              ]}
            />
          )}
          {isNew ? (
            <>
              <TextInput
                label="Case title"
                required
                maxLength={300}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                data-autofocus
              />
              <Textarea
                label="Description"
                description="Markdown; suggested from the alerts"
                autosize
                minRows={3}
                maxRows={10}
                maxLength={50_000}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
              />
              <Group grow align="flex-start">
                <Select
                  label="Priority"
                  data={priorityOptions}
                  value={priority}
                  allowDeselect={false}
                  onChange={(v) => v && setPriority(v)}
                />
                <Select
                  label="Assignee"
                  placeholder="Unassigned"
                  data={accounts}
                  value={assignee}
                  searchable
                  clearable
                  onChange={setAssignee}
                />
                <DatePickerInput
                  size="xs"
                  label="Due date"
                  placeholder="None"
                  clearable
                  value={due}
                  onChange={setDue}
                />
              </Group>
              <Text size="xs" c="dimmed">
                {subjectLine(suggestion)}.
                {suggestion.severity &&
                  ` Priority preset from the highest alert severity, ${severityWords[suggestion.severity]}.`}
              </Text>
            </>
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
            <Button type="submit" disabled={!ready} loading={busy}>
              {isNew ? props.submitLabel : (props.existing?.submitLabel ?? props.submitLabel)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

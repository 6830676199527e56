import { Button, Checkbox, Group, Menu, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDeviceFloppy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { SavedView, ViewKind } from '../../api.ts';
import { errorMessage } from '../../components/ErrorState.tsx';
import { useViewMutations, useViews } from './useViews.ts';

/** What a view keeps of a list: its filters, columns and sort. */
export interface ViewSettings {
  filters: Record<string, string | string[]>;
  columns: string[];
  sort: string;
}

interface Props {
  kind: ViewKind;
  /** The id of the view the list shows now, if it shows one. */
  currentId: number | undefined;
  /** The list's settings as they stand, to save or to update a view with. */
  settings: () => ViewSettings;
  meId: number;
  isAdmin: boolean;
  /** A view was picked or saved (or the pick cleared, or the view deleted: undefined). */
  onApply: (view: SavedView | undefined) => void;
}

/** Pick a saved view of one list, save the current one, update or delete one's own. */
export function ViewPicker({ kind, currentId, settings, meId, isAdmin, onApply }: Props) {
  const views = useViews(kind, true);
  const m = useViewMutations();
  const [dialog, setDialog] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const items = views.data?.items ?? [];
  const current = items.find((v) => v.id === currentId);
  const canChange = current !== undefined && (current.owner.id === meId || isAdmin);

  const body = settings;
  const save = (e: FormEvent) => {
    e.preventDefault();
    m.create.mutate(
      { kind, name, shared, ...body() },
      {
        onSuccess: (v) => {
          setDialog(false);
          notifications.show({ color: 'green', message: `View “${v.name}” saved` });
          onApply(v);
        },
      },
    );
  };
  const update = () =>
    current &&
    m.update.mutate(
      { id: current.id, body: body() },
      {
        onSuccess: (v) =>
          notifications.show({ color: 'green', message: `View “${v.name}” updated` }),
        onError: (err) =>
          notifications.show({ color: 'red', title: 'Not updated', message: errorMessage(err) }),
      },
    );
  const remove = () =>
    current &&
    m.remove.mutate(current.id, {
      onSuccess: () => {
        notifications.show({ message: `View “${current.name}” deleted` });
        onApply(undefined);
      },
      onError: (err) =>
        notifications.show({ color: 'red', title: 'Not deleted', message: errorMessage(err) }),
    });

  const mine = items.filter((v) => v.owner.id === meId);
  const others = items.filter((v) => v.owner.id !== meId);
  return (
    <Group gap={6} wrap="nowrap">
      <Select
        aria-label="Saved view"
        placeholder={
          views.isPending ? 'Loading views…' : items.length ? 'Saved views' : 'No saved views yet'
        }
        w={220}
        data={[
          {
            group: 'My views',
            items: mine.map((v) => ({
              value: String(v.id),
              label: v.shared ? `${v.name} (shared)` : v.name,
            })),
          },
          {
            group: 'Shared with the team',
            items: others.map((v) => ({
              value: String(v.id),
              label: `${v.name} · ${v.owner.name}`,
            })),
          },
        ].filter((g) => g.items.length > 0)}
        value={current ? String(current.id) : null}
        clearable
        onChange={(id) => {
          onApply(items.find((x) => String(x.id) === id));
        }}
      />
      <Menu position="bottom-end">
        <Menu.Target>
          <Button
            variant="default"
            rightSection={<IconChevronDown size={12} />}
            leftSection={<IconDeviceFloppy size={14} />}
          >
            Save view
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            onClick={() => {
              setName('');
              setShared(false);
              m.create.reset();
              setDialog(true);
            }}
          >
            Save as a new view…
          </Menu.Item>
          {canChange && (
            <Menu.Item onClick={update}>Update “{current.name}” with these settings</Menu.Item>
          )}
          {canChange && (
            <Menu.Item
              color="red"
              onClick={() => {
                if (window.confirm(`Delete the view “${current.name}”?`)) remove();
              }}
            >
              Delete “{current.name}”
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={dialog} onClose={() => setDialog(false)} title="Save this view">
        <form onSubmit={save}>
          <Stack gap="sm">
            <TextInput
              label="Name"
              required
              data-autofocus
              value={name}
              maxLength={120}
              onChange={(e) => setName(e.currentTarget.value)}
              error={m.create.isError ? errorMessage(m.create.error) : undefined}
            />
            <Checkbox
              label="Share with everyone in the workspace"
              checked={shared}
              onChange={(e) => setShared(e.currentTarget.checked)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={m.create.isPending} disabled={!name.trim()}>
                Save view
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}

import {
  ActionIcon,
  Anchor,
  AppShell,
  Button,
  Center,
  Group,
  Loader,
  Menu,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import {
  IconChevronDown,
  IconKeyboard,
  IconLogout,
  IconMoon,
  IconPlus,
  IconSettings,
  IconSun,
} from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { api, ApiError, setCsrfToken } from '../../api.ts';
import { useLiveUpdates } from '../live/useLiveUpdates.ts';
import { accessOf, useMe } from './useMe.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { ShortcutsHelp } from '../../components/ShortcutsHelp.tsx';

const CreateCaseDialog = lazy(() =>
  import('../cases/CreateCaseDialog.tsx').then((m) => ({ default: m.CreateCaseDialog })),
);

export function FullPageLoader({ label }: { label: string }) {
  return (
    <Center mih="60vh" aria-live="polite">
      <Group gap="xs">
        <Loader size="sm" />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  const next = computed === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} theme`}>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Switch to ${next} theme`}
        onClick={() => setColorScheme(next)}
      >
        {computed === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  );
}

/** Shown when the session ended (expired, signed out elsewhere): a clear way back in. */
function SessionEnded({ next }: { next: string }) {
  return (
    <Center mih="60vh">
      <Stack align="center" gap="xs">
        <Text fw={600}>You are signed out</Text>
        <Text c="dimmed" size="sm">
          Your session ended. Sign in again to continue where you were.
        </Text>
        <Button
          renderRoot={(props) => (
            <Link to="/sign-in" search={next === '/' ? {} : { next }} {...props} />
          )}
        >
          Sign in
        </Button>
      </Stack>
    </Center>
  );
}

/** The signed-in frame: header, navigation, global shortcuts; sends signed-out people to sign in. */
export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [createOpen, create] = useDisclosure(false);
  const [helpOpen, help] = useDisclosure(false);
  const access = me.data ? accessOf(me.data) : null;
  // One live-update stream for the tab, watching what the page shows.
  useLiveUpdates(me.data !== undefined);

  useHotkeys([
    ['shift+?', help.toggle],
    ['c', () => access?.canCreateCases && create.open()],
  ]);

  if (me.isPending) return <FullPageLoader label="Opening Casefile…" />;
  if (me.error instanceof ApiError && me.error.code === 'unauthenticated')
    return <SessionEnded next={location.href} />;
  if (me.isError || !access)
    return (
      <Center mih="60vh" p="md">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  const account = me.data.account;

  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
    await navigate({ to: '/sign-in' });
  };

  return (
    <AppShell header={{ height: 48 }} padding="sm">
      <AppShell.Header px="sm">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Anchor
              component={Link}
              to="/"
              underline="never"
              fw={700}
              c="var(--mantine-color-text)"
            >
              Casefile
            </Anchor>
            <nav aria-label="Main">
              <Group gap="sm">
                <Anchor component={Link} to="/" size="sm" activeOptions={{ exact: true }}>
                  Cases
                </Anchor>
                {access.has('alerts.view') && (
                  <Anchor component={Link} to="/alerts" size="sm">
                    Alerts
                  </Anchor>
                )}
                {access.has('alerts.view') && (
                  <Anchor component={Link} to="/incidents" size="sm">
                    Incidents
                  </Anchor>
                )}
                {(access.has('alerts.view') || access.has('cases.view')) && (
                  <Anchor component={Link} to="/subjects" size="sm">
                    Subjects
                  </Anchor>
                )}
                <Anchor component={Link} to="/settings" size="sm">
                  Settings
                </Anchor>
              </Group>
            </nav>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {access.canCreateCases && (
              <Tooltip label="New case (c)">
                <Button leftSection={<IconPlus size={14} />} onClick={create.open}>
                  New case
                </Button>
              </Tooltip>
            )}
            <Tooltip label="Keyboard shortcuts (?)">
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label="Keyboard shortcuts"
                onClick={help.open}
              >
                <IconKeyboard size={18} />
              </ActionIcon>
            </Tooltip>
            <ColorSchemeToggle />
            <Menu position="bottom-end" width={220}>
              <Menu.Target>
                <UnstyledButton aria-label={`Account menu of ${account.name}`}>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {account.name}
                    </Text>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {account.email} · {account.role}
                </Menu.Label>
                <Menu.Item
                  leftSection={<IconSettings size={14} />}
                  onClick={() => void navigate({ to: '/settings', search: { section: 'profile' } })}
                >
                  Profile and password
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => void signOut()}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
      <ShortcutsHelp opened={helpOpen} onClose={help.close} />
      {createOpen && (
        <Suspense fallback={null}>
          <CreateCaseDialog opened onClose={create.close} />
        </Suspense>
      )}
    </AppShell>
  );
}

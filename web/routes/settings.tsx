import { Stack, Tabs, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { AccountsSettings } from '../features/settings/AccountsSettings.tsx';
import { CorrelationSettings } from '../features/settings/CorrelationSettings.tsx';
import { PrivacySettings } from '../features/settings/PrivacySettings.tsx';
import { JobsSettings } from '../features/settings/JobsSettings.tsx';
import { ProfileSettings } from '../features/settings/ProfileSettings.tsx';
import { StatusesSettings } from '../features/settings/StatusesSettings.tsx';
import { TokensSettings } from '../features/settings/TokensSettings.tsx';
import { WebhooksSettings } from '../features/settings/WebhooksSettings.tsx';
import { accessOf, useMe } from '../features/session/useMe.ts';
import type { SettingsSection } from '../router.tsx';

const route = getRouteApi('/app/settings');

export function SettingsPage() {
  const { section = 'profile' } = route.useSearch();
  const navigate = route.useNavigate();
  const me = useMe();
  if (!me.data) return null;
  const access = accessOf(me.data);
  return (
    <Stack gap="sm" maw={1100}>
      <Title order={1} size="h3">
        Settings
      </Title>
      <Tabs
        value={section}
        keepMounted={false}
        onChange={(v) =>
          void navigate({ search: { section: (v ?? 'profile') as SettingsSection }, replace: true })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="profile">Profile and password</Tabs.Tab>
          <Tabs.Tab value="tokens">API tokens</Tabs.Tab>
          {access.isMember && <Tabs.Tab value="statuses">Case statuses</Tabs.Tab>}
          {access.isAdmin && <Tabs.Tab value="accounts">Accounts and roles</Tabs.Tab>}
          {access.isAdmin && <Tabs.Tab value="correlation">Correlation and incidents</Tabs.Tab>}
          {access.isAdmin && <Tabs.Tab value="privacy">Privacy</Tabs.Tab>}
          {access.isAdmin && <Tabs.Tab value="jobs">Background jobs</Tabs.Tab>}
          {access.isAdmin && <Tabs.Tab value="webhooks">Webhooks</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="profile" pt="sm">
          <ProfileSettings me={me.data} />
        </Tabs.Panel>
        <Tabs.Panel value="tokens" pt="sm">
          <TokensSettings />
        </Tabs.Panel>
        {access.isMember && (
          <Tabs.Panel value="statuses" pt="sm">
            <StatusesSettings canEdit={access.canCustomizeStatuses} />
          </Tabs.Panel>
        )}
        {access.isAdmin && (
          <Tabs.Panel value="accounts" pt="sm">
            <AccountsSettings meId={me.data.account.id} />
          </Tabs.Panel>
        )}
        {access.isAdmin && (
          <Tabs.Panel value="correlation" pt="sm">
            <CorrelationSettings />
          </Tabs.Panel>
        )}
        {access.isAdmin && (
          <Tabs.Panel value="privacy" pt="sm">
            <PrivacySettings />
          </Tabs.Panel>
        )}
        {access.isAdmin && (
          <Tabs.Panel value="jobs" pt="sm">
            <JobsSettings />
          </Tabs.Panel>
        )}
        {access.isAdmin && (
          <Tabs.Panel value="webhooks" pt="sm">
            <WebhooksSettings />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

import { Anchor, Breadcrumbs, Center, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ErrorState } from '../components/ErrorState.tsx';
import { ActivityTab } from '../features/case/ActivityTab.tsx';
import { CaseHeader } from '../features/case/CaseHeader.tsx';
import { SubjectReveal } from '../features/subjects/SubjectReveal.tsx';
import { AlertsTab, IncidentsTab } from '../features/case/LinkedTabs.tsx';
import { ContributorsTab } from '../features/case/ContributorsTab.tsx';
import { EvidenceTab } from '../features/evidence/EvidenceTab.tsx';
import { OverviewTab } from '../features/case/OverviewTab.tsx';
import { TasksTab } from '../features/case/TasksTab.tsx';
import { useCase } from '../features/case/useCase.ts';
import { accessOf, useMe } from '../features/session/useMe.ts';
import type { CaseTab } from '../router.tsx';

const route = getRouteApi('/app/cases/$number');

export function CasePage() {
  const { number: raw } = route.useParams();
  const { tab: asked = 'overview' } = route.useSearch();
  const navigate = route.useNavigate();
  const number = Number(raw);
  const me = useMe();
  const c = useCase(number);
  const access = me.data ? accessOf(me.data) : null;
  // The alerts and incidents tabs are for those who may see alerts; a link to one shows the rest.
  const seesAlerts = access?.has('alerts.view') ?? false;
  // Who may read subjects (the server's rule for /subjects): members who see cases or alerts.
  const readsSubjects = seesAlerts || (access?.has('cases.view') ?? false);
  const hidden = (t: CaseTab) =>
    (!seesAlerts && (t === 'alerts' || t === 'incidents')) ||
    (t === 'evidence' && c.data?.access.canManageEvidence !== true);
  const tab = hidden(asked) ? 'overview' : asked;

  if (c.isPending || !access)
    return (
      <Center mih="40vh">
        <Group gap="xs">
          <Loader size="sm" />
          <Text c="dimmed">Loading case #{raw}…</Text>
        </Group>
      </Center>
    );
  if (c.isError)
    return (
      <Stack maw={640}>
        <ErrorState
          error={c.error}
          title={`Case #${raw} could not be opened`}
          onRetry={() => void c.refetch()}
        />
        <Anchor component={Link} to="/">
          {access.isMember ? 'Back to the cases' : 'Back to the cases shared with me'}
        </Anchor>
      </Stack>
    );

  return (
    <Stack gap="sm">
      <Breadcrumbs>
        <Anchor component={Link} to="/" size="sm">
          {access.isMember ? 'Cases' : 'Cases shared with me'}
        </Anchor>
        <Text size="sm">#{c.data.number}</Text>
      </Breadcrumbs>
      <CaseHeader c={c.data} isMember={access.isMember} />
      <SubjectReveal c={c.data} />
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(v) =>
          void navigate({ search: { tab: (v ?? 'overview') as CaseTab }, replace: true })
        }
      >
        <Tabs.List>
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="tasks">
            Tasks{' '}
            {c.data.taskCounts.total > 0 &&
              `(${c.data.taskCounts.open}/${c.data.taskCounts.total})`}
          </Tabs.Tab>
          <Tabs.Tab value="activity">
            Activity {c.data.commentCount > 0 && `(${c.data.commentCount})`}
          </Tabs.Tab>
          {seesAlerts && (
            <>
              <Tabs.Tab value="alerts">Alerts</Tabs.Tab>
              <Tabs.Tab value="incidents">Incidents</Tabs.Tab>
            </>
          )}
          {c.data.access.canManageEvidence && <Tabs.Tab value="evidence">Evidence</Tabs.Tab>}
          <Tabs.Tab value="contributors">Contributors</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="sm">
          <OverviewTab c={c.data} seesAlerts={seesAlerts} readsSubjects={readsSubjects} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks" pt="sm">
          <TasksTab number={number} canManage={c.data.access.canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="activity" pt="sm">
          <ActivityTab number={number} canComment={c.data.access.canComment} />
        </Tabs.Panel>
        <Tabs.Panel value="alerts" pt="sm">
          <AlertsTab
            number={number}
            canManage={c.data.access.canEdit}
            canTriage={access.has('alerts.triage')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="incidents" pt="sm">
          <IncidentsTab number={number} canManage={c.data.access.canEdit} />
        </Tabs.Panel>
        {c.data.access.canManageEvidence && (
          <Tabs.Panel value="evidence" pt="sm">
            <EvidenceTab c={c.data} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="contributors" pt="sm">
          <ContributorsTab number={number} canManage={c.data.access.canManageContributors} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

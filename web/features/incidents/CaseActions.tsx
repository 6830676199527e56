import { Button, NumberInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, type IncidentInfo } from '../../api.ts';
import { errorMessage } from '../../components/ErrorState.tsx';
import { suggestCase } from '../alerts/case-suggestion.ts';
import { CaseFromAlertsDialog, type CaseTarget } from '../alerts/CaseFromAlertsDialog.tsx';
import { useTriageRefresh } from '../alerts/useAlerts.ts';

/** "Create case": the new-case dialog, suggested from the incident; the case opens linked to it. */
function CreateCaseFromIncident({
  incident: i,
  onClose,
}: {
  incident: IncidentInfo;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const refresh = useTriageRefresh();
  const [suggestion] = useState(() =>
    suggestCase(i.alerts, {
      subject: i.subject,
      origin: `incident #${i.id}`,
      total: i.alertCount,
      fallbackTitle: i.title,
    }),
  );
  const submit = async (target: CaseTarget) => {
    if (!('newCase' in target)) return;
    const c = await api.createCase(target.newCase);
    try {
      await api.linkToCase(c.number, { incidentIds: [i.id] });
      notifications.show({ color: 'green', message: `Incident opened as case #${c.number}` });
    } catch (e) {
      // The case exists by now: say so, and go to it, rather than offer to open a second one.
      notifications.show({
        color: 'red',
        title: `Case #${c.number} was opened, but the incident was not linked to it`,
        message: `${errorMessage(e)} Link it from the case's Incidents tab.`,
      });
    } finally {
      void refresh();
    }
    onClose();
    void navigate({
      to: '/cases/$number',
      params: { number: String(c.number) },
      search: { tab: 'incidents' },
    });
  };
  return (
    <CaseFromAlertsDialog
      heading={`New case from incident #${i.id}`}
      suggestion={suggestion}
      submitLabel="Open case"
      errorTitle="The case was not opened"
      onSubmit={submit}
      onClose={onClose}
    />
  );
}

/** "Link to case" by number, or "Create case" from the incident through the new-case dialog. */
export function CaseActions({ incident: i }: { incident: IncidentInfo }) {
  const refresh = useTriageRefresh();
  const [caseNumber, setCaseNumber] = useState<number | string>('');
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);

  const link = async () => {
    setBusy(true);
    try {
      await api.linkToCase(Number(caseNumber), { incidentIds: [i.id] });
      notifications.show({ color: 'green', message: `Incident linked to case #${caseNumber}` });
      await refresh();
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not linked', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <NumberInput
        label="Case number"
        w={140}
        min={1}
        allowDecimal={false}
        value={caseNumber}
        onChange={setCaseNumber}
      />
      <Button
        variant="default"
        disabled={typeof caseNumber !== 'number'}
        loading={busy}
        onClick={() => void link()}
      >
        Link to case
      </Button>
      <Button onClick={() => setCreating(true)}>Create case…</Button>
      {creating && <CreateCaseFromIncident incident={i} onClose={() => setCreating(false)} />}
    </>
  );
}

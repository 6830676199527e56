import { Button, NumberInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, type IncidentInfo } from '../../api.ts';
import { errorMessage } from '../../components/ErrorState.tsx';
import { useTriageRefresh } from '../alerts/useAlerts.ts';

/** "Link to case" by number, or "Create case" from the incident and open it. */
export function CaseActions({ incident: i }: { incident: IncidentInfo }) {
  const navigate = useNavigate();
  const refresh = useTriageRefresh();
  const [caseNumber, setCaseNumber] = useState<number | string>('');
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<number>, verb: string) => {
    setBusy(true);
    try {
      const number = await work();
      notifications.show({ color: 'green', message: `Incident ${verb} case #${number}` });
      await refresh();
      return number;
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not linked', message: errorMessage(e) });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const link = () =>
    run(async () => {
      await api.linkToCase(Number(caseNumber), { incidentIds: [i.id] });
      return Number(caseNumber);
    }, 'linked to');
  const create = async () => {
    const number = await run(async () => {
      const c = await api.createCase({ title: i.title, subjectId: i.subject?.id });
      await api.linkToCase(c.number, { incidentIds: [i.id] });
      return c.number;
    }, 'opened as');
    if (number !== undefined)
      void navigate({
        to: '/cases/$number',
        params: { number: String(number) },
        search: { tab: 'incidents' },
      });
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
      <Button loading={busy} onClick={() => void create()}>
        Create case
      </Button>
    </>
  );
}

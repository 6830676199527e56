import type { EvidenceProblem, EvidenceReport } from '../../contract/evidence-verify.ts';
import type { Database } from '../../server/db/connection.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { loadCase } from '../../server/modules/cases/index.ts';
import {
  evidenceStoreOf,
  hasProblems,
  verifyEvidence,
  type VerifyScope,
} from '../../server/modules/evidence/index.ts';
import { systemCtx, withDatabase } from './open.ts';
import type { Command } from './types.ts';

const labels: Record<EvidenceProblem['kind'], string> = {
  missing: 'MISSING',
  altered: 'ALTERED',
  unreadable: 'UNREADABLE',
  broken_chain: 'BROKEN CHAIN',
  unreferenced: 'UNREFERENCED',
};

/** One line per problem: what, which item of which case, and what is wrong with it. */
export function problemLine(p: EvidenceProblem): string {
  const label = labels[p.kind].padEnd(12);
  if (p.evidenceId === null) return `${label}  blob ${p.sha256}: ${p.detail}`;
  const where = p.caseNumber === null ? '' : `, case ${p.caseNumber}`;
  return `${label}  evidence ${p.evidenceId}${where}: ${p.detail}`;
}

const size = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(2)} GiB`
    : bytes >= 1024 ** 2
      ? `${(bytes / 1024 ** 2).toFixed(1)} MiB`
      : `${(bytes / 1024).toFixed(1)} KiB`;

export function summaryLines(r: EvidenceReport, seconds: number): string[] {
  const counts = [
    `${r.intact} intact`,
    `${r.missing} missing`,
    `${r.altered} altered`,
    ...(r.unreadable > 0 ? [`${r.unreadable} unreadable`] : []),
    `${r.brokenChains} broken custody chains`,
    r.unreferenced === null
      ? 'unreferenced blobs not looked for'
      : `${r.unreferenced} unreferenced blobs`,
  ];
  return [
    `Verified ${r.items} evidence items (${r.blobs} stored files, ${size(r.bytes)}) in ${seconds.toFixed(1)} s: ${counts.join(', ')}.`,
    hasProblems(r) ? 'INTEGRITY PROBLEMS FOUND.' : 'All evidence is intact.',
  ];
}

async function workspaceOf(database: Database, given: string): Promise<number> {
  const q = database.db.selectFrom('workspaces').select('id');
  const row = /^\d+$/.test(given)
    ? await q.where('id', '=', Number(given)).executeTakeFirst()
    : await q.where('slug', '=', given).executeTakeFirst();
  if (!row) throw new Error(`No workspace ${given}`);
  return row.id;
}

/**
 * `casefile verify-evidence [--case N] [--workspace W]`: hashes every stored item again and checks
 * every custody log (one workspace's, by slug or id, or one case of it; everything by default),
 * printing each problem. Exits 3 when anything is wrong.
 */
export const verifyEvidenceCommand: Command = {
  options: {
    case: { type: 'string' },
    workspace: { type: 'string' },
    concurrency: { type: 'string' },
  },
  run: (config, values) =>
    withDatabase(config, async (database, defaultWorkspace) => {
      const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
      if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64))
        throw new Error('--concurrency must be a whole number from 1 to 64');
      const scope: VerifyScope = {};
      if (typeof values.workspace === 'string')
        scope.workspaceId = await workspaceOf(database, values.workspace);
      if (typeof values.case === 'string') {
        const number = Number(values.case);
        if (!Number.isSafeInteger(number) || number < 1)
          throw new Error('--case must be a case number');
        scope.workspaceId ??= defaultWorkspace;
        const ctx = systemCtx(config, database, scope.workspaceId);
        const { row } = await loadCase(ctx, number);
        scope.case = { id: row.id, number: row.number };
      }
      const store = evidenceStoreOf(config);
      const what = scope.case
        ? `case ${scope.case.number}`
        : scope.workspaceId === undefined
          ? 'all evidence'
          : `workspace ${values.workspace}`;
      console.log(`Verifying ${what} in ${store.location}`);
      const t0 = performance.now();
      const report = await verifyEvidence(
        { db: database.db, clock: systemClock, log: silentLogger, store },
        scope,
        { concurrency, onProblem: (p) => console.log(problemLine(p)) },
      );
      for (const line of summaryLines(report, (performance.now() - t0) / 1000)) console.log(line);
      return hasProblems(report) ? 3 : 0;
    }),
};

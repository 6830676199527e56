import { verifyAuditChain } from '../../server/modules/audit/index.ts';
import { withDatabase } from './open.ts';
import type { Command } from './types.ts';

export const verifyAudit: Command = {
  options: {},
  run: (config) =>
    withDatabase(config, async (database) => {
      const workspaces = await database.db
        .selectFrom('workspaces')
        .select(['id', 'name'])
        .orderBy('id')
        .execute();
      let broken = 0;
      for (const ws of workspaces) {
        const report = await verifyAuditChain(database.db, ws.id);
        if (report.ok) {
          console.log(`${ws.name}: ${report.checked} audit events verified, chain intact.`);
        } else {
          broken += 1;
          const b = report.firstBroken;
          console.log(
            `${ws.name}: BROKEN at event #${b?.seq ?? '?'}${b?.id ? ` (row id ${b.id})` : ''}: ${b?.reason ?? ''}. ${report.checked} events before it verified.`,
          );
        }
      }
      return broken === 0 ? 0 : 3;
    }),
};

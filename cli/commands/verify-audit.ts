import { readFileSync } from 'node:fs';
import { systemClock } from '../../server/lib/clock.ts';
import {
  checkAuditAnchors,
  defaultAnchorFile,
  parseAuditAnchors,
  verifyAuditChain,
  writeAuditAnchors,
  type AuditAnchor,
} from '../../server/modules/audit/index.ts';
import { withDatabase } from './open.ts';
import type { Command } from './types.ts';

export const verifyAudit: Command = {
  options: { anchor: { type: 'string' } },
  run: (config, values) =>
    withDatabase(config, async (database) => {
      const anchors: AuditAnchor[] =
        typeof values.anchor === 'string'
          ? parseAuditAnchors(readFileSync(values.anchor, 'utf8'))
          : [];
      const workspaces = await database.db
        .selectFrom('workspaces')
        .select(['id', 'name'])
        .orderBy('id')
        .execute();
      let broken = 0;
      for (const ws of workspaces) {
        const report = await verifyAuditChain(database.db, ws.id);
        if (!report.ok) {
          broken += 1;
          const b = report.firstBroken;
          console.log(
            `${ws.name}: BROKEN at event #${b?.seq ?? '?'}${b?.id ? ` (row id ${b.id})` : ''}: ${b?.reason ?? ''}. ${report.checked} events before it verified.`,
          );
          continue;
        }
        const contradicted = await checkAuditAnchors(database.db, ws.id, anchors);
        if (contradicted) {
          broken += 1;
          console.log(`${ws.name}: BROKEN against its anchors: ${contradicted.reason}.`);
          continue;
        }
        const anchored = anchors.filter((a) => a.workspaceId === ws.id).length;
        console.log(
          `${ws.name}: ${report.checked} audit events verified, chain intact${anchored > 0 ? `, ${anchored} anchors matched` : ''}.`,
        );
      }
      return broken === 0 ? 0 : 3;
    }),
};

export const anchorAudit: Command = {
  options: { file: { type: 'string' } },
  run: (config, values) =>
    withDatabase(config, async (database) => {
      const file =
        typeof values.file === 'string' ? values.file : defaultAnchorFile(config.dataDir);
      const written = await writeAuditAnchors(database.db, systemClock, file);
      for (const a of written)
        console.log(`workspace ${a.workspaceId}: anchored event #${a.seq} in ${file}`);
      return 0;
    }),
};

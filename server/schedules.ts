import type { Config } from './config.ts';
import type { Engine } from './db/connection.ts';
import { defineSchedule, type Schedule } from './jobs/index.ts';
import { pruneJobsJob } from './jobs/prune.ts';
import './jobs/sqlite-optimize.ts';
import { refreshRiskJob } from './modules/activities/risk-refresh.job.ts';
import { writeAnchorsJob } from './modules/audit/anchor.job.ts';
import { sweepSessionsJob } from './modules/accounts/session-sweep.job.ts';
import { defaultAnchorFile } from './modules/audit/index.ts';
import { sweepJob } from './modules/webhooks/index.ts';

/** Every recurring duty of the server, run by `server/jobs/scheduler.ts`. */
export function recurringDuties(config: Config, engine: Engine): Schedule[] {
  return [
    ...(engine === 'sqlite'
      ? [
          defineSchedule({
            name: 'db.optimize',
            everySeconds: 3600,
            type: 'db.optimize',
            payload: {},
          }),
        ]
      : []),
    defineSchedule({
      name: 'accounts.sweep-sessions',
      everySeconds: 3600,
      type: sweepSessionsJob.type,
      payload: {},
    }),
    defineSchedule({
      name: 'audit.write-anchors',
      everySeconds: config.auditAnchorMinutes * 60,
      type: writeAnchorsJob.type,
      payload: {
        file: defaultAnchorFile(config.dataDir),
        ...(config.auditAnchorUrl && {
          url: config.auditAnchorUrl,
          allowHosts: [...config.webhookAllowHosts],
        }),
      },
    }),
    defineSchedule({
      name: 'activities.refresh-risk',
      everySeconds: 3600,
      type: refreshRiskJob.type,
      payload: {},
    }),
    defineSchedule({
      name: 'jobs.prune',
      everySeconds: 86_400,
      type: pruneJobsJob.type,
      payload: { keepDays: config.jobs.keepDays },
    }),
    defineSchedule({
      name: 'webhooks.sweep',
      everySeconds: config.webhookSweepSeconds,
      type: sweepJob.type,
      payload: {},
    }),
  ];
}

import { accountCreate, accountDisable, accountResetPassword } from './account.ts';
import { configDocs } from './config-docs.ts';
import { demo } from './demo.ts';
import { jobsList, jobsRetry } from './jobs.ts';
import { migrate } from './migrate.ts';
import { openapi } from './openapi.ts';
import { serve } from './serve.ts';
import { tokenCreate } from './token.ts';
import type { Command } from './types.ts';
import { anchorAudit, verifyAudit } from './verify-audit.ts';
import { verifyEvidenceCommand } from './verify-evidence.ts';
import { worker } from './worker.ts';

export const commands: Record<string, Command> = {
  serve,
  migrate,
  'account create': accountCreate,
  'account reset-password': accountResetPassword,
  'account disable': accountDisable,
  'token create': tokenCreate,
  'verify-audit': verifyAudit,
  'audit-anchor': anchorAudit,
  'verify-evidence': verifyEvidenceCommand,
  worker,
  'jobs list': jobsList,
  'jobs retry': jobsRetry,
  demo,
  'config-docs': configDocs,
  openapi,
};

import type { DismissCategory } from '../../contract/alerts.ts';
import type { Priority } from '../../contract/common.ts';
import type { TaskStatus } from '../../contract/tasks.ts';

/** An account of the demo roster, by its index in `demoAccounts`. */
export type Who = number;

/** An alert of the demo, by its index in the plan's `alerts` (ordered by detection time). */
export type AlertIdx = number;

/** One change of the demo, made at `at` (epoch ms) by `by` on the case `caseIdx`. */
export type Step = { at: number; by: Who; caseIdx: number } & (
  | {
      kind: 'createCase';
      title: string;
      description: string;
      priority: Priority;
      tags: string[];
      assignee: Who | null;
      dueAt: number | null;
      /** Opened by confirming these alerts into it (the case gets their subject). */
      fromAlerts?: AlertIdx[];
      /** Opened for the subject of this alert (a case made from its incident). */
      subjectOf?: AlertIdx;
    }
  | { kind: 'linkIncident'; alert: AlertIdx }
  | { kind: 'confirmAlerts'; alerts: AlertIdx[] }
  | {
      kind: 'updateCase';
      toActive?: boolean;
      assignee?: Who | null;
      priority?: Priority;
      dueAt?: number | null;
      tags?: string[];
    }
  | { kind: 'addContributor'; account: Who }
  | {
      kind: 'createTask';
      taskIdx: number;
      title: string;
      description: string;
      priority: Priority;
      owner: Who | null;
      dueAt: number | null;
    }
  | { kind: 'updateTask'; taskIdx: number; status: TaskStatus; closingNote?: string }
  | { kind: 'comment'; body: string; format: 'plain' | 'markdown' }
  | { kind: 'resolve'; classification: 'benign' | 'confirmed_violation'; reason: string }
  | { kind: 'reopen'; reason: string }
);

export type StepKind = Step['kind'];

/** What happens to alerts outside a case: their delivery and their triage in the queue. */
export type AlertStep = { at: number } & (
  | { kind: 'ingest'; alerts: AlertIdx[] }
  | {
      kind: 'dismiss';
      by: Who;
      alerts: AlertIdx[];
      category: DismissCategory;
      reason: string;
    }
  | { kind: 'takeIncident'; by: Who; alert: AlertIdx }
  /** Resolves the alert's incident, when it is ready: every alert triaged, every case closed. */
  | { kind: 'resolveIncident'; by: Who; alert: AlertIdx }
);

/** What happens to a case over its life, decided before its steps are laid out in time. */
export interface CaseProfile {
  createdAt: number;
  state: 'new' | 'active' | 'closed';
  classification: 'benign' | 'confirmed_violation' | null;
  /** Closed cases only: reopened after resolution, and resolved again or left open. */
  reopen: 'no' | 'stays_open' | 'resolved_again';
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A step before it is placed in time and on a case. */
export type StepBody = DistributiveOmit<Step, 'at' | 'by' | 'caseIdx'>;

import { z } from 'zod';
import { QueryId, csv } from './common.ts';

/**
 * Live updates: one server-sent-events stream per browser tab (`GET /api/v1/stream`). The tab
 * says on connect what it shows; each event names what changed and which of the tab's queries
 * to reload, never the changed fields themselves: the tab reads those through the API, where
 * the usual permission checks apply.
 */

/** The queues a tab may watch. */
export const liveQueues = ['cases', 'alerts', 'incidents'] as const;
export type LiveQueue = (typeof liveQueues)[number];

export const StreamQuery = z.strictObject({
  queues: csv(z.enum(liveQueues)).describe(
    'The queues the tab shows (comma-separated): cases (the dashboard), alerts, incidents',
  ),
  case: QueryId.optional().describe('The number of the case the tab has open'),
  incident: QueryId.optional().describe('The id of the incident the tab has open'),
});
export type StreamQuery = z.output<typeof StreamQuery>;

/**
 * What a tab should reload: the case's own record, its tasks, its activity log, its
 * contributors or its links; its evidence (the list, an item and its custody log, its content:
 * only to those who may see the evidence); a queue; an incident's record.
 */
export const liveTopics = [
  'case',
  'tasks',
  'activity',
  'contributors',
  'links',
  'evidence',
  'cases',
  'alerts',
  'incidents',
  'incident',
] as const;
export type LiveTopic = (typeof liveTopics)[number];

/** `event: change`: one event of the workspace's log that the viewer may know of. */
export const LiveChange = z.strictObject({
  seq: z.number().int().describe('The event’s sequence in the workspace’s log (also its `id:`)'),
  type: z.string().describe('The event type, as in the activity log and webhooks'),
  caseNumber: z
    .number()
    .int()
    .optional()
    .describe(
      'The case it belongs to; absent on an `evidence` change about every case (a verification of all evidence)',
    ),
  incidentId: z.number().int().optional().describe('The incident it is about'),
  alertIds: z
    .array(z.number().int())
    .max(100)
    .optional()
    .describe('The alerts it is about (at most 100; more are not listed)'),
  evidenceIds: z
    .array(z.number().int())
    .max(100)
    .optional()
    .describe('The evidence items it is about'),
  created: z.boolean().optional().describe('True when the change added the target'),
  topics: z.array(z.enum(liveTopics)).describe('What a tab showing it should reload'),
});
export type LiveChange = z.output<typeof LiveChange>;

/** `event: ready`, first on every connection: the log's sequence the stream starts after. */
export const LiveReady = z.strictObject({
  seq: z.number().int(),
  replayed: z.number().int().describe('Events sent again after Last-Event-ID'),
});
export type LiveReady = z.output<typeof LiveReady>;

/**
 * `event: resync`: the stream could not say what changed since Last-Event-ID (too far behind,
 * or an unknown sequence); reload everything shown. The stream goes on from `seq`.
 */
export const LiveResync = z.strictObject({ seq: z.number().int() });
export type LiveResync = z.output<typeof LiveResync>;

export const streamDescription = [
  'A `text/event-stream` of what changes in the workspace, filtered by what the caller may',
  'read and by what the tab watches (`queues`, `case`, `incident`). Events: `ready`',
  '(`{ seq, replayed }`), `change` (`LiveChange`, `id:` its log sequence), `resync`',
  '(`{ seq }`: reload everything). Reconnect with `Last-Event-ID` to receive what was missed,',
  'up to CASEFILE_STREAM_REPLAY_EVENTS events; further behind, `resync`. A comment line is sent',
  'every CASEFILE_STREAM_HEARTBEAT_SECONDS; the stream ends when the session or token is no',
  'longer valid. Signed-in sessions and `full` or `read` API tokens may connect.',
].join(' ');

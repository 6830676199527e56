export { inTransaction, joinUnit, type Emit, type Unit, type UnitCtx } from './unit-of-work.ts';
export {
  COMMITTED_CHANNEL,
  onCommitted,
  parseCommitted,
  publishCommitted,
  type Committed,
} from './committed.ts';
export {
  eventTargets,
  eventTypes,
  isEventType,
  type AlertStatusMove,
  type CaseCreated,
  type CaseFieldChanges,
  type EventInput,
  type EventMap,
  type EventType,
  type PersonRef,
  type StatusRef,
} from './event-map.ts';
export { listenForCommits, type CommitListener } from './listen.ts';

export {
  defineJob,
  enqueueJob,
  rearmJob,
  type JobCtx,
  type JobDefinition,
  type JobPayloads,
  type JobType,
} from './registry.ts';
export { startWorker, wakeLocalWorkers, type Worker, type WorkerOptions } from './worker.ts';
export { defineSchedule, runSchedules, startScheduler, type Schedule } from './scheduler.ts';
export { findJob, jobStates, jobKeys, listJobs, requeueJob, type JobState } from './jobs.repo.ts';

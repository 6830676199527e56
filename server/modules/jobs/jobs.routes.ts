import { IdParam } from '../../../contract/common.ts';
import { Job, JobPage, ListJobsQuery } from '../../../contract/jobs.ts';
import { defineRoute } from '../../http/route.ts';
import { listJobsFor, retryJob } from './jobs.service.ts';

const tag = 'Jobs';

export const jobRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/jobs',
    operationId: 'listJobs',
    summary: "Background jobs of the workspace and the server's duties, newest first (admins)",
    tag,
    auth: 'any',
    query: ListJobsQuery,
    response: { status: 200, schema: JobPage },
    handler: ({ ctx, query }) => listJobsFor(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/jobs/:id/retry',
    operationId: 'retryJob',
    summary: 'Run a failed or dead job again, with fresh attempts (admins); audited',
    tag,
    auth: 'any',
    params: IdParam,
    response: { status: 200, schema: Job },
    handler: ({ ctx, params }) => retryJob(ctx, params.id),
  }),
];

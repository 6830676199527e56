import { IdParam } from '../../../contract/common.ts';
import { SubjectSummary } from '../../../contract/subject-summary.ts';
import { defineRoute } from '../../http/route.ts';
import { getSubjectSummary } from './subject-summary.service.ts';

export const subjectSummaryRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/subjects/:id/summary',
    operationId: 'getSubjectSummary',
    summary: "A subject's alerts by severity and status, its incidents and the cases about it",
    description:
      'Each part as the caller may see it: alert counts and incidents need the alerts.view permission (null otherwise); the cases are those the caller may open. Lists hold the 20 most recent; `total` counts them all (exactly up to 10,000).',
    tag: 'Subjects',
    auth: 'any',
    params: IdParam,
    response: { status: 200, schema: SubjectSummary },
    handler: ({ ctx, params }) => getSubjectSummary(ctx, params.id),
  }),
];

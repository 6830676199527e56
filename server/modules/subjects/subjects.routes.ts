import { IdParam } from '../../../contract/common.ts';
import { ListSubjectsQuery, Subject, SubjectPage } from '../../../contract/subjects.ts';
import { defineRoute } from '../../http/route.ts';
import { getSubject, listSubjects } from './subjects.service.ts';

const tag = 'Subjects';

export const subjectRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/subjects',
    operationId: 'listSubjects',
    summary: 'The monitored people alerts are about, by name',
    tag,
    auth: 'any',
    query: ListSubjectsQuery,
    response: { status: 200, schema: SubjectPage },
    handler: ({ ctx, query }) => listSubjects(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/subjects/:id',
    operationId: 'getSubject',
    summary: 'One subject',
    tag,
    auth: 'any',
    params: IdParam,
    response: { status: 200, schema: Subject },
    handler: ({ ctx, params }) => getSubject(ctx, params.id),
  }),
];

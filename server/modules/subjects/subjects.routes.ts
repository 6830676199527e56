import { IdParam } from '../../../contract/common.ts';
import {
  ListSubjectsQuery,
  LookUpPseudonym,
  PseudonymLookup,
  Subject,
  SubjectPage,
} from '../../../contract/subjects.ts';
import { defineRoute } from '../../http/route.ts';
import { lookUpPseudonym } from './reveals.service.ts';
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
  defineRoute({
    method: 'POST',
    url: '/api/v1/subjects/pseudonym-lookups',
    operationId: 'lookUpPseudonym',
    summary:
      'The pseudonym of a known e-mail or UPN, saying why (subjects.reveal); audited. A POST so the identity stays out of URLs and logs',
    tag,
    auth: 'any',
    body: LookUpPseudonym,
    response: { status: 200, schema: PseudonymLookup },
    handler: ({ ctx, body }) => lookUpPseudonym(ctx, body),
  }),
];

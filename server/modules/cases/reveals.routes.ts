import { NumberParam } from '../../../contract/common.ts';
import { CaseReveals, RevealSubject } from '../../../contract/subjects.ts';
import { defineRoute } from '../../http/route.ts';
import {
  endCaseSubjectReveal,
  listCaseSubjectReveals,
  revealCaseSubject,
} from './service/subject-reveals.ts';

const tag = 'Cases';

export const revealRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/cases/:number/subject-reveals',
    operationId: 'listCaseSubjectReveals',
    summary: "Who revealed the case's pseudonymised subject, when and why",
    tag,
    auth: 'any',
    params: NumberParam,
    response: { status: 200, schema: CaseReveals },
    handler: ({ ctx, params }) => listCaseSubjectReveals(ctx, params.number),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/cases/:number/subject-reveals',
    operationId: 'revealCaseSubject',
    summary:
      "Reveal the case's subject to yourself for the workspace's reveal time, saying why (subjects.reveal); audited",
    tag,
    auth: 'any',
    params: NumberParam,
    body: RevealSubject,
    response: { status: 201, schema: CaseReveals },
    handler: ({ ctx, params, body }) => revealCaseSubject(ctx, params.number, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/cases/:number/subject-reveals/mine',
    operationId: 'endCaseSubjectReveal',
    summary: "End your reveal of the case's subject before it expires; audited",
    tag,
    auth: 'any',
    params: NumberParam,
    response: { status: 200, schema: CaseReveals },
    handler: ({ ctx, params }) => endCaseSubjectReveal(ctx, params.number),
  }),
];

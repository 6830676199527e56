import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  BulkOutcome,
  BulkUpdateCases,
  CaseDetail,
  CasePage,
  CreateCase,
  ListCasesQuery,
  ReopenCase,
  ResolveCase,
  UpdateCase,
} from '../../../contract/cases.ts';
import { NumberParam } from '../../../contract/common.ts';
import { ifMatchVersion } from '../../http/if-match.ts';
import { defineRoute } from '../../http/route.ts';
import { sendCsv } from '../../http/send-csv.ts';
import type { CaseDetailView } from './cases.presenter.ts';
import { bulkUpdateCases } from './service/bulk-update.ts';
import { createCase } from './service/create-case.ts';
import { exportCases } from './service/export-cases.ts';
import { listCases } from './service/list-cases.ts';
import { reopenCase, resolveCase } from './service/resolve-case.ts';
import { getCase, updateCase } from './service/update-case.ts';

const tag = 'Cases';

const withEtag = (reply: FastifyReply, view: CaseDetailView) => {
  reply.header('etag', `"${view.version}"`);
  return view;
};

export const caseRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/cases',
    operationId: 'listCases',
    summary: 'The case queue: filter, search, sort, page',
    tag,
    auth: 'any',
    query: ListCasesQuery,
    response: { status: 200, schema: CasePage },
    handler: ({ ctx, query }) => listCases(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/cases/export',
    operationId: 'exportCases',
    summary: 'The case queue with the same filters and sort, every page, as CSV',
    description:
      'RFC 4180, every cell quoted; a cell a spreadsheet would read as a formula (=, +, -, @, tab, CR) starts with an apostrophe. Subjects appear as the caller sees them: pseudonyms stay pseudonyms.',
    tag,
    auth: 'any',
    query: ListCasesQuery.omit({ limit: true, cursor: true, total: true }),
    response: {
      status: 200,
      schema: z.string().describe('CSV'),
      mediaType: 'text/csv',
      description: 'The CSV text',
    },
    handler: async ({ ctx, query, reply }) =>
      sendCsv(reply, 'cases.csv', await exportCases(ctx, query)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/cases',
    operationId: 'createCase',
    summary: 'Open a case',
    tag,
    auth: 'any',
    body: CreateCase,
    response: { status: 201, schema: CaseDetail },
    handler: async ({ ctx, body, reply }) => withEtag(reply, await createCase(ctx, body)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/cases/bulk',
    operationId: 'bulkUpdateCases',
    summary: 'Assign, set status or set priority of many cases, with an outcome per case',
    tag,
    auth: 'any',
    body: BulkUpdateCases,
    response: { status: 200, schema: BulkOutcome },
    handler: ({ ctx, body }) => bulkUpdateCases(ctx, body.numbers, body.set),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/cases/:number',
    operationId: 'getCase',
    summary: 'Get a case by its number',
    tag,
    auth: 'any',
    params: NumberParam,
    response: { status: 200, schema: CaseDetail },
    handler: async ({ ctx, params, reply }) => withEtag(reply, await getCase(ctx, params.number)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/cases/:number',
    operationId: 'updateCase',
    summary: 'Change case fields',
    description:
      'Send the ETag you last saw as If-Match: when the case changed since, the answer is 412 and nothing changes.',
    tag,
    auth: 'any',
    params: NumberParam,
    body: UpdateCase,
    response: { status: 200, schema: CaseDetail },
    errors: [412, 428],
    handler: async ({ ctx, params, body, req, reply }) =>
      withEtag(reply, await updateCase(ctx, params.number, body, ifMatchVersion(req))),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/cases/:number/resolve',
    operationId: 'resolveCase',
    summary: 'Resolve a case as benign or a confirmed policy violation, with a reason',
    description:
      'In the same transaction, the confirmed alerts the case covers (linked directly or through a linked incident) become resolved, except those another open case still covers; one `alerts.resolved` audit event lists them.',
    tag,
    auth: 'any',
    params: NumberParam,
    body: ResolveCase,
    response: { status: 200, schema: CaseDetail },
    errors: [409, 412, 428],
    handler: async ({ ctx, params, body, req, reply }) =>
      withEtag(reply, await resolveCase(ctx, params.number, body, ifMatchVersion(req))),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/cases/:number/reopen',
    operationId: 'reopenCase',
    summary: 'Reopen a closed case, with a reason',
    description:
      'In the same transaction, the resolved alerts the case covers become confirmed again; one `alerts.reopened` audit event lists them.',
    tag,
    auth: 'any',
    params: NumberParam,
    body: ReopenCase,
    response: { status: 200, schema: CaseDetail },
    errors: [409, 412, 428],
    handler: async ({ ctx, params, body, req, reply }) =>
      withEtag(reply, await reopenCase(ctx, params.number, body, ifMatchVersion(req))),
  }),
];

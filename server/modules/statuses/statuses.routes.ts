import { IdParam } from '../../../contract/common.ts';
import {
  CaseStatus,
  CaseStatusList,
  CreateCaseStatus,
  UpdateCaseStatus,
} from '../../../contract/statuses.ts';
import { defineRoute } from '../../http/route.ts';
import * as service from './statuses.service.ts';

const tag = 'Case statuses';

export const statusRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/case-statuses',
    operationId: 'listCaseStatuses',
    summary: 'List the case statuses in workflow order, retired ones included',
    tag,
    auth: 'any',
    response: { status: 200, schema: CaseStatusList },
    handler: async ({ ctx }) => ({ items: await service.listStatuses(ctx) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/case-statuses',
    operationId: 'createCaseStatus',
    summary: 'Add a case status (customize-statuses permission)',
    tag,
    auth: 'any',
    body: CreateCaseStatus,
    response: { status: 201, schema: CaseStatus },
    errors: [409],
    handler: ({ ctx, body }) => service.createStatus(ctx, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/case-statuses/:id',
    operationId: 'updateCaseStatus',
    summary: 'Rename, reorder, recolour, make default or retire a status',
    description:
      'A status is never deleted: one in use is retired, and stays on the cases that have it.',
    tag,
    auth: 'any',
    params: IdParam,
    body: UpdateCaseStatus,
    response: { status: 200, schema: CaseStatus },
    errors: [409],
    handler: ({ ctx, params, body }) => service.updateStatus(ctx, params.id, body),
  }),
];

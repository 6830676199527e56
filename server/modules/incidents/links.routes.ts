import { NumberParam } from '../../../contract/common.ts';
import { CaseLinkParams, CaseLinks, LinkToCase } from '../../../contract/incidents.ts';
import { defineRoute } from '../../http/route.ts';
import { linkToCase, listCaseLinks, unlinkFromCase } from './links.service.ts';

const tag = 'Cases';

export const caseLinkRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/cases/:number/links',
    operationId: 'listCaseLinks',
    summary: 'The alerts and incidents linked to a case',
    tag,
    auth: 'any',
    params: NumberParam,
    response: { status: 200, schema: CaseLinks },
    handler: ({ ctx, params }) => listCaseLinks(ctx, params.number),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/cases/:number/links',
    operationId: 'linkToCase',
    summary: 'Link alerts and incidents to a case; nothing is merged or moved',
    tag,
    auth: 'any',
    params: NumberParam,
    body: LinkToCase,
    response: { status: 200, schema: CaseLinks },
    handler: ({ ctx, params, body }) => linkToCase(ctx, params.number, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/cases/:number/links/:kind/:id',
    operationId: 'unlinkFromCase',
    summary: 'Unlink one alert or incident from a case',
    tag,
    auth: 'any',
    params: CaseLinkParams,
    response: { status: 204, schema: null },
    handler: ({ ctx, params }) => unlinkFromCase(ctx, params.number, params.kind, params.id),
  }),
];

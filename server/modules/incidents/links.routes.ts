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
    description:
      'Resolved alerts newly covered by an open case become confirmed again, and confirmed ones covered only by closed cases become resolved, audited on the case.',
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
    description:
      'Confirmed or resolved alerts it covered follow what still covers them: resolved when no open case does and a closed case does or their incident is resolved, confirmed otherwise; audited on the case.',
    tag,
    auth: 'any',
    params: CaseLinkParams,
    response: { status: 204, schema: null },
    handler: ({ ctx, params }) => unlinkFromCase(ctx, params.number, params.kind, params.id),
  }),
];

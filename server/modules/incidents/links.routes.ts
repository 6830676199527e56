import { NumberParam } from '../../../contract/common.ts';
import { CaseLinkParams, CaseLinks, LinkToCase } from '../../../contract/incidents.ts';
import type { Ctx } from '../../context.ts';
import { defineRoute } from '../../http/route.ts';
import { presentAlertsById } from '../alerts/index.ts';
import { linkToCase, listCaseLinks, unlinkFromCase } from './links.service.ts';

const tag = 'Cases';

/** The links with their alerts presented by alerts, which incidents does not read. */
const withAlerts = async <T extends { alertIds: number[] }>(ctx: Ctx, links: T) => {
  const { alertIds, ...rest } = links;
  return { ...rest, alerts: await presentAlertsById(ctx, alertIds) };
};

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
    handler: async ({ ctx, params }) => withAlerts(ctx, await listCaseLinks(ctx, params.number)),
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
    handler: async ({ ctx, params, body }) =>
      withAlerts(ctx, await linkToCase(ctx, params.number, body)),
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

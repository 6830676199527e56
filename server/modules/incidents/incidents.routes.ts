import type { FastifyReply } from 'fastify';
import { IdParam } from '../../../contract/common.ts';
import {
  Incident,
  IncidentDetail,
  IncidentPage,
  ListIncidentsQuery,
  UpdateIncident,
} from '../../../contract/incidents.ts';
import { ifMatchVersion } from '../../http/if-match.ts';
import { defineRoute } from '../../http/route.ts';
import { listAlerts } from '../alerts/index.ts';
import { getIncident, listIncidents, updateIncident } from './incidents.service.ts';

const tag = 'Incidents';

const withEtag = <T extends { version: number }>(reply: FastifyReply, view: T) => {
  reply.header('etag', `"${view.version}"`);
  return view;
};

export const incidentRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/incidents',
    operationId: 'listIncidents',
    summary: 'Correlated groups of alerts: filter, sort, page',
    tag,
    auth: 'any',
    query: ListIncidentsQuery,
    response: { status: 200, schema: IncidentPage },
    handler: ({ ctx, query }) => listIncidents(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/incidents/:id',
    operationId: 'getIncident',
    summary: 'One incident with its alerts',
    tag,
    auth: 'any',
    params: IdParam,
    response: { status: 200, schema: IncidentDetail },
    handler: async ({ ctx, params, reply }) => {
      const incident = await getIncident(ctx, params.id);
      // Its newest 200 alerts, read through alerts: incidents never reads the alerts module.
      const alerts = await listAlerts(ctx, {
        incident: params.id,
        sort: 'detectedAt',
        order: 'desc',
        limit: 200,
      });
      return withEtag(reply, { ...incident, alerts: alerts.items });
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/incidents/:id',
    operationId: 'updateIncident',
    summary: "Change an incident's title, status or assignee",
    description:
      'Resolving an incident resolves its confirmed alerts that no open case covers; making it active again confirms again those that no closed case covers. Each change is audited in the same transaction. Send the ETag you last saw as If-Match: when the incident changed since, the answer is 412 and nothing changes.',
    tag,
    auth: 'any',
    params: IdParam,
    body: UpdateIncident,
    response: { status: 200, schema: Incident },
    errors: [412, 428],
    handler: async ({ ctx, params, body, req, reply }) =>
      withEtag(reply, await updateIncident(ctx, params.id, body, ifMatchVersion(req))),
  }),
];

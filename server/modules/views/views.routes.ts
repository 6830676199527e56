import { IdParam } from '../../../contract/common.ts';
import {
  CreateView,
  ListViewsQuery,
  SavedView,
  UpdateView,
  ViewList,
} from '../../../contract/views.ts';
import { defineRoute } from '../../http/route.ts';
import * as service from './views.service.ts';

const tag = 'Saved views';

export const viewRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/views',
    operationId: 'listViews',
    summary:
      'Your saved views of one list (the case queue by default) and the ones shared with the workspace',
    tag,
    auth: 'any',
    query: ListViewsQuery,
    response: { status: 200, schema: ViewList },
    handler: async ({ ctx, query }) => ({ items: await service.listViews(ctx, query.kind) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/views',
    operationId: 'createView',
    summary: 'Save a view: filters, columns and sort, private or shared',
    tag,
    auth: 'any',
    body: CreateView,
    response: { status: 201, schema: SavedView },
    handler: ({ ctx, body }) => service.createView(ctx, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/views/:id',
    operationId: 'getView',
    summary: 'Get one saved view',
    tag,
    auth: 'any',
    params: IdParam,
    response: { status: 200, schema: SavedView },
    handler: ({ ctx, params }) => service.getView(ctx, params.id),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/views/:id',
    operationId: 'updateView',
    summary: 'Change a saved view (its owner or an admin)',
    tag,
    auth: 'any',
    params: IdParam,
    body: UpdateView,
    response: { status: 200, schema: SavedView },
    handler: ({ ctx, params, body }) => service.updateView(ctx, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/views/:id',
    operationId: 'deleteView',
    summary: 'Delete a saved view (its owner or an admin)',
    tag,
    auth: 'any',
    params: IdParam,
    response: { status: 204, schema: null },
    handler: ({ ctx, params }) => service.deleteView(ctx, params.id),
  }),
];

import { NumberParam } from '../../../contract/common.ts';
import { ContributorList, ContributorParams } from '../../../contract/contributors.ts';
import { defineRoute } from '../../http/route.ts';
import { addContributor, listContributors, removeContributor } from './contributors.service.ts';

const tag = 'Contributors';

export const contributorRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/cases/:number/contributors',
    operationId: 'listContributors',
    summary: 'List the accounts added to a case',
    tag,
    auth: 'any',
    params: NumberParam,
    response: { status: 200, schema: ContributorList },
    handler: async ({ ctx, params }) => ({ items: await listContributors(ctx, params.number) }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/cases/:number/contributors/:accountId',
    operationId: 'addContributor',
    summary: 'Add an account to a case: it may view the case and comment, nothing else',
    tag,
    auth: 'any',
    params: ContributorParams,
    response: { status: 200, schema: ContributorList },
    handler: ({ ctx, params }) => addContributor(ctx, params.number, params.accountId),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/cases/:number/contributors/:accountId',
    operationId: 'removeContributor',
    summary: 'Remove a contributor from a case',
    tag,
    auth: 'any',
    params: ContributorParams,
    response: { status: 204, schema: null },
    handler: ({ ctx, params }) => removeContributor(ctx, params.number, params.accountId),
  }),
];

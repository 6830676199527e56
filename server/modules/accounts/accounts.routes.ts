import {
  AccountList,
  Account,
  CreateAccount,
  RoleList,
  UpdateAccount,
} from '../../../contract/accounts.ts';
import { IdParam } from '../../../contract/common.ts';
import { defineRoute } from '../../http/route.ts';
import * as service from './accounts.service.ts';

const tag = 'Accounts';

export const accountRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts',
    operationId: 'listAccounts',
    summary: 'List the accounts of the workspace',
    tag,
    auth: 'any',
    response: { status: 200, schema: AccountList },
    handler: async ({ ctx }) => ({ items: await service.listAccounts(ctx) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/accounts/:id',
    operationId: 'getAccount',
    summary: 'Get one account',
    tag,
    auth: 'any',
    params: IdParam,
    response: { status: 200, schema: Account },
    handler: ({ ctx, params }) => service.getAccount(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/accounts',
    operationId: 'createAccount',
    summary: 'Create an account (admin)',
    tag,
    auth: 'any',
    body: CreateAccount,
    response: { status: 201, schema: Account },
    errors: [409],
    handler: ({ ctx, body }) => service.createAccount(ctx, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/accounts/:id',
    operationId: 'updateAccount',
    summary: 'Change an account: e-mail, name, role, password, disabled (admin)',
    description: 'Disabling an account or setting its password ends its sessions at once.',
    tag,
    auth: 'any',
    params: IdParam,
    body: UpdateAccount,
    response: { status: 200, schema: Account },
    errors: [409],
    handler: ({ ctx, params, body }) => service.updateAccount(ctx, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/roles',
    operationId: 'listRoles',
    summary: 'List the roles and their permissions',
    tag,
    auth: 'any',
    response: { status: 200, schema: RoleList },
    handler: async ({ ctx }) => ({ items: await service.listRoles(ctx) }),
  }),
];

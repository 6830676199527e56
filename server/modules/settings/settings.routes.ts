import { UpdateWorkspaceSettings, WorkspaceSettings } from '../../../contract/settings.ts';
import { defineRoute } from '../../http/route.ts';
import { getWorkspaceSettings, updateWorkspaceSettings } from './settings.service.ts';

const tag = 'Settings';

export const settingsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/settings',
    operationId: 'getWorkspaceSettings',
    summary: "The workspace's settings: correlation and incidents",
    tag,
    auth: 'any',
    response: { status: 200, schema: WorkspaceSettings },
    handler: ({ ctx }) => getWorkspaceSettings(ctx),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/settings',
    operationId: 'updateWorkspaceSettings',
    summary: 'Change some of the workspace settings (admins); audited',
    tag,
    auth: 'any',
    body: UpdateWorkspaceSettings,
    response: { status: 200, schema: WorkspaceSettings },
    handler: ({ ctx, body }) => updateWorkspaceSettings(ctx, body),
  }),
];

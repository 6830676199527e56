import { NumberParam } from '../../../contract/common.ts';
import { CreateTask, Task, TaskList, TaskParams, UpdateTask } from '../../../contract/tasks.ts';
import { ifMatchVersion } from '../../http/if-match.ts';
import { defineRoute } from '../../http/route.ts';
import { createTask, listTasks, updateTask } from './tasks.service.ts';

const tag = 'Tasks';

export const taskRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/cases/:number/tasks',
    operationId: 'listTasks',
    summary: 'List the tasks of a case',
    tag,
    auth: 'any',
    params: NumberParam,
    response: { status: 200, schema: TaskList },
    handler: async ({ ctx, params }) => ({ items: await listTasks(ctx, params.number) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/cases/:number/tasks',
    operationId: 'createTask',
    summary: 'Add a task to a case',
    tag,
    auth: 'any',
    params: NumberParam,
    body: CreateTask,
    response: { status: 201, schema: Task },
    handler: ({ ctx, params, body }) => createTask(ctx, params.number, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/cases/:number/tasks/:id',
    operationId: 'updateTask',
    summary: 'Change a task: status, owner, priority, due date, closing note...',
    tag,
    auth: 'any',
    params: TaskParams,
    body: UpdateTask,
    response: { status: 200, schema: Task },
    errors: [412, 428],
    handler: async ({ ctx, params, body, req, reply }) => {
      const task = await updateTask(ctx, params.number, params.id, body, ifMatchVersion(req));
      reply.header('etag', `"${task.version}"`);
      return task;
    },
  }),
];

import {
  ActivityPage,
  ActivityQuery,
  Comment,
  CommentParams,
  CreateComment,
} from '../../../contract/activity.ts';
import { NumberParam } from '../../../contract/common.ts';
import { AppError } from '../../lib/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { addComment, listActivity } from './activity.service.ts';

const tag = 'Activity';
const permanent = () => {
  throw new AppError(
    'method_not_allowed',
    'Comments are permanent: they cannot be edited or deleted',
  );
};

export const activityRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/cases/:number/activity',
    operationId: 'listActivity',
    summary: 'The activity log of a case: comments and audit events, newest first',
    tag,
    auth: 'any',
    params: NumberParam,
    query: ActivityQuery,
    response: { status: 200, schema: ActivityPage },
    handler: ({ ctx, params, query }) => listActivity(ctx, params.number, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/cases/:number/comments',
    operationId: 'addComment',
    summary: 'Add a permanent comment (plain text or markdown)',
    tag,
    auth: 'any',
    params: NumberParam,
    body: CreateComment,
    response: { status: 201, schema: Comment },
    handler: ({ ctx, params, body }) => addComment(ctx, params.number, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/cases/:number/comments/:id',
    operationId: 'editComment',
    summary: 'Not allowed: comments are permanent',
    tag,
    auth: 'any',
    params: CommentParams,
    response: { status: 405, schema: null },
    handler: () => Promise.resolve(permanent()),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/cases/:number/comments/:id',
    operationId: 'deleteComment',
    summary: 'Not allowed: comments are permanent',
    tag,
    auth: 'any',
    params: CommentParams,
    response: { status: 405, schema: null },
    handler: () => Promise.resolve(permanent()),
  }),
];

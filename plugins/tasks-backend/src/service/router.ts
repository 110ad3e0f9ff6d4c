import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  bulkUpdateTaskStatusRequestSchema,
  createTaskCommentRequestSchema,
  createTaskRequestSchema,
  Task,
  taskCommentCreatePermission,
  taskCreatePermission,
  taskDeletePermission,
  taskReadPermission,
  taskUpdatePermission,
  updateTaskRequestSchema,
  BulkUpdateTaskStatusResponse,
} from '@taskplatform/plugin-tasks-common';
import express, { Request } from 'express';
import { TaskPermissionFilter, TaskStore } from '../database/types';
import { spec } from '../schema/openapi.generated';
import { DatabaseHealth } from './DatabaseHealth';
import { TaskEvents } from './TaskEvents';
import { TaskPermissionFilterResolver } from './TaskPermissionFilterResolver';
import {
  findNulCharacter,
  listQuerySchema,
  parseIfMatch,
  parseInput,
  statsQuerySchema,
  subListQuerySchema,
  taskIdSchema,
} from './validation';

/** 412 in Backstage's error shape (the error handler reads `statusCode`). */
class PreconditionFailedError extends CustomErrorBase {
  name = 'PreconditionFailedError' as const;
  statusCode = 412;
}

export interface RouterOptions {
  store: TaskStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  filters: TaskPermissionFilterResolver;
  events: TaskEvents;
  /** Answers 503 while the database is unreachable. */
  health?: DatabaseHealth;
  /** Check every response against the OpenAPI spec (500 on mismatch); for tests. */
  validateResponses?: boolean;
}

/** The zod schema of a request body, by method and path. */
function bodySchemaOf(method: string, path: string) {
  if (method === 'POST' && path === '/tasks') return createTaskRequestSchema;
  if (method === 'PATCH' && /^\/tasks\/[^/]+$/.test(path)) {
    return updateTaskRequestSchema;
  }
  if (method === 'POST' && /^\/tasks\/[^/]+\/comments$/.test(path)) {
    return createTaskCommentRequestSchema;
  }
  if (method === 'POST' && path === '/bulk-status') {
    return bulkUpdateTaskStatusRequestSchema;
  }
  return undefined;
}

/** The caller's ref: a user entity ref, or the service's subject. */
function actorOf(credentials: BackstageCredentials<any>): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string };
  return principal.type === 'user'
    ? principal.userEntityRef
    : principal.subject;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, permissions, auditor, filters, events } = options;
  // Requests are validated against the spec by the router; handlers parse
  // again with zod (normalizing entity refs), so the plain express typing
  // is enough here.
  // Before the OpenAPI validator: refuse NUL characters (PostgreSQL cannot
  // store them) and check bodies with zod, whose messages name the field.
  // The validator then checks everything the contract states; handlers
  // parse again with zod to normalize entity refs.
  const refuseNul: express.RequestHandler = (req, _res, next) => {
    const field =
      findNulCharacter(req.query, 'query') ??
      findNulCharacter(req.body, 'body');
    if (field) {
      throw new InputError(`${field}: must not contain NUL characters`);
    }
    next();
  };
  const checkBody: express.RequestHandler = (req, _res, next) => {
    // without a token the answer is 401, whatever the body
    const schema = req.headers.authorization
      ? bodySchemaOf(req.method, req.path)
      : undefined;
    if (schema) parseInput(schema, req.body, 'body');
    next();
  };
  const router = createValidatedOpenApiRouter(spec, {
    middleware: [
      ...(options.health ? [options.health.gate()] : []),
      express.json({ limit: '512kb' }),
      refuseNul,
      checkBody,
    ],
    validatorOptions: { validateResponses: options.validateResponses ?? false },
  }) as unknown as express.Router;

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** Runs a write inside an auditor event that records success or failure. */
  async function audited<T>(
    req: Request,
    eventId: string,
    meta: Record<string, any>,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: eventId.endsWith('delete') ? 'medium' : 'low',
      meta,
    });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  async function readableTask(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Task> {
    const readFilter = await filters.forPermission(
      taskReadPermission,
      credentials,
    );
    const task = await store.getTask(id, readFilter);
    if (!task) throw new NotFoundError(`Task ${id} not found`);
    return task;
  }

  const taskId = (req: Request) =>
    parseInput(taskIdSchema, req.params.id, 'id');

  router.get('/tasks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(listQuerySchema, req.query, 'query');
    const filter = await filters.forPermission(taskReadPermission, credentials);
    res.json(await store.listTasks({ query, filter }));
  });

  router.post('/tasks', async (req, res) => {
    const credentials = await credentialsOf(req);
    const fields = parseInput(createTaskRequestSchema, req.body, 'body');
    const [decision] = await permissions.authorize(
      [{ permission: taskCreatePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not create tasks');
    }
    const actor = actorOf(credentials);
    const task = await audited(
      req,
      'task-create',
      { title: fields.title },
      () => store.createTask({ fields, createdBy: actor }),
    );
    events.created(task, actor);
    res.status(201).json(task);
  });

  router.get('/tasks/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const task = await readableTask(taskId(req), credentials);
    // the version is the ETag, as on PATCH and in If-Match
    res.setHeader('ETag', `"${task.version}"`);
    res.json(task);
  });

  router.patch('/tasks/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = taskId(req);
    const ifMatch = parseIfMatch(req.header('if-match'));
    const { version, ...patch } = parseInput(
      updateTaskRequestSchema,
      req.body,
      'body',
    );
    if (ifMatch !== undefined && version !== undefined && ifMatch !== version) {
      // at most one of them is current: the precondition fails
      throw new PreconditionFailedError(
        `If-Match: names version ${ifMatch} but the body names version ${version}`,
      );
    }
    await readableTask(id, credentials);
    const filter = await filters.forPermission(
      taskUpdatePermission,
      credentials,
    );
    const actor = actorOf(credentials);
    const result = await audited(
      req,
      'task-update',
      { taskId: id, fields: Object.keys(patch) },
      async () => {
        const r = await store.updateTask({
          id,
          patch,
          expectedVersion: ifMatch ?? version,
          actor,
          filter,
        });
        if (r.type === 'not-found')
          throw new NotFoundError(`Task ${id} not found`);
        if (r.type === 'forbidden') {
          throw new NotAllowedError(`You may not update task ${id}`);
        }
        if (r.type === 'conflict') {
          const message = `version: task ${id} is at version ${
            r.current.version
          }, not ${ifMatch ?? version}; reload it and retry`;
          throw ifMatch !== undefined
            ? new PreconditionFailedError(message)
            : new ConflictError(message);
        }
        return r;
      },
    );
    if (result.type === 'updated') {
      events.updated([{ task: result.task, previous: result.previous }], actor);
    }
    res.setHeader('ETag', `"${result.task.version}"`);
    res.json(result.task);
  });

  router.delete('/tasks/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = taskId(req);
    await readableTask(id, credentials);
    const filter = await filters.forPermission(
      taskDeletePermission,
      credentials,
    );
    const task = await audited(req, 'task-delete', { taskId: id }, async () => {
      const r = await store.deleteTask({ id, filter });
      if (r.type === 'not-found')
        throw new NotFoundError(`Task ${id} not found`);
      if (r.type === 'forbidden') {
        throw new NotAllowedError(`You may not delete task ${id}`);
      }
      return r.task;
    });
    events.deleted([task], actorOf(credentials));
    res.status(204).end();
  });

  router.get('/tasks/:id/comments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = taskId(req);
    const page = parseInput(subListQuerySchema, req.query, 'query');
    await readableTask(id, credentials);
    res.json(await store.listComments(id, page));
  });

  router.post('/tasks/:id/comments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = taskId(req);
    const { body } = parseInput(
      createTaskCommentRequestSchema,
      req.body,
      'body',
    );
    const task = await readableTask(id, credentials);
    const filter: TaskPermissionFilter = await filters.forPermission(
      taskCommentCreatePermission,
      credentials,
    );
    if (filter && !(await store.getTask(id, filter))) {
      throw new NotAllowedError(`You may not comment on task ${id}`);
    }
    const actor = actorOf(credentials);
    const comment = await audited(
      req,
      'task-comment-create',
      { taskId: id },
      () => store.addComment({ taskId: id, author: actor, body }),
    );
    events.commented(task, actor);
    res.status(201).json(comment);
  });

  router.get('/tasks/:id/activity', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = taskId(req);
    const page = parseInput(subListQuerySchema, req.query, 'query');
    await readableTask(id, credentials);
    res.json(await store.listActivity(id, page));
  });

  router.post('/bulk-status', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { ids, status } = parseInput(
      bulkUpdateTaskStatusRequestSchema,
      req.body,
      'body',
    );
    const readFilter = await filters.forPermission(
      taskReadPermission,
      credentials,
    );
    const filter = await filters.forPermission(
      taskUpdatePermission,
      credentials,
    );
    const actor = actorOf(credentials);
    const response = await audited(
      req,
      'task-bulk-status-update',
      { taskIds: ids, status },
      async () => {
        const out: BulkUpdateTaskStatusResponse = { updated: [], failed: [] };
        const changes = [];
        for (const id of new Set(ids)) {
          if (!(await store.getTask(id, readFilter))) {
            out.failed.push({ id, reason: 'not-found' });
            continue;
          }
          const r = await store.updateTask({
            id,
            patch: { status },
            actor,
            filter,
          });
          if (r.type === 'updated') {
            out.updated.push(r.task);
            changes.push({ task: r.task, previous: r.previous });
          } else if (r.type === 'unchanged') {
            out.updated.push(r.task);
          } else {
            out.failed.push({
              id,
              reason: r.type === 'forbidden' ? 'forbidden' : 'not-found',
            });
          }
        }
        if (changes.length) events.updated(changes, actor);
        return out;
      },
    );
    res.json(response);
  });

  router.get('/stats', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(statsQuerySchema, req.query, 'query');
    const filter = await filters.forPermission(taskReadPermission, credentials);
    res.json(await store.getStats({ query, filter }));
  });

  if (options.health) router.use(options.health.errorHandler());
  return router;
}

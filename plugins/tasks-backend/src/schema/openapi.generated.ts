// THIS FILE IS GENERATED from openapi.yaml by scripts/generate-openapi-spec.mjs; do not edit.
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'tasks',
    version: '1',
    description:
      'Task manager API of the Task Platform portal (Backstage tasks plugin). Every operation needs a Backstage token (user or service). Unknown query parameters and unknown body fields are rejected with a 400 naming them. Strings must not contain NUL characters. While the database is unreachable, every operation answers 503 with `Retry-After`.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
    contact: {},
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    examples: {},
    headers: {
      ETag: {
        description:
          'The task\'s version, quoted (`"3"`); send it back as `If-Match`.',
        schema: {
          type: 'string',
          pattern: '^"[1-9][0-9]*"$',
        },
      },
      RetryAfter: {
        description: 'Seconds after which to retry.',
        schema: {
          type: 'integer',
          minimum: 1,
        },
      },
    },
    parameters: {
      taskId: {
        name: 'id',
        in: 'path',
        required: true,
        description:
          'An RFC 9562 UUID, any letter case. Other strings get 400; a UUID that names no task (or one the caller may not read) gets 404.',
        schema: {
          $ref: '#/components/schemas/TaskId',
        },
      },
      status: {
        name: 'status',
        in: 'query',
        required: false,
        allowReserved: true,
        description: 'Any of these statuses (repeat the parameter).',
        schema: {
          type: 'array',
          maxItems: 4,
          items: {
            $ref: '#/components/schemas/TaskStatus',
          },
        },
      },
      priority: {
        name: 'priority',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'array',
          maxItems: 4,
          items: {
            $ref: '#/components/schemas/TaskPriority',
          },
        },
      },
      assignee: {
        name: 'assignee',
        in: 'query',
        required: false,
        allowReserved: true,
        description: 'User entity ref, or `none` for unassigned tasks.',
        schema: {
          $ref: '#/components/schemas/UserRef',
        },
      },
      createdBy: {
        name: 'createdBy',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          $ref: '#/components/schemas/UserRef',
        },
      },
      entityRef: {
        name: 'entityRef',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          $ref: '#/components/schemas/EntityRef',
        },
      },
      label: {
        name: 'label',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          $ref: '#/components/schemas/Label',
        },
      },
      dueBefore: {
        name: 'dueBefore',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
          format: 'date',
        },
      },
      dueAfter: {
        name: 'dueAfter',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
          format: 'date',
        },
      },
      q: {
        name: 'q',
        in: 'query',
        required: false,
        allowReserved: true,
        description: 'Free-text search on title and description (trimmed).',
        schema: {
          type: 'string',
          maxLength: 200,
          pattern: '^\\s*[^\\s\\u0000][^\\u0000]*$',
        },
      },
      sort: {
        name: 'sort',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
          enum: ['createdAt', 'updatedAt', 'dueDate', 'priority', 'title'],
        },
      },
      order: {
        name: 'order',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'string',
          enum: ['asc', 'desc'],
        },
      },
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 200,
        },
      },
      cursor: {
        name: 'cursor',
        in: 'query',
        required: false,
        allowReserved: true,
        description:
          'Opaque: the `nextCursor` of the previous page, with the same filters and sort. Any other value gets 400.',
        schema: {
          type: 'string',
          maxLength: 1024,
          pattern: '^[A-Za-z0-9_-]+$',
        },
      },
      includeTotal: {
        name: 'includeTotal',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'boolean',
        },
      },
      weeks: {
        name: 'weeks',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 52,
        },
      },
      ifMatch: {
        name: 'If-Match',
        in: 'header',
        required: false,
        description:
          'The version the client read, e.g. `"3"` (the `ETag` of GET). A stale version gets 412; so does one that differs from the body\'s `version`.',
        schema: {
          type: 'string',
          pattern: '^(?:W/)?(?:"[1-9][0-9]{0,8}"|[1-9][0-9]{0,8})$',
        },
      },
      pageLimit: {
        name: 'limit',
        in: 'query',
        required: false,
        allowReserved: true,
        description: 'Page size, default 50.',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 200,
        },
      },
    },
    requestBodies: {},
    responses: {
      ErrorResponse: {
        description:
          'An error response from the backend: 400 bad input (the message starts with the field), 401 no or bad token, 403 not allowed, 404 no such task, 409/412 stale version, 503 database unreachable (with `Retry-After`).',
        headers: {
          'Retry-After': {
            $ref: '#/components/headers/RetryAfter',
          },
        },
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      TaskStatus: {
        type: 'string',
        enum: ['todo', 'in_progress', 'blocked', 'done'],
      },
      TaskPriority: {
        type: 'string',
        enum: ['low', 'medium', 'high', 'urgent'],
      },
      TaskId: {
        type: 'string',
        pattern:
          '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$',
      },
      EntityRef: {
        type: 'string',
        maxLength: 255,
        pattern:
          '^[A-Za-z][A-Za-z0-9]{0,62}:(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$',
        description:
          'Entity ref `kind:[namespace/]name`, e.g. `component:default/web`.',
      },
      UserRef: {
        type: 'string',
        maxLength: 255,
        pattern:
          '^(?:[Uu][Ss][Ee][Rr]:)?(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$',
        description:
          'User entity ref `[user:][namespace/]name`, e.g. `user:default/jane` or `jane`.',
      },
      Label: {
        type: 'string',
        minLength: 1,
        maxLength: 50,
        pattern: '^[^\\s,\\u0000]+$',
        description: 'No whitespace or commas.',
      },
      Labels: {
        type: 'array',
        maxItems: 20,
        items: {
          $ref: '#/components/schemas/Label',
        },
      },
      Title: {
        type: 'string',
        maxLength: 200,
        pattern: '^\\s*[^\\s\\u0000][^\\u0000]*$',
        description: 'Not blank; stored trimmed.',
      },
      Description: {
        type: 'string',
        maxLength: 65536,
        'x-maxBytes': 65536,
        pattern: '^[^\\u0000]*$',
        description: 'Markdown, at most 64 KiB of UTF-8.',
      },
      Task: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'title',
          'description',
          'status',
          'priority',
          'assignee',
          'createdBy',
          'entityRef',
          'labels',
          'dueDate',
          'createdAt',
          'updatedAt',
          'completedAt',
          'version',
        ],
        properties: {
          id: {
            type: 'string',
            format: 'uuid',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/TaskStatus',
          },
          priority: {
            $ref: '#/components/schemas/TaskPriority',
          },
          assignee: {
            type: ['string', 'null'],
          },
          createdBy: {
            type: 'string',
          },
          entityRef: {
            type: ['string', 'null'],
          },
          labels: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          dueDate: {
            type: ['string', 'null'],
            format: 'date',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
          completedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          version: {
            type: 'integer',
          },
        },
      },
      CreateTaskRequest: {
        type: 'object',
        additionalProperties: false,
        description: 'Unknown fields are rejected with a 400 naming them.',
        required: ['title'],
        properties: {
          title: {
            $ref: '#/components/schemas/Title',
          },
          description: {
            $ref: '#/components/schemas/Description',
          },
          status: {
            $ref: '#/components/schemas/TaskStatus',
          },
          priority: {
            $ref: '#/components/schemas/TaskPriority',
          },
          assignee: {
            oneOf: [
              {
                $ref: '#/components/schemas/UserRef',
              },
              {
                type: 'null',
              },
            ],
          },
          entityRef: {
            oneOf: [
              {
                $ref: '#/components/schemas/EntityRef',
              },
              {
                type: 'null',
              },
            ],
          },
          labels: {
            $ref: '#/components/schemas/Labels',
          },
          dueDate: {
            type: ['string', 'null'],
            format: 'date',
          },
        },
      },
      UpdateTaskRequest: {
        type: 'object',
        additionalProperties: false,
        description: 'Unknown fields are rejected with a 400 naming them.',
        properties: {
          title: {
            $ref: '#/components/schemas/Title',
          },
          description: {
            $ref: '#/components/schemas/Description',
          },
          status: {
            $ref: '#/components/schemas/TaskStatus',
          },
          priority: {
            $ref: '#/components/schemas/TaskPriority',
          },
          assignee: {
            oneOf: [
              {
                $ref: '#/components/schemas/UserRef',
              },
              {
                type: 'null',
              },
            ],
          },
          entityRef: {
            oneOf: [
              {
                $ref: '#/components/schemas/EntityRef',
              },
              {
                type: 'null',
              },
            ],
          },
          labels: {
            $ref: '#/components/schemas/Labels',
          },
          dueDate: {
            type: ['string', 'null'],
            format: 'date',
          },
          version: {
            type: 'integer',
            minimum: 1,
            maximum: 2147483647,
            description: 'The version the client read; a stale one gets 409.',
          },
        },
      },
      TaskListResponse: {
        type: 'object',
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Task',
            },
          },
          nextCursor: {
            type: 'string',
          },
          totalCount: {
            type: 'integer',
            description:
              'With `includeTotal`: the number of matching tasks, counted up to 10,000; when more match, this is 10,000 and `totalCountCapped` is true (counting every match of a broad filter over a million tasks would cost a scan on every page load).',
          },
          totalCountCapped: {
            type: 'boolean',
          },
        },
      },
      TaskComment: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'taskId', 'author', 'body', 'createdAt'],
        properties: {
          id: {
            type: 'string',
          },
          taskId: {
            type: 'string',
          },
          author: {
            type: 'string',
          },
          body: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      CreateTaskCommentRequest: {
        type: 'object',
        additionalProperties: false,
        description: 'Unknown fields are rejected with a 400 naming them.',
        required: ['body'],
        properties: {
          body: {
            type: 'string',
            maxLength: 16384,
            'x-maxBytes': 16384,
            pattern: '^\\s*[^\\s\\u0000][^\\u0000]*$',
            description: 'Not blank, at most 16 KiB of UTF-8; stored trimmed.',
          },
        },
      },
      TaskCommentListResponse: {
        type: 'object',
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TaskComment',
            },
          },
          nextCursor: {
            type: 'string',
          },
        },
      },
      TaskActivity: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'taskId',
          'actor',
          'action',
          'field',
          'oldValue',
          'newValue',
          'createdAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          taskId: {
            type: 'string',
          },
          actor: {
            type: 'string',
          },
          action: {
            type: 'string',
            enum: ['created', 'updated', 'commented'],
          },
          field: {
            type: ['string', 'null'],
          },
          oldValue: {
            type: ['string', 'null'],
          },
          newValue: {
            type: ['string', 'null'],
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      TaskActivityListResponse: {
        type: 'object',
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TaskActivity',
            },
          },
          nextCursor: {
            type: 'string',
          },
        },
      },
      BulkUpdateTaskStatusRequest: {
        type: 'object',
        additionalProperties: false,
        description: 'Unknown fields are rejected with a 400 naming them.',
        required: ['ids', 'status'],
        properties: {
          ids: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              $ref: '#/components/schemas/TaskId',
            },
          },
          status: {
            $ref: '#/components/schemas/TaskStatus',
          },
        },
      },
      BulkUpdateTaskStatusResponse: {
        type: 'object',
        required: ['updated', 'failed'],
        properties: {
          updated: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Task',
            },
          },
          failed: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'reason'],
              properties: {
                id: {
                  type: 'string',
                },
                reason: {
                  type: 'string',
                  enum: ['not-found', 'forbidden'],
                },
              },
            },
          },
        },
      },
      TaskStats: {
        type: 'object',
        required: ['byStatus', 'byAssignee', 'perWeek'],
        properties: {
          byStatus: {
            type: 'object',
            required: ['todo', 'in_progress', 'blocked', 'done'],
            properties: {
              todo: {
                type: 'integer',
              },
              in_progress: {
                type: 'integer',
              },
              blocked: {
                type: 'integer',
              },
              done: {
                type: 'integer',
              },
            },
          },
          byAssignee: {
            type: 'array',
            items: {
              type: 'object',
              required: ['assignee', 'open', 'total'],
              properties: {
                assignee: {
                  type: ['string', 'null'],
                },
                open: {
                  type: 'integer',
                },
                total: {
                  type: 'integer',
                },
              },
            },
          },
          perWeek: {
            type: 'array',
            items: {
              type: 'object',
              required: ['week', 'created', 'completed'],
              properties: {
                week: {
                  type: 'string',
                  format: 'date',
                },
                created: {
                  type: 'integer',
                },
                completed: {
                  type: 'integer',
                },
              },
            },
          },
        },
      },
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            required: ['name', 'message'],
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
              },
            },
            required: ['statusCode'],
          },
        },
        required: ['error', 'request', 'response'],
      },
    },
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
  },
  security: [
    {
      JWT: [],
    },
  ],
  paths: {
    '/tasks': {
      get: {
        operationId: 'ListTasks',
        description: 'Lists tasks with filters, sort and keyset pagination.',
        parameters: [
          {
            $ref: '#/components/parameters/status',
          },
          {
            $ref: '#/components/parameters/priority',
          },
          {
            $ref: '#/components/parameters/assignee',
          },
          {
            $ref: '#/components/parameters/createdBy',
          },
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            $ref: '#/components/parameters/label',
          },
          {
            $ref: '#/components/parameters/dueBefore',
          },
          {
            $ref: '#/components/parameters/dueAfter',
          },
          {
            $ref: '#/components/parameters/q',
          },
          {
            $ref: '#/components/parameters/sort',
          },
          {
            $ref: '#/components/parameters/order',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
          {
            $ref: '#/components/parameters/includeTotal',
          },
        ],
        responses: {
          '200': {
            description: 'A page of tasks.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/TaskListResponse',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'CreateTask',
        description: 'Creates a task; `createdBy` is the caller.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateTaskRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The created task.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Task',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/tasks/{id}': {
      get: {
        operationId: 'GetTask',
        parameters: [
          {
            $ref: '#/components/parameters/taskId',
          },
        ],
        responses: {
          '200': {
            description: 'The task.',
            headers: {
              ETag: {
                $ref: '#/components/headers/ETag',
              },
            },
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Task',
                },
              },
            },
          },
          '304': {
            description:
              'Not modified (`If-None-Match` names the current version).',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      patch: {
        operationId: 'UpdateTask',
        description:
          'Partial update. Pass the version read either in the body (`version`, stale gets 409) or as `If-Match` (stale gets 412).',
        parameters: [
          {
            $ref: '#/components/parameters/taskId',
          },
          {
            $ref: '#/components/parameters/ifMatch',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/UpdateTaskRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The updated task.',
            headers: {
              ETag: {
                $ref: '#/components/headers/ETag',
              },
            },
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Task',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      delete: {
        operationId: 'DeleteTask',
        parameters: [
          {
            $ref: '#/components/parameters/taskId',
          },
        ],
        responses: {
          '204': {
            description: 'Deleted.',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/tasks/{id}/comments': {
      get: {
        operationId: 'ListTaskComments',
        description: 'Comments, oldest first, a page at a time.',
        parameters: [
          {
            $ref: '#/components/parameters/taskId',
          },
          {
            $ref: '#/components/parameters/pageLimit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
        ],
        responses: {
          '200': {
            description: 'Comments, oldest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/TaskCommentListResponse',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'CreateTaskComment',
        parameters: [
          {
            $ref: '#/components/parameters/taskId',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateTaskCommentRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The created comment.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/TaskComment',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/tasks/{id}/activity': {
      get: {
        operationId: 'ListTaskActivity',
        description: 'The history of the task, oldest first, a page at a time.',
        parameters: [
          {
            $ref: '#/components/parameters/taskId',
          },
          {
            $ref: '#/components/parameters/pageLimit',
          },
          {
            $ref: '#/components/parameters/cursor',
          },
        ],
        responses: {
          '200': {
            description: 'The history of the task, oldest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/TaskActivityListResponse',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/bulk-status': {
      post: {
        operationId: 'BulkUpdateTaskStatus',
        description:
          'Sets the status of up to 100 tasks the caller may update.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BulkUpdateTaskStatusRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'What was updated and what was not.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BulkUpdateTaskStatusResponse',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/stats': {
      get: {
        operationId: 'GetTaskStats',
        description:
          'Counts by status and assignee, created vs completed per week (`assignee=none`: unassigned tasks, as in the list).',
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            $ref: '#/components/parameters/assignee',
          },
          {
            $ref: '#/components/parameters/weeks',
          },
        ],
        responses: {
          '200': {
            description: 'Aggregates over the tasks the caller may read.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/TaskStats',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;

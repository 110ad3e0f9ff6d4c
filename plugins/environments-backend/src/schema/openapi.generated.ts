// THIS FILE IS GENERATED from openapi.yaml by scripts/generate-openapi-spec.mjs; do not edit.
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'environments',
    version: '1',
    description:
      'Environments API of the Task Platform portal: plan, create, update, destroy and follow AWS environments (Backstage environments plugin).',
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
    headers: {},
    parameters: {
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          maxLength: 63,
        },
      },
      operationId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          maxLength: 36,
        },
      },
    },
    requestBodies: {},
    responses: {
      ErrorResponse: {
        description:
          "An error in Backstage's shape: 400 bad input (the message starts with the field), 401 no or bad token, 403 not allowed, 404 not found, 409 name taken / illegal transition / operation already running, 503 a dependency is down.",
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      EnvironmentOperation: {
        description: 'The environment and its queued operation.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/EnvironmentOperationResponse',
            },
          },
        },
      },
    },
    schemas: {
      EnvironmentStatus: {
        type: 'string',
        enum: [
          'planned',
          'provisioning',
          'ready',
          'updating',
          'failed',
          'destroying',
          'destroyed',
        ],
      },
      Preset: {
        type: 'string',
        enum: ['dev', 'prod'],
      },
      Environment: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          account: {
            type: 'string',
          },
          region: {
            type: 'string',
          },
          preset: {
            $ref: '#/components/schemas/Preset',
          },
          spec: {
            type: 'object',
          },
          status: {
            $ref: '#/components/schemas/EnvironmentStatus',
          },
          simulated: {
            type: 'boolean',
          },
          outputs: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          failureReason: {
            type: 'string',
          },
          estimatedMonthlyCostUsd: {
            type: 'number',
          },
          currentOperationId: {
            type: 'string',
          },
          version: {
            type: 'integer',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: [
          'id',
          'name',
          'title',
          'owner',
          'account',
          'region',
          'preset',
          'spec',
          'status',
          'simulated',
          'outputs',
          'version',
          'createdAt',
          'updatedAt',
        ],
      },
      Operation: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
          },
          environmentId: {
            type: 'string',
            description: 'Empty for a bootstrap.',
          },
          environmentName: {
            type: 'string',
            description: 'Empty for a bootstrap.',
          },
          kind: {
            type: 'string',
            enum: ['bootstrap', 'deploy', 'destroy'],
          },
          status: {
            type: 'string',
            enum: ['queued', 'running', 'succeeded', 'failed'],
          },
          requestedBy: {
            type: 'string',
          },
          idempotencyKey: {
            type: 'string',
          },
          account: {
            type: 'string',
          },
          region: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
          error: {
            type: 'string',
          },
          resourcesPlanned: {
            type: 'integer',
          },
          resourcesDone: {
            type: 'integer',
          },
        },
        required: [
          'id',
          'environmentId',
          'environmentName',
          'kind',
          'status',
          'requestedBy',
          'createdAt',
        ],
      },
      OperationEvent: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: {
            type: 'integer',
            description: 'Monotonic per operation; the `since` cursor.',
          },
          operationId: {
            type: 'string',
          },
          time: {
            type: 'string',
          },
          stack: {
            type: 'string',
          },
          logicalId: {
            type: 'string',
          },
          resourceType: {
            type: 'string',
          },
          status: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
        },
        required: [
          'id',
          'operationId',
          'time',
          'stack',
          'logicalId',
          'resourceType',
          'status',
        ],
      },
      PlanResult: {
        type: 'object',
        description:
          'Synth summary, cost, cdk-nag findings, diff and bootstrap state.',
        properties: {
          spec: {
            type: 'object',
          },
          summary: {
            type: 'object',
          },
          cost: {
            type: 'object',
            properties: {
              monthlyUsd: {
                type: 'number',
              },
              currency: {
                type: 'string',
              },
            },
            required: ['monthlyUsd', 'currency'],
          },
          nag: {
            type: 'object',
            properties: {
              errors: {
                type: 'array',
                items: {
                  type: 'object',
                },
              },
              warningCount: {
                type: 'integer',
              },
            },
            required: ['errors', 'warningCount'],
          },
          diff: {
            type: 'object',
          },
          bootstrap: {
            type: 'object',
          },
          simulated: {
            type: 'boolean',
          },
        },
        required: ['spec', 'summary', 'cost', 'nag', 'bootstrap', 'simulated'],
      },
      EnvironmentListResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Environment',
            },
          },
          nextCursor: {
            type: 'string',
          },
        },
        required: ['items'],
      },
      EnvironmentTarget: {
        type: 'object',
        description:
          'An account of environments.accounts and its regions; never its role or external id.',
        additionalProperties: false,
        properties: {
          accountId: {
            type: 'string',
          },
          title: {
            type: 'string',
            description: 'Display name of the account.',
          },
          regions: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
        required: ['accountId', 'regions'],
      },
      EnvironmentTargetListResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EnvironmentTarget',
            },
          },
        },
        required: ['items'],
      },
      EnvironmentOperationResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          environment: {
            $ref: '#/components/schemas/Environment',
          },
          operation: {
            $ref: '#/components/schemas/Operation',
          },
        },
        required: ['environment', 'operation'],
      },
      OperationListResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Operation',
            },
          },
        },
        required: ['items'],
      },
      OperationEventsResponse: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/OperationEvent',
            },
          },
          nextSince: {
            type: 'integer',
          },
          operation: {
            $ref: '#/components/schemas/Operation',
          },
        },
        required: ['items', 'nextSince', 'operation'],
      },
      PlanRequest: {
        type: 'object',
        properties: {
          preset: {
            $ref: '#/components/schemas/Preset',
          },
          spec: {
            type: 'object',
            description: "Overrides of the preset's EnvironmentSpec.",
          },
          environment: {
            type: 'string',
            description: 'An existing environment to diff against.',
          },
        },
        required: ['preset', 'spec'],
      },
      CreateEnvironmentRequest: {
        type: 'object',
        properties: {
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
            description: 'Group entity ref.',
          },
          preset: {
            $ref: '#/components/schemas/Preset',
          },
          spec: {
            type: 'object',
            description:
              "Overrides of the preset's EnvironmentSpec; name, account and region are required.",
          },
          idempotencyKey: {
            type: 'string',
          },
        },
        required: ['owner', 'preset', 'spec'],
      },
      UpdateEnvironmentRequest: {
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            description: 'Overrides merged onto the stored spec.',
          },
          idempotencyKey: {
            type: 'string',
          },
        },
        required: ['spec'],
      },
      RetryEnvironmentRequest: {
        type: 'object',
        properties: {
          idempotencyKey: {
            type: 'string',
          },
        },
      },
      DestroyEnvironmentRequest: {
        type: 'object',
        properties: {
          confirm: {
            type: 'string',
            description: 'Must repeat the environment name.',
          },
          idempotencyKey: {
            type: 'string',
          },
        },
      },
      BootstrapRequest: {
        type: 'object',
        properties: {
          account: {
            type: 'string',
          },
          region: {
            type: 'string',
          },
        },
        required: ['account', 'region'],
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
        required: ['error', 'response'],
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
    '/environments': {
      get: {
        operationId: 'ListEnvironments',
        description: 'Environments the caller may read, newest first.',
        parameters: [
          {
            name: 'owner',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/EnvironmentStatus',
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
            },
          },
          {
            name: 'cursor',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of environments.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EnvironmentListResponse',
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
        operationId: 'CreateEnvironment',
        description: 'Records a planned environment and queues its deploy.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CreateEnvironmentRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/EnvironmentOperation',
          },
          '202': {
            $ref: '#/components/responses/EnvironmentOperation',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/targets': {
      get: {
        operationId: 'ListTargets',
        description:
          'The AWS accounts and regions environments may be created in (environments.accounts), for any signed-in user.',
        responses: {
          '200': {
            description: 'The configured accounts, in config order.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EnvironmentTargetListResponse',
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
    '/deployer/warm': {
      post: {
        operationId: 'WarmDeployer',
        description:
          'Starts and warms the deployer worker process (aws-cdk-lib loaded, a first synth) in the background, so that a plan asked for soon after is fast. The create-environment form asks for it when it opens. Needs environment.create.',
        responses: {
          '202': {
            description: 'Warming has started (or the worker is warm already).',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
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
    '/environments/{name}': {
      get: {
        operationId: 'GetEnvironment',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description:
              'The live environment of that name, else the newest destroyed one.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Environment',
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
    '/environments/{name}/update': {
      post: {
        operationId: 'UpdateEnvironment',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/UpdateEnvironmentRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/EnvironmentOperation',
          },
          '202': {
            $ref: '#/components/responses/EnvironmentOperation',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/environments/{name}/retry': {
      post: {
        operationId: 'RetryEnvironment',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RetryEnvironmentRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/EnvironmentOperation',
          },
          '202': {
            $ref: '#/components/responses/EnvironmentOperation',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/environments/{name}/destroy': {
      post: {
        operationId: 'DestroyEnvironment',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/DestroyEnvironmentRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/EnvironmentOperation',
          },
          '202': {
            $ref: '#/components/responses/EnvironmentOperation',
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/environments/{name}/operations': {
      get: {
        operationId: 'ListOperations',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The environment's operations, newest first.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/OperationListResponse',
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
    '/environments/{name}/plan': {
      get: {
        operationId: 'GetLastPlan',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The last plan made for this environment.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PlanResult',
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
    '/plan': {
      post: {
        operationId: 'Plan',
        description:
          'Synth, cdk-nag, summary, cost and (for an existing environment) diff; no AWS call.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PlanRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The plan.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PlanResult',
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
    '/bootstrap': {
      post: {
        operationId: 'Bootstrap',
        description:
          'Queues the CDK bootstrap of an account and region (once).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BootstrapRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The existing bootstrap operation.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    operation: {
                      $ref: '#/components/schemas/Operation',
                    },
                  },
                  required: ['operation'],
                },
              },
            },
          },
          '202': {
            description: 'The queued bootstrap operation.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    operation: {
                      $ref: '#/components/schemas/Operation',
                    },
                  },
                  required: ['operation'],
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
    '/operations/{id}': {
      get: {
        operationId: 'GetOperation',
        parameters: [
          {
            $ref: '#/components/parameters/operationId',
          },
        ],
        responses: {
          '200': {
            description: 'The operation.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Operation',
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
    '/operations/{id}/events': {
      get: {
        operationId: 'ListOperationEvents',
        description:
          'Events with id > since, ascending; follow live by passing nextSince back.',
        parameters: [
          {
            $ref: '#/components/parameters/operationId',
          },
          {
            name: 'since',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 0,
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of events.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/OperationEventsResponse',
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

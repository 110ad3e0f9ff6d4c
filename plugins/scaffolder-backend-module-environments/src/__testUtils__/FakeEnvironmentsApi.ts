import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type {
  Environment,
  Operation,
  OperationEvent,
  PlanResult,
} from '@taskplatform/plugin-environments-common';

const RESOURCES: [string, string, string][] = [
  ['team-network', 'Vpc8378EB38', 'AWS::EC2::VPC'],
  ['team-network', 'VpcPublicSubnet1', 'AWS::EC2::Subnet'],
  ['team-cluster', 'Cluster9EE0221C', 'Custom::AWSCDK-EKS-Cluster'],
  ['team-database', 'DatabaseB269D8BB', 'AWS::RDS::DBInstance'],
];

/**
 * A local HTTP server standing in for the environments backend in tests, shaped like
 * its contract (`/api/environments`): plan, create with idempotency key, get,
 * destroy with confirmation, and operation events paged by `since`. Events of an
 * operation are released one per `eventIntervalMs`, like the simulated deployer.
 */
export class FakeEnvironmentsApi {
  readonly environments: Environment[] = [];
  readonly operations: Operation[] = [];
  readonly requests: {
    method: string;
    path: string;
    authorization?: string;
    body?: any;
  }[] = [];
  /** Accounts and regions the fake accepts, like `environments.accounts`. */
  allowedRegions = ['us-east-1', 'eu-west-1'];
  eventIntervalMs = 5;
  /** Logical id whose create fails, for failure injection. */
  failResource?: string;
  private readonly started = new Map<string, number>();
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req)
        .then(({ status, body }) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(body));
        })
        .catch(error => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(errorBody('Error', String(error), 500)));
        });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/environments`;
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.server?.close(resolve));
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown }> {
    const url = new URL(req.url!, 'http://localhost');
    const path = url.pathname.replace(/^\/api\/environments/, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length
      ? JSON.parse(Buffer.concat(chunks).toString())
      : undefined;
    this.requests.push({
      method: req.method!,
      path: `${path}${url.search}`,
      authorization: req.headers.authorization,
      body,
    });
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      return {
        status: 401,
        body: errorBody('AuthenticationError', 'Missing credentials', 401),
      };
    }

    const route = (method: string, pattern: RegExp) =>
      req.method === method ? path.match(pattern) : null;
    const environmentRoute = route('GET', /^\/environments\/([^/]+)$/);
    const destroyRoute = route('POST', /^\/environments\/([^/]+)\/destroy$/);
    const eventsRoute = route('GET', /^\/operations\/([^/]+)\/events$/);
    if (req.method === 'POST' && path === '/plan') {
      const invalid = this.invalidSpec(body.spec);
      if (invalid) return invalid;
      return { status: 200, body: planFixture(body) };
    }
    if (req.method === 'POST' && path === '/environments') {
      return this.create(body);
    }
    if (environmentRoute) {
      const name = decodeURIComponent(environmentRoute[1]);
      const environment = this.find(name);
      return environment
        ? { status: 200, body: this.refresh(environment) }
        : notFound(`environment ${name}`);
    }
    if (destroyRoute) {
      return this.destroy(decodeURIComponent(destroyRoute[1]), body);
    }
    if (eventsRoute) {
      const operationId = eventsRoute[1];
      const operation = this.operations.find(o => o.id === operationId);
      if (!operation) return notFound(`operation ${operationId}`);
      const since = Number(url.searchParams.get('since') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const events = this.releasedEvents(operation);
      const items = events.filter(e => e.id > since).slice(0, limit);
      return {
        status: 200,
        body: {
          items,
          nextSince: items.length ? items[items.length - 1].id : since,
          operation: this.refreshOperation(operation),
        },
      };
    }
    return notFound(`route ${req.method} ${path}`);
  }

  private invalidSpec(spec: Record<string, any> = {}) {
    if (spec.region && !this.allowedRegions.includes(spec.region)) {
      return {
        status: 400,
        body: errorBody(
          'InputError',
          `spec.region: ${spec.region} is not a region of account 123456789012 in environments.accounts`,
          400,
        ),
      };
    }
    return undefined;
  }

  private find(name: string) {
    return (
      this.environments.find(
        e => e.name === name && e.status !== 'destroyed',
      ) ?? this.environments.filter(e => e.name === name).pop()
    );
  }

  private create(body: any) {
    const invalid = this.invalidSpec(body.spec);
    if (invalid) return invalid;
    for (const field of ['name', 'account', 'region']) {
      if (typeof body.spec?.[field] !== 'string') {
        return {
          status: 400,
          body: errorBody(
            'InputError',
            `body.spec.${field}: Invalid input: expected string, received undefined`,
            400,
          ),
        };
      }
    }
    if (body.idempotencyKey) {
      const operation = this.operations.find(
        o => o.idempotencyKey === body.idempotencyKey,
      );
      if (operation) {
        const environment = this.environments.find(
          e => e.id === operation.environmentId,
        )!;
        return { status: 200, body: { environment, operation } };
      }
    }
    const name = body.spec.name;
    if (
      this.environments.some(e => e.name === name && e.status !== 'destroyed')
    ) {
      return {
        status: 409,
        body: errorBody('ConflictError', `environment ${name} exists`, 409),
      };
    }
    const now = new Date().toISOString();
    const environment: Environment = {
      id: `env-${this.environments.length + 1}`,
      name,
      title: body.title ?? name,
      owner: body.owner,
      account: body.spec.account ?? '123456789012',
      region: body.spec.region ?? 'us-east-1',
      preset: body.preset,
      spec: body.spec,
      status: 'planned',
      simulated: true,
      outputs: {},
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    this.environments.push(environment);
    const operation = this.addOperation(environment, 'deploy', body);
    return { status: 202, body: { environment, operation } };
  }

  private destroy(name: string, body: any) {
    const environment = this.find(name);
    if (!environment) return notFound(`environment ${name}`);
    if (body?.confirm !== name) {
      return {
        status: 400,
        body: errorBody('InputError', `confirm: must be "${name}"`, 400),
      };
    }
    const operation = this.addOperation(environment, 'destroy', body);
    return { status: 202, body: { environment, operation } };
  }

  private addOperation(
    environment: Environment,
    kind: 'deploy' | 'destroy',
    body: any,
  ): Operation {
    const operation: Operation = {
      id: `op-${this.operations.length + 1}`,
      environmentId: environment.id,
      environmentName: environment.name,
      kind,
      status: 'queued',
      requestedBy: 'user:default/mock',
      idempotencyKey: body.idempotencyKey,
      createdAt: new Date().toISOString(),
      resourcesPlanned: RESOURCES.length,
      resourcesDone: 0,
    };
    this.operations.push(operation);
    environment.currentOperationId = operation.id;
    this.started.set(operation.id, Date.now());
    return operation;
  }

  /** Events due by now: two per resource (in progress, then complete or failed). */
  private releasedEvents(operation: Operation): OperationEvent[] {
    const verb = operation.kind === 'destroy' ? 'DELETE' : 'CREATE';
    const all: OperationEvent[] = [];
    for (const [stack, logicalId, resourceType] of RESOURCES) {
      const failed = this.failResource && logicalId.includes(this.failResource);
      all.push(
        event(
          operation,
          all.length + 1,
          stack,
          logicalId,
          resourceType,
          `${verb}_IN_PROGRESS`,
        ),
        event(
          operation,
          all.length + 2,
          stack,
          logicalId,
          resourceType,
          failed ? `${verb}_FAILED` : `${verb}_COMPLETE`,
          failed
            ? 'Resource handler returned message: "quota exceeded"'
            : undefined,
        ),
      );
      if (failed) break;
    }
    const elapsed = Date.now() - this.started.get(operation.id)!;
    return all.slice(0, Math.floor(elapsed / this.eventIntervalMs));
  }

  private refreshOperation(operation: Operation): Operation {
    const events = this.releasedEvents(operation);
    const failed = events.find(e => e.status.endsWith('_FAILED'));
    const done = events.filter(e => e.status.endsWith('_COMPLETE')).length;
    operation.resourcesDone = done;
    if (failed) {
      operation.status = 'failed';
      operation.error = `${failed.logicalId}: ${failed.reason}`;
    } else if (done === RESOURCES.length) {
      operation.status = 'succeeded';
    } else if (events.length > 0) {
      operation.status = 'running';
    }
    const environment = this.environments.find(
      e => e.id === operation.environmentId,
    )!;
    const queued = operation.kind === 'deploy' ? 'planned' : 'destroying';
    const busy = operation.kind === 'deploy' ? 'provisioning' : 'destroying';
    const end = operation.kind === 'deploy' ? 'ready' : 'destroyed';
    environment.status = {
      queued,
      running: busy,
      succeeded: end,
      failed: 'failed',
    }[operation.status] as Environment['status'];
    return operation;
  }

  private refresh(environment: Environment): Environment {
    const operation = this.operations.find(
      o => o.id === environment.currentOperationId,
    );
    if (operation) this.refreshOperation(operation);
    return environment;
  }
}

function event(
  operation: Operation,
  id: number,
  stack: string,
  logicalId: string,
  resourceType: string,
  status: string,
  reason?: string,
): OperationEvent {
  return {
    id,
    operationId: operation.id,
    time: new Date(Date.parse(operation.createdAt) + id).toISOString(),
    stack,
    logicalId,
    resourceType,
    status,
    ...(reason ? { reason } : {}),
  };
}

function errorBody(name: string, message: string, statusCode: number) {
  return { error: { name, message }, response: { statusCode } };
}

function notFound(what: string) {
  return {
    status: 404,
    body: errorBody('NotFoundError', `No ${what}`, 404),
  };
}

function planFixture(body: any): PlanResult {
  const prod = body.preset === 'prod';
  return {
    spec: { name: body.spec.name, stage: body.preset },
    summary: {
      totalResources: prod ? 301 : 287,
      resourcesByType: { 'AWS::EC2::Subnet': 6, 'AWS::RDS::DBInstance': 1 },
      nodeGroups: [
        {
          name: 'app',
          instanceType: 't3.medium',
          min: 2,
          max: 6,
          desired: 2,
          capacityType: 'ON_DEMAND',
        },
        {
          name: 'runners',
          instanceType: 't3.small',
          min: 1,
          max: 3,
          desired: 1,
          capacityType: 'SPOT',
        },
      ],
      database: {
        instanceClass: 'db.t3.micro',
        allocatedStorageGb: 20,
        maxAllocatedStorageGb: 100,
        multiAz: prod,
        engineVersion: '17.6',
      },
      natGateways: prod ? 2 : 1,
      stacks: ['network', 'storage', 'cicd', 'cluster', 'database'],
    },
    cost: {
      monthlyUsd: prod ? 612.4 : 318.75,
      currency: 'USD',
      region: body.spec.region ?? 'us-east-1',
      source: 'fixture price list',
      priceDate: '2026-11-01',
      lines: [
        {
          item: 'EKS control plane',
          quantity: 730,
          unit: 'hours',
          unitUsd: 0.1,
          monthlyUsd: 73,
        },
        {
          item: 'NAT gateway',
          quantity: prod ? 1460 : 730,
          unit: 'hours',
          unitUsd: 0.045,
          monthlyUsd: prod ? 65.7 : 32.85,
        },
      ],
    },
    nag: { errors: [], warningCount: 3 },
    ...(body.environment
      ? {
          diff: {
            stacks: [
              {
                stack: 'cluster',
                added: ['RunnerNodeGroup2'],
                removed: [],
                changed: [
                  {
                    logicalId: 'AppNodes',
                    resourceType: 'AWS::EKS::Nodegroup',
                    replacement: true,
                  },
                ],
              },
            ],
          },
        }
      : {}),
    bootstrap: { bootstrapped: true, version: 27 },
    simulated: true,
  };
}

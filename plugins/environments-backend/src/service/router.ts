import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  bootstrapRequestSchema,
  createEnvironmentRequestSchema,
  destroyEnvironmentRequestSchema,
  Environment,
  EnvironmentStatus,
  environmentCreatePermission,
  environmentDestroyPermission,
  environmentNameSchema,
  environmentReadPermission,
  environmentUpdatePermission,
  listEnvironmentsQuerySchema,
  OperationEvent,
  operationEventsQuerySchema,
  planRequestSchema,
  retryEnvironmentRequestSchema,
  updateEnvironmentRequestSchema,
} from '@taskplatform/plugin-environments-common';
import express, { NextFunction, Request, Response } from 'express';
import { EnvironmentStore, EnvironmentWithOperation } from '../database/types';
import { Deployer } from '../deployer/Deployer';
import { EnvironmentPermissionFilters } from '../permissions/EnvironmentPermissionFilters';
import { spec as openApiSpec } from '../schema/openapi.generated';
import { AccountsConfig } from './AccountsConfig';
import { EnvironmentChanges } from './EnvironmentChanges';
import { specForUpdate, specFromRequest } from './resolveSpec';
import { actorOf, createAudited, isDatabaseDown } from './requestHelpers';
import { operationIdSchema, parseInput } from './validation';

export interface RouterOptions {
  store: EnvironmentStore;
  deployer: Deployer;
  accounts: AccountsConfig;
  httpAuth: HttpAuthService;
  filters: EnvironmentPermissionFilters;
  auditor: AuditorService;
  logger: LoggerService;
  changes: EnvironmentChanges;
  /** Called after an operation is queued, to start it at once. */
  onEnqueued(): void;
  /** Check every response against the OpenAPI spec (500 on mismatch); for tests. */
  validateResponses?: boolean;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, deployer, accounts, httpAuth, filters, auditor, changes } =
    options;
  const router = createValidatedOpenApiRouter(openApiSpec, {
    middleware: [express.json({ limit: '256kb' })],
    validatorOptions: { validateResponses: options.validateResponses ?? false },
  }) as unknown as express.Router;

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const audited = createAudited(auditor);

  const nameOf = (req: Request) =>
    parseInput(environmentNameSchema, req.params.name, 'name');

  async function readable(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<Environment> {
    const filter = await filters.forPermission(
      environmentReadPermission,
      credentials,
    );
    const environment = await store.getEnvironment(name, filter);
    if (!environment) throw new NotFoundError(`Environment ${name} not found`);
    return environment;
  }

  /** Readable (else 404) and allowed by `permission` (else 403). */
  async function writable(
    name: string,
    credentials: BackstageCredentials,
    permission: typeof environmentUpdatePermission,
  ): Promise<Environment> {
    const environment = await readable(name, credentials);
    const filter = await filters.forPermission(permission, credentials);
    if (filter && !(await store.getEnvironmentById(environment.id, filter))) {
      throw new NotAllowedError(
        `You may not ${permission.attributes.action} environment ${environment.name}`,
      );
    }
    return environment;
  }

  function queued(res: Response, result: EnvironmentWithOperation) {
    if (result.created) {
      changes.statusChanged(result.environment, result.operation.id);
      options.onEnqueued();
    }
    res
      .status(result.created ? 202 : 200)
      .json({ environment: result.environment, operation: result.operation });
  }

  // The accounts and regions environments may be created in, for the
  // create-environment form: any signed-in user may read them (no secrets).
  router.get('/targets', async (req, res) => {
    await credentialsOf(req);
    res.json({ items: accounts.targets() });
  });

  router.post('/deployer/warm', async (req, res) => {
    const credentials = await credentialsOf(req);
    await filters.assertAllowed(environmentCreatePermission, credentials);
    // fire and forget: the plan that follows reports any real error
    deployer
      .warm?.()
      .catch(error =>
        options.logger.warn(`Could not warm the deployer worker: ${error}`),
      );
    res.status(202).json({});
  });

  router.get('/environments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(listEnvironmentsQuerySchema, req.query, 'query');
    const filter = await filters.forPermission(
      environmentReadPermission,
      credentials,
    );
    res.json(await store.listEnvironments({ query, filter }));
  });

  router.get('/environments/:name', async (req, res) => {
    res.json(await readable(nameOf(req), await credentialsOf(req)));
  });

  router.post('/plan', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(planRequestSchema, req.body, 'body');
    let previousTemplates: Record<string, unknown> | undefined;
    let spec: Record<string, unknown>;
    if (body.environment) {
      const existing = await readable(body.environment, credentials);
      spec = await specForUpdate(deployer, existing.spec, body.spec);
      previousTemplates = await store.getTemplates(existing.id);
    } else {
      await filters.assertAllowed(environmentCreatePermission, credentials);
      accounts.assertAllowed(body.spec.account, body.spec.region);
      spec = await specFromRequest(deployer, body.preset, body.spec);
    }
    accounts.assertAllowed(spec.account, spec.region);
    const plan = await deployer.plan({ spec, previousTemplates });
    await store.savePlan(String(spec.name), plan);
    res.json(plan);
  });

  router.post('/environments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(createEnvironmentRequestSchema, req.body, 'body');
    await filters.assertAllowed(environmentCreatePermission, credentials);
    accounts.assertAllowed(body.spec.account, body.spec.region);
    const spec = await specFromRequest(deployer, body.preset, body.spec);
    const name = String(spec.name);
    const plan = await store.getPlan(name);
    const planOfThisSpec =
      plan && JSON.stringify(plan.spec) === JSON.stringify(spec)
        ? plan
        : undefined;
    if (planOfThisSpec?.nag.errors.length) {
      // the plan of this very spec failed cdk-nag: it must not be deployed
      throw new InputError(
        `spec: cdk-nag errors block this spec: ${planOfThisSpec.nag.errors
          .map(e => `${e.ruleName} (${e.constructPaths.join(', ')})`)
          .join('; ')}`,
      );
    }
    const result = await audited(
      req,
      'environment-create',
      { environmentName: name, owner: body.owner },
      () =>
        store.createEnvironment(
          {
            name,
            title: body.title ?? name,
            owner: body.owner,
            account: String(spec.account),
            region: String(spec.region),
            preset: body.preset,
            spec,
            simulated: deployer.simulated,
            estimatedMonthlyCostUsd: planOfThisSpec?.cost.monthlyUsd,
          },
          {
            requestedBy: actorOf(credentials),
            idempotencyKey: body.idempotencyKey,
          },
        ),
    );
    queued(res, result);
  });

  router.post('/environments/:name/update', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(updateEnvironmentRequestSchema, req.body, 'body');
    const environment = await writable(
      nameOf(req),
      credentials,
      environmentUpdatePermission,
    );
    const spec = await specForUpdate(deployer, environment.spec, body.spec);
    const result = await audited(
      req,
      'environment-update',
      { environmentName: environment.name },
      () =>
        store.startOperation({
          environmentId: environment.id,
          kind: 'deploy',
          to: 'updating',
          spec,
          request: {
            requestedBy: actorOf(credentials),
            idempotencyKey: body.idempotencyKey,
          },
        }),
    );
    queued(res, result);
  });

  router.post('/environments/:name/retry', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(
      retryEnvironmentRequestSchema,
      req.body ?? {},
      'body',
    );
    const environment = await writable(
      nameOf(req),
      credentials,
      environmentUpdatePermission,
    );
    if (environment.status !== 'failed') {
      throw new ConflictError(
        `status: environment ${environment.name} is ${environment.status}; only a failed environment can be retried`,
      );
    }
    const kind =
      (await store.lastFailedOperationKind(environment.id)) === 'destroy'
        ? 'destroy'
        : 'deploy';
    if (kind === 'destroy') {
      await writable(nameOf(req), credentials, environmentDestroyPermission);
    }
    let retryStatus: EnvironmentStatus = 'destroying';
    if (kind === 'deploy') {
      // a deploy that never succeeded is provisioned again, else updated
      retryStatus = Object.keys(environment.outputs).length
        ? 'updating'
        : 'provisioning';
    }
    const result = await audited(
      req,
      'environment-retry',
      { environmentName: environment.name, kind },
      () =>
        store.startOperation({
          environmentId: environment.id,
          kind,
          to: retryStatus,
          request: {
            requestedBy: actorOf(credentials),
            idempotencyKey: body.idempotencyKey,
          },
        }),
    );
    queued(res, result);
  });

  router.post('/environments/:name/destroy', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(destroyEnvironmentRequestSchema, req.body, 'body');
    const name = nameOf(req);
    if (body.confirm !== name) {
      throw new InputError(
        `confirm: must repeat the environment name (${name}) to destroy it`,
      );
    }
    const environment = await writable(
      nameOf(req),
      credentials,
      environmentDestroyPermission,
    );
    const result = await audited(
      req,
      'environment-destroy',
      { environmentName: environment.name },
      () =>
        store.startOperation({
          environmentId: environment.id,
          kind: 'destroy',
          to: 'destroying',
          request: {
            requestedBy: actorOf(credentials),
            idempotencyKey: body.idempotencyKey,
          },
        }),
    );
    queued(res, result);
  });

  router.post('/bootstrap', async (req, res) => {
    const credentials = await credentialsOf(req);
    const body = parseInput(bootstrapRequestSchema, req.body, 'body');
    await filters.assertAllowed(environmentCreatePermission, credentials);
    accounts.assertAllowed(body.account, body.region, '');
    const result = await audited(req, 'environment-bootstrap', body, () =>
      store.startBootstrap({
        ...body,
        request: { requestedBy: actorOf(credentials) },
      }),
    );
    if (result.created) options.onEnqueued();
    res
      .status(result.created ? 202 : 200)
      .json({ operation: result.operation });
  });

  router.get('/environments/:name/operations', async (req, res) => {
    const environment = await readable(nameOf(req), await credentialsOf(req));
    res.json({ items: await store.listOperations(environment.id) });
  });

  router.get('/environments/:name/plan', async (req, res) => {
    const environment = await readable(nameOf(req), await credentialsOf(req));
    const plan = await store.getPlan(environment.name);
    if (!plan) {
      throw new NotFoundError(`No plan recorded for ${environment.name}`);
    }
    res.json(plan);
  });

  /** The operation if its environment is readable (404 otherwise). */
  async function readableOperation(
    req: Request,
    alongside?: (id: string) => Promise<unknown>,
  ) {
    const credentials = await credentialsOf(req);
    const id = parseInput(operationIdSchema, req.params.id, 'id');
    const filter = await filters.forPermission(
      environmentReadPermission,
      credentials,
    );
    // one query checks both existence and permission; the page is read alongside
    const [operation, extra] = await Promise.all([
      store.getOperation(id, filter),
      alongside?.(id),
    ]);
    if (!operation) throw new NotFoundError(`Operation ${id} not found`);
    return { operation, extra };
  }

  router.get('/operations/:id', async (req, res) => {
    res.json((await readableOperation(req)).operation);
  });

  router.get('/operations/:id/events', async (req, res) => {
    const query = parseInput(operationEventsQuerySchema, req.query, 'query');
    const since = query.since ?? 0;
    const { operation, extra } = await readableOperation(req, id =>
      store.listEvents(id, { since, limit: query.limit ?? 100 }),
    );
    const items = extra as OperationEvent[];
    res.json({
      items,
      nextSince: items.length ? items[items.length - 1].id : since,
      operation,
    });
  });

  router.use(
    (error: unknown, _req: Request, _res: Response, next: NextFunction) => {
      next(
        isDatabaseDown(error)
          ? new ServiceUnavailableError(
              'The environments database is unreachable',
            )
          : error,
      );
    },
  );

  return router;
}

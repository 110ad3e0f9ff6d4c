import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  CreateEnvironmentRequest,
  DestroyEnvironmentRequest,
  Environment,
  EnvironmentOperationResponse,
  OperationEventsResponse,
  PlanRequest,
  PlanResult,
} from '@taskplatform/plugin-environments-common';

/**
 * The few calls of the environments API that the Scaffolder actions make.
 * Every call carries a token issued on behalf of the given credentials, so the
 * environments backend applies the initiating user's permissions.
 */
export class EnvironmentsApiClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
  }

  async plan(
    request: PlanRequest,
    credentials: BackstageCredentials,
  ): Promise<PlanResult> {
    return this.request('POST', '/plan', credentials, request);
  }

  async getEnvironment(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<Environment> {
    return this.request(
      'GET',
      `/environments/${encodeURIComponent(name)}`,
      credentials,
    );
  }

  async createEnvironment(
    request: CreateEnvironmentRequest,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentOperationResponse> {
    return this.request('POST', '/environments', credentials, request);
  }

  async destroyEnvironment(
    name: string,
    request: DestroyEnvironmentRequest,
    credentials: BackstageCredentials,
  ): Promise<EnvironmentOperationResponse> {
    return this.request(
      'POST',
      `/environments/${encodeURIComponent(name)}/destroy`,
      credentials,
      request,
    );
  }

  /** Events of an operation after the `since` cursor, ascending, with the operation's state. */
  async getOperationEvents(
    operationId: string,
    since: number,
    credentials: BackstageCredentials,
  ): Promise<OperationEventsResponse> {
    const query = new URLSearchParams({ since: String(since), limit: '500' });
    return this.request(
      'GET',
      `/operations/${encodeURIComponent(operationId)}/events?${query}`,
      credentials,
    );
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    credentials: BackstageCredentials,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('environments');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'environments',
    });
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      throw new ServiceUnavailableError(
        `environments API ${method} ${path}: unreachable at ${baseUrl} (${
          cause?.code ?? (error as Error).message
        })`,
      );
    }
    if (!response.ok) {
      throw await apiError(response, `${method} ${path}`);
    }
    return (await response.json()) as T;
  }
}

/** The API's error as a Backstage error of the same kind, keeping its message (which names the field). */
async function apiError(response: Response, call: string): Promise<Error> {
  const error = await ResponseError.fromResponse(response);
  const message = `environments API ${call}: ${
    error.cause?.message || error.message
  }`;
  switch (response.status) {
    case 400:
      return new InputError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 503:
      return new ServiceUnavailableError(message);
    default:
      return new Error(`${message} (HTTP ${response.status})`, {
        cause: error,
      });
  }
}

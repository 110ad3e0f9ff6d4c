import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DestroyEnvironmentRequest,
  Environment,
  EnvironmentListResponse,
  EnvironmentOperationResponse,
  EnvironmentTargetListResponse,
  EnvironmentTarget,
  ListEnvironmentsQuery,
  Operation,
  OperationEventsQuery,
  OperationEventsResponse,
  PlanResult,
} from '@taskplatform/plugin-environments-common';
import type { EnvironmentsApi } from './EnvironmentsApi';

/** Builds a query string, dropping empty values. */
export function toQueryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const segment = encodeURIComponent;

/**
 * The {@link EnvironmentsApi} implementation that talks to the environments
 * backend (`/api/environments`) through the app's discovery and fetch APIs.
 *
 * @public
 */
export class EnvironmentsClient implements EnvironmentsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listEnvironments(
    query: ListEnvironmentsQuery = {},
  ): Promise<EnvironmentListResponse> {
    return this.request<EnvironmentListResponse>(
      `/environments${toQueryString({ ...query })}`,
    );
  }

  async getEnvironment(name: string): Promise<Environment> {
    return this.request<Environment>(`/environments/${segment(name)}`);
  }

  async listOperations(name: string): Promise<Operation[]> {
    const res = await this.request<{ items: Operation[] }>(
      `/environments/${segment(name)}/operations`,
    );
    return res.items;
  }

  async getOperationEvents(
    operationId: string,
    query: OperationEventsQuery = {},
  ): Promise<OperationEventsResponse> {
    return this.request<OperationEventsResponse>(
      `/operations/${segment(operationId)}/events${toQueryString({
        since: Number(query.since ?? 0),
        limit: query.limit === undefined ? undefined : Number(query.limit),
      })}`,
    );
  }

  async getLastPlan(name: string): Promise<PlanResult | undefined> {
    try {
      return await this.request<PlanResult>(
        `/environments/${segment(name)}/plan`,
      );
    } catch (error) {
      if (ResponseError.is(error) && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async retry(name: string): Promise<EnvironmentOperationResponse> {
    return this.request<EnvironmentOperationResponse>(
      `/environments/${segment(name)}/retry`,
      { method: 'POST' },
    );
  }

  async listTargets(): Promise<EnvironmentTarget[]> {
    const res = await this.request<EnvironmentTargetListResponse>('/targets');
    return res.items;
  }

  async warmDeployer(): Promise<void> {
    await this.request<unknown>('/deployer/warm', { method: 'POST' });
  }

  async destroy(
    name: string,
    request: DestroyEnvironmentRequest,
  ): Promise<EnvironmentOperationResponse> {
    return this.request<EnvironmentOperationResponse>(
      `/environments/${segment(name)}/destroy`,
      { method: 'POST', body: request },
    );
  }

  private async request<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('environments');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers:
        options.body !== undefined
          ? { 'Content-Type': 'application/json' }
          : undefined,
      body:
        options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

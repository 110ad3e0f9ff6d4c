import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import {
  Environment,
  ENVIRONMENTS_SIGNAL_CHANNEL,
  EnvironmentsSignal,
} from '@taskplatform/plugin-environments-common';

/** Something that wants to hear about every environment change (the catalog provider). */
export type EnvironmentChangeListener = (environment: Environment) => void;

/**
 * Fans every environment change out: a signal on `environments:changed`
 * for the UI, and the in-process listeners (the catalog entity provider).
 */
export class EnvironmentChanges {
  private readonly listeners = new Set<EnvironmentChangeListener>();

  constructor(
    private readonly options: {
      signals?: Pick<SignalsService, 'publish'>;
      logger: LoggerService;
    },
  ) {}

  onStatusChange(listener: EnvironmentChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new environment or a new status (or outputs) of one. */
  statusChanged(environment: Environment, operationId?: string) {
    this.publish({
      type: 'status',
      environmentName: environment.name,
      status: environment.status,
      ...(operationId ? { operationId } : {}),
    });
    for (const listener of this.listeners) {
      try {
        listener(environment);
      } catch (error) {
        this.options.logger.warn(
          `Environment change listener failed: ${error}`,
        );
      }
    }
  }

  /** A batch of operation events was written. */
  eventsWritten(
    environment: Pick<Environment, 'name' | 'status'>,
    operationId: string,
    lastEventId: number,
  ) {
    this.publish({
      type: 'events',
      environmentName: environment.name,
      status: environment.status,
      operationId,
      lastEventId,
    });
  }

  private publish(message: EnvironmentsSignal) {
    this.options.signals
      ?.publish({
        recipients: { type: 'broadcast' },
        channel: ENVIRONMENTS_SIGNAL_CHANNEL,
        message: message as unknown as JsonObject,
      })
      .catch(error =>
        this.options.logger.warn(`Could not publish a signal: ${error}`),
      );
  }
}

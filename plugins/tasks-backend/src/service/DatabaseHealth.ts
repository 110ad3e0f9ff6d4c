import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import express from 'express';
import { Knex } from 'knex';

/** Seconds a client should wait before retrying while the database is down. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Error codes and messages of a database that cannot be reached: refused
 * or reset connections, a server shutting down or starting up (SQLSTATE
 * class 08 and 57P01–57P03), and a pool that could not get a connection.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'EPIPE',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENOTFOUND',
      '57P01',
      '57P02',
      '57P03',
    ].includes(code) ||
    code.startsWith('08')
  ) {
    return true;
  }
  if (e.name === 'KnexTimeoutError') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|Client has encountered a connection error|not queryable|Connection ended/i.test(
    message,
  );
}

/**
 * Whether the plugin's database answers. While it does not, requests get a
 * 503 with `Retry-After` at once (without waiting for the connection pool)
 * and readiness reports it; a ping every `pingIntervalMs` notices when it
 * is back.
 */
export class DatabaseHealth {
  private up = true;
  private lastOk = 0;
  /** When the ping in flight started. */
  private outstanding?: number;
  private timer?: NodeJS.Timeout;
  private downSince?: number;

  constructor(
    private readonly db: Knex,
    private readonly logger: LoggerService,
    private readonly options: {
      pingIntervalMs?: number;
      pingTimeoutMs?: number;
    } = {},
  ) {}

  get isUp(): boolean {
    return this.up;
  }

  /** Any query that succeeds shows the database is up. */
  private readonly onQueryResponse = () => {
    this.lastOk = Date.now();
  };

  start(): void {
    this.db.on('query-response', this.onQueryResponse);
    this.timer = setInterval(
      () => this.ping(),
      this.options.pingIntervalMs ?? 200,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.db.removeListener('query-response', this.onQueryResponse);
  }

  /** A request saw the database fail: stop sending requests to it. */
  markDown(error: unknown): void {
    if (!this.up) return;
    this.up = false;
    this.downSince = Date.now();
    this.logger.warn(
      `Tasks database unreachable, answering 503 until it is back: ${error}`,
    );
  }

  /**
   * Checks the database, one ping at a time: a ping that hangs longer than
   * `pingTimeoutMs` while no other query succeeds either (an unreachable
   * host) counts as down, and the next ping starts when it settles. A ping
   * that only waits for a connection of a busy pool, while the requests
   * ahead of it get their answers, is load, not an outage.
   */
  private ping(): void {
    const now = Date.now();
    // while up, requests notice failures; a ping a second covers idle times
    if (this.up && now - this.lastOk < 1000) return;
    if (this.outstanding !== undefined) {
      const timeout = this.options.pingTimeoutMs ?? 1000;
      if (now - this.outstanding > timeout && now - this.lastOk > timeout) {
        this.markDown(new Error('ping timed out'));
      }
      return;
    }
    this.outstanding = now;
    this.db
      .raw('SELECT 1')
      .then(
        () => {
          if (!this.up) {
            this.logger.info(
              `Tasks database is back after ${Date.now() - this.downSince!} ms`,
            );
          }
          this.up = true;
          this.lastOk = Date.now();
        },
        error => {
          if (isDatabaseUnreachable(error)) this.markDown(error);
        },
      )
      .finally(() => {
        this.outstanding = undefined;
      });
  }

  private unavailable(res: express.Response): ServiceUnavailableError {
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    return new ServiceUnavailableError(
      `The tasks database is unreachable; retry in ${RETRY_AFTER_SECONDS} s`,
    );
  }

  /**
   * Answers 503 at once while the database is down, in Backstage's error
   * shape (it runs before the OpenAPI validator, which would turn a thrown
   * error into a 400).
   */
  gate(): express.RequestHandler {
    return (req, res, next) => {
      if (this.up) {
        next();
        return;
      }
      const error = this.unavailable(res);
      res.status(503).json({
        error: { name: error.name, message: error.message },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 503 },
      });
    };
  }

  /** Turns database connection failures into 503s (never 500). */
  errorHandler(): express.ErrorRequestHandler {
    return (error, _req, res, next) => {
      if (isDatabaseUnreachable(error)) {
        this.markDown(error);
        next(this.unavailable(res));
        return;
      }
      next(error);
    };
  }
}

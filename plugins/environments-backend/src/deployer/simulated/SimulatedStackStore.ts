import type { Knex } from 'knex';
import type { CfnTemplate } from '../plan/SynthesizedStack';
import { statusAt, type ScheduledEvent } from './buildSchedule';

/** One stack of the simulated cloud, with the schedule of its current or last operation. */
export interface SimulatedStack {
  account: string;
  region: string;
  stackName: string;
  environmentName: string | null;
  operation: 'deploy' | 'destroy' | 'bootstrap';
  startedAt: number;
  intervalMs: number;
  events: ScheduledEvent[];
  previousStatus: string | null;
  finalStatus: string;
  outputs: Record<string, string>;
  template: CfnTemplate;
  /** Time of the last event handed to a follower of the current operation. */
  followedUntil: number | null;
}

const TABLE = 'simulated_stacks';

/** When the last event of the stack's operation happens. */
export function endsAt(stack: SimulatedStack): number {
  return (
    stack.startedAt + Math.max(stack.events.length - 1, 0) * stack.intervalMs
  );
}

export function stackStatusAt(stack: SimulatedStack, now: number): string {
  return statusAt(stack, now);
}

function fromRow(row: any): SimulatedStack {
  return {
    account: row.account,
    region: row.region,
    stackName: row.stack_name,
    environmentName: row.environment_name,
    operation: row.operation,
    startedAt: Number(row.started_at),
    intervalMs: Number(row.interval_ms),
    events: JSON.parse(row.events),
    previousStatus: row.previous_status,
    finalStatus: row.final_status,
    outputs: JSON.parse(row.outputs),
    template: JSON.parse(row.template),
    followedUntil:
      row.followed_until === null ? null : Number(row.followed_until),
  };
}

/** The `simulated_stacks` table of the plugin database. */
export class SimulatedStackStore {
  constructor(private readonly knex: Knex) {}

  async listEnvironment(target: {
    account: string;
    region: string;
    environmentName: string;
  }): Promise<SimulatedStack[]> {
    const rows = await this.knex(TABLE)
      .where({
        account: target.account,
        region: target.region,
        environment_name: target.environmentName,
      })
      .orderBy('started_at', 'asc');
    return rows.map(fromRow);
  }

  async get(
    account: string,
    region: string,
    stackName: string,
  ): Promise<SimulatedStack | undefined> {
    const row = await this.knex(TABLE)
      .where({ account, region, stack_name: stackName })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Writes the stacks of one operation at once (replacing their previous rows). */
  async save(stacks: SimulatedStack[]): Promise<void> {
    await this.knex.transaction(async tx => {
      for (const s of stacks) {
        await tx(TABLE)
          .where({
            account: s.account,
            region: s.region,
            stack_name: s.stackName,
          })
          .delete();
        await tx(TABLE).insert({
          account: s.account,
          region: s.region,
          stack_name: s.stackName,
          environment_name: s.environmentName,
          operation: s.operation,
          started_at: s.startedAt,
          interval_ms: s.intervalMs,
          events: JSON.stringify(s.events),
          previous_status: s.previousStatus,
          final_status: s.finalStatus,
          outputs: JSON.stringify(s.outputs),
          template: JSON.stringify(s.template),
          followed_until: s.followedUntil,
          updated_at: Date.now(),
        });
      }
    });
  }

  /** Records how far followers got, so that a re-attach neither loses nor repeats events. */
  async markFollowed(stacks: SimulatedStack[], until: number): Promise<void> {
    for (const s of stacks) {
      await this.knex(TABLE)
        .where({
          account: s.account,
          region: s.region,
          stack_name: s.stackName,
        })
        .update({ followed_until: until, updated_at: Date.now() });
    }
  }
}

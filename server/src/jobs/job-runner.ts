import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { ClaimedJob } from '../repositories/job-repository.js';
import type { Context } from '../use-cases/context.js';
import { DIGEST_JOB } from '../use-cases/evidence-digests.js';

/** Runs one job; a rejected promise is a failed attempt. */
export type JobHandler = (payload: unknown) => Promise<void>;

export interface JobRunnerOptions {
  /** How often the table is polled for due jobs (ms). */
  pollMs?: number;
  /** How long a claim holds a job; a job still held after it (its claimer died) is claimed again. */
  leaseMs?: number;
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** Attempts before a failing job is given up. */
  maxAttempts?: number;
}

const DEFAULTS: Required<JobRunnerOptions> = { pollMs: 1000, leaseMs: 3 * 60 * 1000, concurrency: 2, maxAttempts: 8 };
const DAY_MS = 24 * 60 * 60 * 1000;
/** Done jobs are kept a week (what ran when, and why one was given up), then removed. */
const KEEP_DONE_MS = 7 * DAY_MS;

/** The wait before attempt `attempts + 1`: 10 s, doubling, at most an hour. */
export const jobRetryDelayMs = (attempts: number) => Math.min(10_000 * 2 ** (attempts - 1), 60 * 60 * 1000);

/**
 * Runs the jobs table's work in this process: polls every `pollMs` (and at once when kicked: this process
 * queued work), claims due jobs of the kinds it has handlers for under a lease, runs them, and marks them
 * done, or failed with backoff (given up after `maxAttempts`). Any number of processes may run one on the
 * same database: the claim gives each job to one of them, and a crashed one's jobs to another after the lease.
 */
export class JobRunner {
  /** This runner's name in `claimed_by`: host, process and runner. */
  readonly processId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly options: Required<JobRunnerOptions>;
  private readonly running = new Set<Promise<void>>();
  private looping: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private lastPurge = 0;

  constructor(
    private readonly ctx: Pick<Context, 'jobs' | 'clock'>,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly log: Pick<FastifyBaseLogger, 'warn' | 'error'>,
    options: JobRunnerOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  start(): this {
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
    return this;
  }

  /** Looks for due jobs now (again, if a look is under way). */
  kick(): void {
    if (this.stopped) return;
    if (this.looping) {
      this.again = true;
      return;
    }
    this.looping = this.loop()
      .catch((err: unknown) => this.log.error({ err }, 'job claim failed'))
      .finally(() => (this.looping = null));
  }

  /** Resolves when a look finds no due job this runner may take and none is running here. */
  async drain(): Promise<void> {
    while (!this.stopped) {
      this.kick();
      await this.looping;
      if (!this.running.size && !this.again) return;
      await Promise.race(this.running);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.looping;
    await Promise.allSettled(this.running);
  }

  private async loop(): Promise<void> {
    const kinds = Object.keys(this.handlers);
    do {
      this.again = false;
      await this.purge();
      while (!this.stopped && this.running.size < this.options.concurrency) {
        const jobs = await this.ctx.jobs.claim(
          kinds,
          this.options.concurrency - this.running.size,
          this.processId,
          this.options.leaseMs,
          this.ctx.clock.now(),
        );
        if (!jobs.length) break;
        for (const job of jobs) {
          const run = this.run(job).finally(() => {
            this.running.delete(run);
            this.kick();
          });
          this.running.add(run);
        }
      }
    } while (this.again && !this.stopped);
  }

  private async run(job: ClaimedJob): Promise<void> {
    try {
      await this.handlers[job.kind]!(job.payload);
      await this.ctx.jobs.complete(job.id, this.processId, this.ctx.clock.now());
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const now = this.ctx.clock.now();
      const retryAt =
        job.attempts >= this.options.maxAttempts ? null : new Date(now.getTime() + jobRetryDelayMs(job.attempts));
      this.log.warn({ err, jobId: job.id, kind: job.kind, givenUp: retryAt === null }, 'job failed');
      await this.ctx.jobs
        .fail(job.id, this.processId, error, retryAt, now)
        .catch((e: unknown) => this.log.error({ err: e, jobId: job.id }, 'job failure not recorded'));
    }
  }

  /** Removes done jobs older than a week, once a day per runner. */
  private async purge(): Promise<void> {
    const now = this.ctx.clock.now();
    if (now.getTime() - this.lastPurge < DAY_MS) return;
    this.lastPurge = now.getTime();
    await this.ctx.jobs.purgeDone(new Date(now.getTime() - KEEP_DONE_MS));
  }
}

/** The server's runner: digest jobs; attached to the evidence digests so that queued digests wake it. */
export function startJobRunner(ctx: Context, log: FastifyBaseLogger, options: JobRunnerOptions = {}): JobRunner {
  const runner = new JobRunner(
    ctx,
    { [DIGEST_JOB]: (payload) => ctx.digests.run((payload as { fileId: string }).fileId) },
    log,
    options,
  );
  ctx.digests.attach(runner);
  return runner.start();
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPostgres, testOnPostgres } from '../../test-support/postgres.js';
import { loadConfig } from '../config.js';
import { migrateToLatest, openDatabase, type Db } from '../db/database.js';
import { systemClock } from '../domain/clock.js';
import { JobRepository } from '../repositories/job-repository.js';
import { jobRetryDelayMs, JobRunner } from './job-runner.js';

/**
 * Claims from two server processes on one database: two database handles (two connection pools on PostgreSQL,
 * two connections to the file on SQLite). Runners of two apps are in jobs-across-processes.test.ts.
 */
let dir: string;
let first: Db;
let second: Db;
const log = { warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-jobs-'));
  const databaseUrl = testOnPostgres ? await (await sharedPostgres()).createDatabase() : null;
  const config = loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' }, databaseUrl ? { databaseUrl } : {});
  first = openDatabase(config);
  await migrateToLatest(first);
  second = openDatabase(config);
});
afterAll(async () => {
  await first.destroy();
  await second.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the jobs table under concurrent claims', () => {
  it('never gives one job to two of 20 claimers racing on both', { timeout: 60_000 }, async () => {
    const repos = [new JobRepository(first), new JobRepository(second)];
    const queued = Array.from({ length: 300 }, (_, i) => ({ kind: 'race', key: `race:${i}`, payload: { i } }));
    await repos[0]!.enqueue(queued, new Date());
    const claims = await Promise.all(
      Array.from({ length: 20 }, async (_, c) => {
        const taken: string[] = [];
        for (;;) {
          const jobs = await repos[c % 2]!.claim(['race'], 3, `claimer-${c}`, 60_000, new Date());
          if (!jobs.length) return taken;
          taken.push(...jobs.map((j) => j.id));
        }
      }),
    );
    const all = claims.flat();
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
    expect(claims.filter((c) => c.length > 0).length).toBeGreaterThan(1);
  });

  it('retries a failing job later, and records why it gave up', async () => {
    const jobs = new JobRepository(first);
    await jobs.enqueue([{ kind: 'failing', key: 'failing:1', payload: {} }], new Date());
    const runner = new JobRunner(
      { jobs, clock: systemClock },
      { failing: () => Promise.reject(new Error('磁盘已满')) },
      log,
      {
        maxAttempts: 2,
      },
    );
    const before = Date.now();
    await runner.drain();
    let row = await jobs.latestByKey(['failing:1']);
    expect(row[0]).toMatchObject({ done_at: null, attempts: 1 });
    const waiting = await first.selectFrom('jobs').selectAll().where('key', '=', 'failing:1').executeTakeFirstOrThrow();
    expect(waiting.lease_until).toBeNull();
    expect(Date.parse(waiting.run_after)).toBeGreaterThanOrEqual(before + jobRetryDelayMs(1));
    // Nothing to take before the backoff has passed; after it, the second failure gives up.
    expect(await jobs.claim(['failing'], 1, runner.processId, 60_000, new Date())).toEqual([]);
    await first
      .updateTable('jobs')
      .set({ run_after: new Date(0).toISOString() })
      .where('key', '=', 'failing:1')
      .execute();
    await runner.drain();
    row = await jobs.latestByKey(['failing:1']);
    expect(row[0]).toMatchObject({ last_error: '磁盘已满', attempts: 2 });
    expect(row[0]!.done_at).not.toBeNull();
  });
});

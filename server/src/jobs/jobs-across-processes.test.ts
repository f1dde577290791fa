import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfCarrying } from '../../test-support/fixtures.js';
import { TestClient } from '../../test-support/http.js';
import { uploadEvidenceFile } from '../../test-support/applications.js';
import { sharedPostgres, testOnPostgres } from '../../test-support/postgres.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { buildApp, type App } from '../http/app.js';
import { createContext } from '../use-cases/context.js';
import { deliverNotifications, remindDeadlines } from '../use-cases/deliver-notifications.js';
import { DIGEST_JOB } from '../use-cases/evidence-digests.js';
import { JobRunner } from './job-runner.js';

const digestsOf = (b: Buffer) => ({
  sha256: createHash('sha256').update(b).digest('hex'),
  sm3: createHash('sm3').update(b).digest('hex'),
  crc32: crc32(b),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real time, moved by `offset` (a deadline test moves both "processes" together; leases still run). */
const clock: Clock & { offset: number } = { offset: 0, now: () => new Date(Date.now() + clock.offset) };

// Two server processes on one database (SQLite file, or PostgreSQL with TEST_DATABASE=postgres) and one store.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-jobs-'));
let config: Config;
let a: App;
let b: App;
beforeAll(async () => {
  const databaseUrl = testOnPostgres ? await (await sharedPostgres()).createDatabase() : null;
  config = loadConfig(
    { DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    { notifyIntervalSeconds: 0, scrubIntervalSeconds: 0, ...(databaseUrl && { databaseUrl }) },
  );
  a = await buildApp({ config, clock });
  b = await buildApp({ config, clock });
});
afterAll(async () => {
  await a.close();
  await b.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('jobs claimed by several processes', () => {
  it('run each of 200 jobs exactly once between two processes', { timeout: 60_000 }, async () => {
    const runs = new Map<string, string[]>();
    const runner = (app: App) => {
      const r: JobRunner = new JobRunner(
        app.ctx,
        {
          count: async (payload) => {
            const n = (payload as { n: string }).n;
            runs.set(n, [...(runs.get(n) ?? []), r.processId]);
            await sleep(1);
          },
        },
        app.log,
        { concurrency: 4 },
      );
      return r;
    };
    const keys = Array.from({ length: 200 }, (_, i) => `count:${i}`);
    await a.ctx.transaction((tx) =>
      tx.jobs.enqueue(
        keys.map((key) => ({ kind: 'count', key, payload: { n: key } })),
        clock.now(),
      ),
    );
    // Queued again while open: nothing is added.
    expect(await a.ctx.jobs.enqueue([{ kind: 'count', key: keys[0]!, payload: { n: keys[0] } }], clock.now())).toBe(0);
    const [ra, rb] = [runner(a), runner(b)];
    ra.start();
    rb.start();
    await Promise.all([ra.drain(), rb.drain()]);
    await Promise.all([ra.stop(), rb.stop()]);

    expect([...runs.keys()].sort()).toEqual([...keys].sort());
    expect([...runs.values()].filter((by) => by.length !== 1)).toEqual([]);
    // Both took part (each claims up to 4 at a time while the other works).
    expect(new Set([...runs.values()].map((by) => by[0])).size).toBe(2);
    const open = await a.ctx.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'count')
      .where('done_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
  });

  it('give a job claimed by a process that crashed to another one when the lease ends', async () => {
    const ran: string[] = [];
    await a.ctx.jobs.enqueue([{ kind: 'orphan', key: 'orphan:1', payload: { n: 1 } }], clock.now());
    // The "crashed" process: claims the job and never completes it.
    const claimed = await a.ctx.jobs.claim(['orphan'], 10, 'crashed-process', 1500, clock.now());
    expect(claimed.map((j) => j.key)).toEqual(['orphan:1']);

    const runner = new JobRunner(b.ctx, { orphan: async () => void ran.push(runner.processId) }, b.log, {
      pollMs: 100,
    }).start();
    await runner.drain();
    expect(ran).toEqual([]);
    const deadline = Date.now() + 10_000;
    while (!ran.length && Date.now() < deadline) await sleep(100);
    await runner.drain();
    await runner.stop();
    expect(ran).toEqual([runner.processId]);
    const row = await b.ctx.db
      .selectFrom('jobs')
      .select(['claimed_by', 'attempts', 'done_at'])
      .where('key', '=', 'orphan:1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ claimed_by: runner.processId, attempts: 2 });
    expect(row.done_at).not.toBeNull();
  });
});

describe('notification rounds of two processes at once', () => {
  it('deliver each event once and add each deadline reminder once', { timeout: 60_000 }, async () => {
    const batch = (await a.ctx.references.listBatches()).find((x) => x.isDemo);
    for (let i = 0; i < 30; i++)
      await a.ctx.notifications.raise(
        {
          kind: 'package.returned',
          batchId: batch!.id,
          authorityCode: i % 2 ? '410300' : '411300',
          remarks: `第 ${i + 1} 处需修改`,
        },
        clock.now(),
      );
    const due = await a.ctx.db
      .selectFrom('notification_events')
      .select('id')
      .where('processed_at', 'is', null)
      .execute();
    expect(due.length).toBeGreaterThanOrEqual(30);
    const rounds = await Promise.all([deliverNotifications(a.ctx), deliverNotifications(b.ctx)]);
    expect(rounds.map((r) => r.failed)).toEqual([[], []]);
    expect(rounds[0]!.processed + rounds[1]!.processed).toBe(due.length);
    expect(
      (await Promise.all([deliverNotifications(a.ctx), deliverNotifications(b.ctx)])).map((r) => r.processed),
    ).toEqual([0, 0]);
    const events = await a.ctx.db
      .selectFrom('notification_events')
      .select(['processed_at', 'attempts'])
      .where('kind', '=', 'package.returned')
      .execute();
    expect(events).toHaveLength(30);
    expect(events.filter((e) => e.processed_at === null || e.attempts !== 0)).toEqual([]);

    // Two applicants with drafts, two days and a half before the application deadline: their 3-day reminders are due.
    for (const username of ['ly-keji', 'ny-chuangye'])
      expect((await (await new TestClient(a).login(username)).get('/api/v1/my/application')).statusCode).toBe(200);
    const deadline = Date.parse(batch!.config.applicationDeadline ?? batch!.config.cityDeadline);
    clock.offset = deadline - 2.5 * 24 * 3600 * 1000 - Date.now();
    try {
      const added = await Promise.all([remindDeadlines(a.ctx), remindDeadlines(b.ctx)]);
      const reminders = await a.ctx.db
        .selectFrom('notifications')
        .select('dedupe_key')
        .where('dedupe_key', 'like', 'reminder:application:%')
        .execute();
      expect(reminders.length).toBe(2);
      expect(added[0]! + added[1]!).toBe(reminders.length);
      expect(await Promise.all([remindDeadlines(a.ctx), remindDeadlines(b.ctx)])).toEqual([0, 0]);
    } finally {
      clock.offset = 0;
    }
  });
});

describe('evidence digests with two processes', () => {
  it('are recorded when an upload is answered: eight at once, each its own', { timeout: 60_000 }, async () => {
    const client = await new TestClient(a).login('ly-keji');
    const { id } = (await client.get('/api/v1/my/application')).json<{ id: string }>();
    const contents = Array.from({ length: 8 }, (_, i) => pdfCarrying(randomBytes(200_000 + i * 150_001)));
    const answers = await Promise.all(
      contents.map((c, i) => uploadEvidenceFile(client, id, 'other', `其他材料${i + 1}.pdf`, c)),
    );
    // Read right after the answers, no waiting: the digests came with the row.
    const ids = answers.map((r) => {
      expect(r.statusCode, r.body).toBe(201);
      return r.json<{ id: string }>().id;
    });
    const rows = await b.ctx.db
      .selectFrom('evidence_files')
      .select(['id', 'sha256', 'sm3', 'crc32'])
      .where('id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(8);
    for (const r of rows)
      expect({ ...r, crc32: Number(r.crc32) }).toEqual({ id: r.id, ...digestsOf(contents[ids.indexOf(r.id)]!) });
    // Nothing was left to a job.
    const jobs = await b.ctx.db
      .selectFrom('jobs')
      .select('key')
      .where(
        'key',
        'in',
        ids.map((f) => `${DIGEST_JOB}:${f}`),
      )
      .execute();
    expect(jobs).toEqual([]);
  });

  it('settle in one process waits for the recheck another process does, and its correction', async () => {
    const file = await a.ctx.db
      .selectFrom('evidence_files')
      .select(['id', 'application_id', 'storage_key', 'sha256', 'sm3', 'crc32'])
      .where('crc32', 'is not', null)
      .orderBy('uploaded_at')
      .executeTakeFirstOrThrow();
    const truth = { sha256: file.sha256, sm3: file.sm3, crc32: Number(file.crc32) };
    // A recheck as the digest-repair migration queues it: wrong old values kept, digests cleared.
    await a.ctx.db
      .insertInto('digest_rechecks')
      .values({ file_id: file.id, old_sha256: 'e'.repeat(64), old_sm3: 'd'.repeat(64), old_crc32: 7 })
      .execute();
    await a.ctx.db
      .updateTable('evidence_files')
      .set({ sha256: null, sm3: null, crc32: null })
      .where('id', '=', file.id)
      .execute();

    // A process with no runner of its own: the work is left to the two apps' runners (polling every second).
    const db = openDatabase(config);
    const waiting = createContext(config, db, clock);
    try {
      await waiting.digests.settle([{ id: file.id, crc32: null }]);
      const row = await waiting.db
        .selectFrom('evidence_files')
        .select(['sha256', 'sm3', 'crc32'])
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect({ ...row, crc32: Number(row.crc32) }).toEqual(truth);
      const job = await waiting.db
        .selectFrom('jobs')
        .select(['claimed_by', 'done_at'])
        .where('key', '=', `${DIGEST_JOB}:${file.id}`)
        .executeTakeFirstOrThrow();
      expect(job.claimed_by).toMatch(new RegExp(`:${process.pid}:`));
      expect(job.done_at).not.toBeNull();
      expect(await waiting.files.listCorrections(file.application_id)).toEqual([
        expect.objectContaining({ file_id: file.id, old_sha256: 'e'.repeat(64), new_sha256: truth.sha256 }),
      ]);
    } finally {
      await waiting.digester.close();
      await db.destroy();
    }
  });
});

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openSqlite, type Db } from '../db/database.js';
import * as initial from '../db/migrations/2026-11-24T0000-initial.js';
import * as cityReview from '../db/migrations/2026-11-24T0100-city-review.js';
import * as evidenceCrc32 from '../db/migrations/2026-11-25T0000-evidence-crc32.js';
import * as applicationsByUnit from '../db/migrations/2026-11-25T0100-applications-by-unit.js';
import * as auditChain from '../db/migrations/2026-11-27T0000-audit-chain.js';
import { fixedClock } from '../domain/clock.js';
import type { App } from '../http/app.js';
import { AuditRepository, type AuditEntry } from '../repositories/audit-repository.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { GENESIS_HASH } from './audit-chain.js';
import { verifyAuditChain } from './verify-audit.js';

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-audit-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const entry = (n: number, patch: Partial<AuditEntry> = {}): AuditEntry => ({
  actorUserId: null,
  actorName: `tester${n}`,
  ip: '127.0.0.1',
  action: 'review.finding',
  targetType: 'application',
  targetId: `app-${n}`,
  detail: { n },
  ...patch,
});

const seqs = async (db: Db) =>
  (await db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => r.seq);
const oneToN = (n: number) => Array.from({ length: n }, (_v, i) => i + 1);

describe('appending under concurrency', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ clock: fixedClock('2026-11-24T02:00:00Z') });
  });
  afterAll(async () => app.close());

  it('gives parallel records, standalone and inside transactions, the seqs 1…N once each, and the chain verifies', async () => {
    const before = (await seqs(app.ctx.db)).length;
    const now = app.ctx.clock.now();
    const standalone = Array.from({ length: 60 }, (_v, i) => app.ctx.audit.record(entry(i), now));
    const inTransactions = Array.from({ length: 10 }, (_v, i) =>
      app.ctx.db.transaction().execute(async (trx) => {
        const audit = new AuditRepository(trx);
        await audit.record(entry(100 + i, { action: 'review.opinion' }), now);
        await trx.updateTable('users').set({ last_login_at: null }).where('username', '=', 'luoyang').execute();
        await audit.record(entry(200 + i, { action: 'review.opinion' }), now);
      }),
    );
    // Settled from the start: on PostgreSQL they fail while the others still run, and must not go unhandled.
    const rolledBack = Promise.allSettled(
      Array.from({ length: 5 }, (_v, i) =>
        app.ctx.db.transaction().execute(async (trx) => {
          await new AuditRepository(trx).record(entry(300 + i, { action: 'review.rolled_back' }), now);
          throw new Error('the use case failed after recording');
        }),
      ),
    );
    await Promise.all([...standalone, ...inTransactions]);
    expect((await rolledBack).every((r) => r.status === 'rejected')).toBe(true);
    await Promise.all(Array.from({ length: 20 }, (_v, i) => app.ctx.audit.record(entry(400 + i), now)));

    const total = before + 60 + 20 + 20;
    expect(await seqs(app.ctx.db)).toEqual(oneToN(total));
    expect(await app.ctx.audit.list(10, 'review.rolled_back')).toEqual([]);
    expect(await app.ctx.audit.head()).toMatchObject({ seq: total });
    expect(await verifyAuditChain(app.ctx.db)).toEqual({ ok: true, verifiedThrough: total });
  });

  it('verifies while entries are being appended, following the head as it moves', async () => {
    const before = (await app.ctx.audit.head())!.seq;
    const now = app.ctx.clock.now();
    const [result] = await Promise.all([
      verifyAuditChain(app.ctx.db, { pageSize: 3 }),
      ...Array.from({ length: 30 }, (_v, i) => app.ctx.audit.record(entry(500 + i), now)),
    ]);
    expect(result.ok).toBe(true);
    expect(result.verifiedThrough).toBeGreaterThan(before);
    expect(result.verifiedThrough).toBeLessThanOrEqual(before + 30);
  });

  it('lists the newest entries first', async () => {
    const listed = await app.ctx.audit.list(5);
    expect(listed.map((e) => e.seq)).toEqual([...listed.map((e) => e.seq)].sort((a, b) => b - a));
    expect(listed[0]!.seq).toBe((await app.ctx.audit.head())!.seq);
  });
});

describe('the migration that chains an existing log', () => {
  const before: Record<string, Migration> = {
    '2026-11-24T0000-initial': initial,
    '2026-11-24T0100-city-review': cityReview,
    '2026-11-25T0000-evidence-crc32': evidenceCrc32,
    '2026-11-25T0100-applications-by-unit': applicationsByUnit,
  };
  const migrate = async (db: Db, migrations: Record<string, Migration>) => {
    const { error, results } = await new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.every((r) => r.status === 'Success')).toBe(true);
  };

  /** A database at the migration before the chain, with `count` entries in the old shape. */
  async function oldDatabase(count: number): Promise<string> {
    const file = path.join(tempDir(), 'shenbao.sqlite');
    const db = openSqlite(file);
    await migrate(db, before);
    await db.destroy();
    const raw = new SQLite(file);
    const insert = raw.prepare(
      'INSERT INTO audit_log (id, at, actor_user_id, actor_name, ip, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    raw.transaction(() => {
      for (let i = 0; i < count; i++) {
        // Three entries to a second, so (at, id) has ties on `at` to break by id; inserted out of time order.
        const at = new Date(
          Date.parse('2026-11-24T02:00:00Z') + Math.floor(((i * 7919) % count) / 3) * 1000,
        ).toISOString();
        insert.run(
          randomUUID(),
          at,
          i % 2 ? 'user-1' : null,
          `旧记录${i}`,
          i % 3 ? '10.0.0.1' : null,
          'login.success',
          null,
          null,
          i % 4 ? JSON.stringify({ i }) : null,
        );
      }
    })();
    raw.close();
    return file;
  }

  it('numbers existing entries in (at, id) order, across backfill pages, and the result verifies', async () => {
    const file = await oldDatabase(2500);
    const db = openSqlite(file);
    try {
      await migrate(db, { ...before, '2026-11-27T0000-audit-chain': auditChain });
      const rows = await db.selectFrom('audit_log').select(['seq', 'at', 'id']).orderBy('seq').execute();
      expect(rows.map((r) => r.seq)).toEqual(oneToN(2500));
      const byTime = [...rows].sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
      expect(byTime.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      expect(await verifyAuditChain(db)).toEqual({ ok: true, verifiedThrough: 2500 });

      await new AuditRepository(db).record(entry(1), new Date('2026-11-27T00:00:00Z'));
      expect(await verifyAuditChain(db)).toEqual({ ok: true, verifiedThrough: 2501 });
      await expect(
        db
          .insertInto('audit_log')
          .values({
            ...rows[0]!,
            id: randomUUID(),
            hash: GENESIS_HASH,
            action: 'x',
            actor_user_id: null,
            actor_name: null,
            ip: null,
            target_type: null,
            target_id: null,
            detail: null,
          })
          .execute(),
      ).rejects.toThrow(/UNIQUE/);
    } finally {
      await db.destroy();
    }
  });

  it('starts an empty log at seq 0 and the genesis hash', async () => {
    const db = openSqlite(await oldDatabase(0));
    try {
      await migrate(db, { ...before, '2026-11-27T0000-audit-chain': auditChain });
      expect(await db.selectFrom('audit_head').selectAll().execute()).toEqual([{ id: 1, seq: 0, hash: GENESIS_HASH }]);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, verifiedThrough: 0 });
    } finally {
      await db.destroy();
    }
  });
});

describe('npm run cli -- verify-audit', () => {
  const cli = (args: string[], dataDir: string) => {
    const run = spawnSync('npx', ['tsx', 'server/src/cli.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('says the log is intact and exits 0; after tampering names the first broken entry and exits 1', async () => {
    const dataDir = tempDir();
    const db = openSqlite(path.join(dataDir, 'shenbao.sqlite'));
    await migrateToLatest(db);
    const audit = new AuditRepository(db);
    for (let i = 1; i <= 12; i++) await audit.record(entry(i), new Date(Date.parse('2026-11-24T02:00:00Z') + i * 1000));
    const seventh = await db.selectFrom('audit_log').select('id').where('seq', '=', 7).executeTakeFirstOrThrow();
    await db.destroy();

    const intact = cli(['verify-audit'], dataDir);
    expect(intact).toMatchObject({ status: 0, stderr: '' });
    expect(intact.stdout.trim()).toBe('审计日志完整：已校验至第 12 条');

    const raw = new SQLite(path.join(dataDir, 'shenbao.sqlite'));
    raw.prepare('UPDATE audit_log SET detail = ? WHERE seq = 7').run('{"n":70}');
    raw.close();
    const tampered = cli(['verify-audit'], dataDir);
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain(`审计日志被篡改：第 7 条（记录 ${seventh.id}）：内容被修改`);
    expect(tampered.stderr).toContain('第 1–6 条完整');
  });

  it('refuses a DATA_DIR without a database instead of creating one', () => {
    const dataDir = tempDir();
    const run = cli(['verify-audit'], dataDir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('找不到数据库文件');
    expect(fs.existsSync(path.join(dataDir, 'shenbao.sqlite'))).toBe(false);
  });

  it('prints the usage with both commands for --help, and for an unknown command', () => {
    const help = cli(['--help'], tempDir());
    expect(help.status).toBe(0);
    for (const command of ['create-admin', 'verify-audit']) expect(help.stdout).toContain(command);
    const unknown = cli(['verify-everything'], tempDir());
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(`${help.stdout}`);
  });
});

describe('GET /api/v1/audit-log/verification', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ clock: fixedClock('2026-11-24T02:00:00Z') });
  });
  afterAll(async () => app.close());

  it('gives the province the verification and the time of the check', async () => {
    const province = await new TestClient(app).login('province');
    const res = await province.get('/api/v1/audit-log/verification');
    expect(res.statusCode, res.body).toBe(200);
    const head = (await app.ctx.audit.head())!;
    expect(head.seq).toBeGreaterThan(0);
    expect(res.json()).toEqual({ ok: true, verifiedThrough: head.seq, checkedAt: '2026-11-24T02:00:00.000Z' });

    const list = (await province.get('/api/v1/audit-log?pageSize=3')).json<{ items: { seq: number }[] }>().items;
    expect(list.map((e) => e.seq)).toEqual([head.seq, head.seq - 1, head.seq - 2]);
  });

  it('names the first broken entry once the log was changed behind the app’s back', async () => {
    const province = await new TestClient(app).login('province');
    const victim = await app.ctx.db
      .selectFrom('audit_log')
      .select(['id', 'seq'])
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    await app.ctx.db.updateTable('audit_log').set({ actor_name: 'someone-else' }).where('id', '=', victim.id).execute();
    const res = await province.get('/api/v1/audit-log/verification');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: false,
      verifiedThrough: 2,
      brokenAt: { seq: 3, id: victim.id, reason: '内容被修改' },
      checkedAt: '2026-11-24T02:00:00.000Z',
    });
  });

  it.each(['ly-keji', 'luoyang'])('refuses %s with 403', async (username) => {
    const res = await (await new TestClient(app).login(username)).get('/api/v1/audit-log/verification');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('refuses an anonymous visitor with 401', async () => {
    expect((await new TestClient(app).get('/api/v1/audit-log/verification')).statusCode).toBe(401);
  });
});

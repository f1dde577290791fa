import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { testOnPostgres } from '../../test-support/postgres.js';
import { makeReadyForRecommendation, registerUnit, submittedApplication } from '../../test-support/applications.js';
import { rosterRows } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { loadConfig } from '../config.js';
import { openSqlite } from '../db/database.js';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { buildApp, type App } from './app.js';

const run = promisify(execFile);

/** The phones the demo data and the fixtures use. */
const demoUnitPhone = '13803710000';
const demoRosterPhones = Array.from({ length: 86 }, (_, i) => `139${String(37_000_000 + i + 1).padStart(8, '0')}`);
const registeredPhone = '13800001111';
const formAndSurveyPhone = '13912345678';
const fixtureRosterPhones = rosterRows(80).map((r) => r.phone);
const knownPhones = [demoUnitPhone, ...demoRosterPhones, registeredPhone, formAndSurveyPhone, ...fixtureRosterPhones];

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
/** The offices' numbers the notice itself publishes (its 联系人): public, not personal data. */
const PUBLISHED = new Set(batch2022.config.notice.contacts.map((c) => c.phone));

/** The database file's bytes after a checkpoint into it, with whatever is left in the WAL. */
function rawDatabaseBytes(file: string): Buffer {
  const raw = new SQLite(file);
  try {
    raw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    raw.close();
  }
  const wal = `${file}-wal`;
  return Buffer.concat([fs.readFileSync(file), fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0)]);
}

/** Every stored text, and every string inside stored JSON, that is a phone number: table.column → values. */
function phonesInAnyColumn(file: string): Record<string, string[]> {
  const db = new SQLite(file, { readonly: true });
  const found: Record<string, string[]> = {};
  const visit = (where: string, v: unknown): void => {
    if (typeof v === 'string') {
      if (PHONE.test(v.trim()) && !PUBLISHED.has(v.trim())) (found[where] ??= []).push(v);
      else if (/^[[{]/.test(v)) {
        try {
          visit(where, JSON.parse(v));
        } catch {
          // Text that only looks like JSON: checked as text above.
        }
      }
    } else if (Array.isArray(v)) v.forEach((x) => visit(where, x));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => visit(where, x));
  };
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const table of tables) {
      for (const row of db.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) visit(`${table}.${column}`, value);
      }
    }
  } finally {
    db.close();
  }
  return found;
}

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-pdar-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const hexKey = (byte: string) => byte.repeat(16);
const testEnv = (dataDir: string, dataKey?: string) => ({
  DATA_DIR: dataDir,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  ...(dataKey ? { DATA_KEY: dataKey } : {}),
});

/** Builds the app on DATA_DIR; a refused start closes the database it opened and rethrows. */
async function start(dataDir: string, dataKey?: string): Promise<App> {
  const config = loadConfig(testEnv(dataDir, dataKey), { scrubIntervalSeconds: 0 });
  const db = openSqlite(config.databaseFile);
  try {
    return await buildApp({ config, db });
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

describe('personal data at rest', () => {
  it.skipIf(testOnPostgres)(
    'leaves no phone in clear in the SQLite file: demo data, a registration, a roster import, a submitted form and survey contacts',
    async () => {
      const app = await createTestApp({ config: { loginRateLimitPerMinute: 1000, scrubIntervalSeconds: 0 } });
      try {
        const { id } = await submittedApplication(app);
        const city = await new TestClient(app).login('luoyang');
        await makeReadyForRecommendation(city, id);

        // What the HTTP answers show is unchanged: masked in lists, in full where the record is opened.
        const listed = (await city.get('/api/v1/applications')).json<{
          items: { id: string; contactPhone: string }[];
        }>().items;
        expect(listed.find((a) => a.id === id)!.contactPhone).toBe('138****1111');
        expect(listed.every((a) => /^\d{3}\*{4}\d{4}$/.test(a.contactPhone))).toBe(true);
        const opened = (await city.get(`/api/v1/applications/${id}`)).json<{ form: { contactPhone: string } }>();
        expect(opened.form.contactPhone).toBe(formAndSurveyPhone);
        const roster = (await city.get(`/api/v1/applications/${id}/roster`)).json<{ rows: { phone: string }[] }>().rows;
        expect(roster[0]!.phone).toBe(`${fixtureRosterPhones[0]!.slice(0, 3)}****${fixtureRosterPhones[0]!.slice(-4)}`);
        const review = (await city.get(`/api/v1/applications/${id}/review`)).json<{
          survey: { contacts: { rosterRowNo: number; phone: string | null }[] };
        }>();
        const contact = review.survey.contacts[0]!;
        expect(contact.phone).toBe('139****5678');
        const disclosed = (
          await city.get(`/api/v1/applications/${id}/survey/contacts/${contact.rosterRowNo}/phone`)
        ).json<{ phone: string; recordedPhone: string }>();
        expect(disclosed).toEqual({
          phone: fixtureRosterPhones[contact.rosterRowNo - 1],
          recordedPhone: formAndSurveyPhone,
        });
        expect((await city.get(`/api/v1/applications/${id}/receipt`)).statusCode).toBe(200);

        const file = app.ctx.config.databaseFile;
        const bytes = rawDatabaseBytes(file);
        expect(bytes.length).toBeGreaterThan(100_000);
        const inClear = knownPhones.filter((p) => bytes.includes(Buffer.from(p, 'latin1')));
        expect(inClear).toEqual([]);
        expect(phonesInAnyColumn(file)).toEqual({});

        const row = await app.ctx.db
          .selectFrom('application_versions')
          .select('snapshot')
          .where('application_id', '=', id)
          .executeTakeFirstOrThrow();
        expect((JSON.parse(row.snapshot) as { form: { contactPhone: string } }).form.contactPhone).toMatch(
          /^sm4:local-[0-9a-f]{8}:/,
        );
      } finally {
        await app.close();
      }
    },
  );

  it('encrypts values written in clear before, at the next start: idempotent, audited with counts', async () => {
    const dataDir = tempDir();
    let app = await start(dataDir);
    const { id } = await registerUnit(app, 880_001);
    const application = await app.ctx.db
      .selectFrom('applications')
      .select(['unit_id', 'form'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const rosterRow = await app.ctx.db
      .selectFrom('roster_rows')
      .select(['id', 'application_id'])
      .limit(1)
      .executeTakeFirstOrThrow();
    await app.close();
    // As a database from before encryption at rest holds them, with phones of deleted rows left in its free pages.
    const file = path.join(dataDir, 'shenbao.sqlite');
    const before = new SQLite(file);
    before.pragma('secure_delete = OFF');
    before.prepare('update units set contact_phone = ? where id = ?').run('13700000001', application.unit_id);
    before.prepare('update roster_rows set phone = ? where id = ?').run('13700000002', rosterRow.id);
    before
      .prepare('update applications set form = ? where id = ?')
      .run(JSON.stringify({ platformName: '旧平台', contactPhone: '13700000003' }), id);
    before.exec(
      "create table replaced_rows as with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000) select i, '13700000004' as phone from n; drop table replaced_rows;",
    );
    before.close();
    expect(rawDatabaseBytes(file).includes(Buffer.from('13700000004'))).toBe(true);

    app = await start(dataDir);
    try {
      const entries = await app.ctx.audit.list(100, 'personal_data.encrypt');
      expect(
        entries
          .map((e) => JSON.parse(e.detail!) as unknown)
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      ).toEqual([
        { column: 'applications.form', rows: 1, keyId: app.ctx.cipher.currentKeyId },
        { column: 'roster_rows.phone', rows: 1, keyId: app.ctx.cipher.currentKeyId },
        { column: 'units.contact_phone', rows: 1, keyId: app.ctx.cipher.currentKeyId },
      ]);
      expect(entries.every((e) => e.actor_name === 'system')).toBe(true);
      expect((await app.ctx.users.findUnit(application.unit_id))!.contact_phone).toBe('13700000001');
      expect(
        (await app.ctx.applications.listRoster(rosterRow.application_id)).find((r) => r.id === rosterRow.id)!.phone,
      ).toBe('13700000002');
      expect(JSON.parse((await app.ctx.applications.findById(id))!.form)).toEqual({
        platformName: '旧平台',
        contactPhone: '13700000003',
      });
    } finally {
      await app.close();
    }
    const bytes = rawDatabaseBytes(file);
    expect(
      ['13700000001', '13700000002', '13700000003', '13700000004'].filter((p) => bytes.includes(Buffer.from(p))),
    ).toEqual([]);

    app = await start(dataDir);
    try {
      expect(await app.ctx.audit.list(100, 'personal_data.encrypt')).toHaveLength(3);
    } finally {
      await app.close();
    }
  });

  it('rotates keys: the CLI re-encrypts everything with the new key, then the old one can go', async () => {
    const dataDir = tempDir();
    const oldKey = `old:${hexKey('1a')}`;
    const newKey = `new:${hexKey('2b')}`;
    const app = await start(dataDir, oldKey);
    const { id } = await submittedApplication(app);
    await app.close();

    await expect(start(dataDir, newKey)).rejects.toThrow(/仍用密钥 old 加密，DATA_KEY 中却没有它/);
    await expect(start(dataDir, `old:${hexKey('3c')}`)).rejects.toThrow(
      /密钥 old 不是数据库里用这个编号加密个人数据的那个密钥/,
    );

    const cli = await run('npx', ['tsx', 'server/src/cli.ts', 'rekey-personal-data'], {
      env: { ...process.env, ...testEnv(dataDir, `${newKey},${oldKey}`) },
      encoding: 'utf8',
    });
    expect(cli.stdout).toContain('已用密钥 new 重新加密个人数据');
    expect(cli.stdout).toMatch(/roster_rows\.phone：\d{3,} 条记录/);
    expect(cli.stdout).toContain('密钥 old 已不再使用，可以从 DATA_KEY 中移除');
    expect(rawDatabaseBytes(path.join(dataDir, 'shenbao.sqlite')).includes(Buffer.from('sm4:old:'))).toBe(false);

    const again = await run('npx', ['tsx', 'server/src/cli.ts', 'rekey-personal-data'], {
      env: { ...process.env, ...testEnv(dataDir, `${newKey},${oldKey}`) },
      encoding: 'utf8',
    });
    expect(again.stdout).toMatch(/roster_rows\.phone：0 条记录/);

    const rotated = await start(dataDir, newKey);
    try {
      const city = await new TestClient(rotated).login('luoyang');
      expect(
        (await city.get(`/api/v1/applications/${id}`)).json<{ form: { contactPhone: string } }>().form.contactPhone,
      ).toBe(formAndSurveyPhone);
      const listed = (await city.get('/api/v1/applications')).json<{ items: { id: string; contactPhone: string }[] }>()
        .items;
      expect(listed.find((a) => a.id === id)!.contactPhone).toBe('138****1111');
      const rekeyed = await rotated.ctx.audit.list(1000, 'personal_data.rekey');
      expect(new Set(rekeyed.map((e) => (JSON.parse(e.detail!) as { column: string }).column))).toEqual(
        // The demo expert pool's phones too: the CLI's server was started outside the test harness.
        new Set([
          'units.contact_phone',
          'roster_rows.phone',
          'experts.phone',
          'applications.form',
          'application_versions.snapshot',
        ]),
      );
      expect(
        rekeyed.every((e) => e.actor_name === 'cli' && (JSON.parse(e.detail!) as { keyId: string }).keyId === 'new'),
      ).toBe(true);
      const keys = (await rotated.ctx.audit.list(100, 'personal_data.keys')).map(
        (e) => JSON.parse(e.detail!) as unknown,
      );
      expect(keys).toEqual(
        expect.arrayContaining([
          { added: ['old'], retired: [] },
          { added: ['new'], retired: [] },
          { added: [], retired: ['old'] },
        ]),
      );
      expect((await rotated.ctx.personalData.listKeys()).map((k) => k.id)).toEqual(['new']);
    } finally {
      await rotated.close();
    }
  });

  it('refuses to start in production without DATA_KEY, with a message that says what to set', async () => {
    const dataDir = tempDir();
    const started = run('npx', ['tsx', 'server/src/main.ts'], {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production', PORT: '0', DATA_KEY: '' },
      encoding: 'utf8',
    });
    const failure = await started.then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('DATA_KEY: 生产环境（NODE_ENV=production）必须设置个人数据加密密钥');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

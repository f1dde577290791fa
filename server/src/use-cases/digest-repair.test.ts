import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test-support/http.js';
import { verifyAuditChain } from '../audit/verify-audit.js';
import { loadConfig } from '../config.js';
import { openSqlite } from '../db/database.js';
import { queueDigestRechecks } from '../db/migrations/2026-11-27T0100-digest-repair.js';
import { buildApp } from '../http/app.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-repair-'));
const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { scrubIntervalSeconds: 0 });
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

interface FileRow {
  id: string;
  storage_key: string;
  sha256: string;
  sm3: string;
  crc32: number;
}

describe('repair of digests recorded by the defective worker', () => {
  it(
    'recomputes every stored file from its bytes, corrects and audits the wrong ones, and the receipt says so under the same number',
    { timeout: 120_000 },
    async () => {
      // A database as installations hold it: the demo submissions, receipts issued, digests recorded.
      const first = await buildApp({ config });
      await first.ctx.digests.idle();
      const applicant = await new TestClient(first).login('ly-huizhi');
      const { id } = (await applicant.get('/api/v1/my/application')).json<{ id: string }>();
      const issued = (await applicant.get(`/api/v1/applications/${id}/receipt`)).json<{
        receiptNo: string;
        files: { id: string; sha256: string }[];
      }>();
      await first.close();

      // The defect, reproduced on disk: digests of files uploaded together shuffled among them (the bytes
      // intact), the receipt snapshot issued with those wrong values.
      const sqlite = new SQLite(config.databaseFile);
      const files = sqlite
        .prepare(
          'SELECT id, storage_key, sha256, sm3, crc32 FROM evidence_files WHERE application_id = ? ORDER BY uploaded_at, id',
        )
        .all(id) as FileRow[];
      const wrong = files.slice(0, 5);
      const truth = new Map(
        files.map((f) => {
          const bytes = fs.readFileSync(path.join(config.filesDir, f.storage_key));
          return [
            f.id,
            {
              sha256: createHash('sha256').update(bytes).digest('hex'),
              sm3: createHash('sm3').update(bytes).digest('hex'),
              crc32: crc32(bytes),
            },
          ];
        }),
      );
      const garbled = new Map(
        wrong.map((f, i) => [f.id, { sha256: `${'e'.repeat(63)}${i}`, sm3: `${'d'.repeat(63)}${i}`, crc32: 1000 + i }]),
      );
      for (const [fileId, d] of garbled)
        sqlite
          .prepare('UPDATE evidence_files SET sha256 = ?, sm3 = ?, crc32 = ? WHERE id = ?')
          .run(d.sha256, d.sm3, d.crc32, fileId);
      const version = sqlite
        .prepare('SELECT id, snapshot FROM application_versions WHERE application_id = ?')
        .get(id) as { id: string; snapshot: string };
      const snapshot = JSON.parse(version.snapshot) as { evidence: { id: string; sha256: string; sm3: string }[] };
      for (const f of snapshot.evidence)
        if (garbled.has(f.id)) Object.assign(f, { sha256: garbled.get(f.id)!.sha256, sm3: garbled.get(f.id)!.sm3 });
      sqlite
        .prepare('UPDATE application_versions SET snapshot = ? WHERE id = ?')
        .run(JSON.stringify(snapshot), version.id);
      sqlite.close();
      // What the migration does on such a database (it has run already here: later migrations exist).
      const db = openSqlite(config.databaseFile);
      await queueDigestRechecks(db);
      await db.destroy();

      const second = await buildApp({ config });
      try {
        await second.ctx.digests.idle();
        const rows = await second.ctx.db
          .selectFrom('evidence_files')
          .select(['id', 'sha256', 'sm3', 'crc32'])
          .where('application_id', '=', id)
          .execute();
        for (const r of rows)
          expect({ id: r.id, sha256: r.sha256, sm3: r.sm3, crc32: Number(r.crc32) }).toEqual({
            id: r.id,
            ...truth.get(r.id),
          });

        // One audit entry per corrected file, with the old and new values; none for files that were right.
        const entries = (await second.ctx.audit.list(1000, 'evidence.digest_corrected'))
          .filter((e) => e.target_id === id)
          .map((e) => JSON.parse(e.detail!) as { fileId: string; old: unknown; new: unknown });
        expect(entries.map((e) => e.fileId).sort()).toEqual([...garbled.keys()].sort());
        for (const e of entries) expect(e).toMatchObject({ old: garbled.get(e.fileId), new: truth.get(e.fileId) });
        expect((await second.ctx.files.listCorrections(id)).length).toBe(5);

        // The receipt keeps its number and shows the corrected digests, saying when and why.
        const client = await new TestClient(second).login('ly-huizhi');
        const receipt = (await client.get(`/api/v1/applications/${id}/receipt`)).json<{
          receiptNo: string;
          files: { id: string; sha256: string; sm3: string }[];
          digestCorrection: { fileIds: string[]; note: string } | null;
        }>();
        expect(receipt.receiptNo).toBe(issued.receiptNo);
        for (const f of receipt.files)
          expect({ id: f.id, sha256: f.sha256, sm3: f.sm3 }).toEqual({
            id: f.id,
            sha256: truth.get(f.id)!.sha256,
            sm3: truth.get(f.id)!.sm3,
          });
        expect(receipt.digestCorrection?.fileIds.sort()).toEqual(
          [...garbled.keys()].filter((k) => receipt.files.some((f) => f.id === k)).sort(),
        );
        expect(receipt.digestCorrection?.note).toMatch(
          /^本回执所列部分材料的摘要值已于\d{4}年\d{1,2}月\d{1,2}日按存储的文件内容重新计算并更正.*缺陷.*回执编号不变/,
        );

        // A receipt of another application, whose digests were right, says nothing.
        const other = await new TestClient(second).login('hkq-zonghe');
        const otherId = (await other.get('/api/v1/my/application')).json<{ id: string }>().id;
        expect(
          (await other.get(`/api/v1/applications/${otherId}/receipt`)).json<{ digestCorrection: unknown }>()
            .digestCorrection,
        ).toBeNull();

        expect(await verifyAuditChain(second.ctx.db)).toMatchObject({ ok: true });
      } finally {
        await second.close();
      }
    },
  );
});

import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { buildApp } from '../http/app.js';
import { uploadEvidenceFile } from '../../test-support/applications.js';
import { tinyPdf } from '../../test-support/fixtures.js';
import { TestClient } from '../../test-support/http.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-digests-'));
const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('evidence digests', () => {
  it('are recorded when the upload is answered (SHA-256, SM3, CRC-32), and a row without them is digested after a restart', async () => {
    const content = Buffer.concat([tinyPdf(), Buffer.alloc(3 * 1024 * 1024, 7)]);
    const expected = {
      sha256: createHash('sha256').update(content).digest('hex'),
      sm3: createHash('sm3').update(content).digest('hex'),
      crc32: crc32(content),
    };

    const first = await buildApp({ config });
    const client = await new TestClient(first).login('ly-keji');
    const id = (await client.get('/api/v1/my/application')).json().id as string;
    const res = await uploadEvidenceFile(client, id, 'assets_report', '审计报告.pdf', content);
    expect(res.statusCode).toBe(201);
    const fileId = res.json().id as string;
    expect(await first.ctx.applications.findEvidence(id, fileId)).toMatchObject(expected);

    await first.ctx.db
      .updateTable('evidence_files')
      .set({ sha256: null, sm3: null, crc32: null })
      .where('id', '=', fileId)
      .execute();
    await first.close();

    const second = await buildApp({ config });
    await second.ctx.digests.idle();
    expect(await second.ctx.applications.findEvidence(id, fileId)).toMatchObject(expected);
    // By a digest job, read from the store.
    expect(
      await second.ctx.db
        .selectFrom('jobs')
        .select(['done_at', 'last_error'])
        .where('key', '=', `digest:${fileId}`)
        .execute(),
    ).toEqual([{ done_at: expect.any(String), last_error: null }]);
    await second.close();
  });
});

describe('a file whose digest job fails', () => {
  it('makes settle refuse at once, saying the digest failed', async () => {
    const app = await buildApp({ config });
    try {
      const client = await new TestClient(app).login('ly-keji');
      const id = (await client.get('/api/v1/my/application')).json().id as string;
      const fileId = (await uploadEvidenceFile(client, id, 'business_license', '营业执照.pdf', tinyPdf())).json()
        .id as string;
      const row = (await app.ctx.applications.findEvidence(id, fileId))!;
      await app.ctx.db.updateTable('evidence_files').set({ crc32: null }).where('id', '=', fileId).execute();
      await app.ctx.blobs.remove(row.storage_key);

      await expect(app.ctx.digests.settle([{ id: fileId, crc32: null }])).rejects.toMatchObject({
        code: 'DIGEST_PENDING',
        message: '有材料的摘要计算失败，请删除后重新上传',
      });
      const job = await app.ctx.db
        .selectFrom('jobs')
        .select(['attempts', 'done_at', 'last_error', 'run_after'])
        .where('key', '=', `digest:${fileId}`)
        .executeTakeFirstOrThrow();
      // Tried again later (backoff), not given up after one failure.
      expect(job).toMatchObject({ attempts: 1, done_at: null, last_error: expect.any(String) });
      expect(Date.parse(job.run_after)).toBeGreaterThan(Date.now());
    } finally {
      await app.close();
    }
  });
});

describe('files stored before CRC-32 was recorded', () => {
  it('get their CRC-32 at the next start, digests unchanged', async () => {
    const app = await buildApp({ config });
    const client = await new TestClient(app).login('ly-keji');
    const id = (await client.get('/api/v1/my/application')).json().id as string;
    const content = tinyPdf();
    const fileId = (await uploadEvidenceFile(client, id, 'business_license', '营业执照.pdf', content)).json()
      .id as string;
    await app.ctx.digests.idle();
    await app.ctx.db.updateTable('evidence_files').set({ crc32: null }).where('id', '=', fileId).execute();
    await app.close();

    const restarted = await buildApp({ config });
    await restarted.ctx.digests.idle();
    expect(await restarted.ctx.applications.findEvidence(id, fileId)).toMatchObject({
      crc32: crc32(content),
      sha256: createHash('sha256').update(content).digest('hex'),
    });
    await restarted.close();
  });
});

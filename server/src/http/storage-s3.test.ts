import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocxPreview } from '#contract';
import {
  fillCompletely,
  makeReadyForRecommendation,
  registerUnit,
  uploadEvidenceFile,
} from '../../test-support/applications.js';
import { pdfCarrying } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { previewDocx } from '../../test-support/preview-fixtures.js';
import { s3Available, sharedS3 } from '../../test-support/s3.js';
import type { Manifest } from '../archive/offline-index.js';
import { loadConfig } from '../config.js';
import { S3BlobStore, type S3Settings } from '../storage/s3-blob-store.js';
import type { App } from './app.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function bucketKeys(s: S3Settings): Promise<string[]> {
  const client = new S3Client({
    endpoint: s.endpoint,
    region: s.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  });
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: s.bucket, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

describe('settings for STORAGE=s3', () => {
  it('refuses to start without the bucket and keys, naming them', () => {
    expect(() => loadConfig({ STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9' })).toThrow(
      /S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: STORAGE=s3 时必须设置/,
    );
    expect(loadConfig({}).s3).toBeNull();
  });
});

describe.skipIf(!s3Available)('files in S3 (Swift s3api) through the HTTP API', () => {
  let app: App;
  let settings: S3Settings;
  let dir: string;

  beforeAll(async () => {
    const server = await sharedS3();
    const bucket = await server.createBucket();
    settings = server.settings(bucket);
    app = await createTestApp({ env: server.env(bucket), config: { loginRateLimitPerMinute: 1000 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-s3-http-'));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start when the bucket cannot be reached', async () => {
    const server = await sharedS3();
    await expect(createTestApp({ env: server.env('no-such-bucket') })).rejects.toThrow(
      /对象存储不可用：无法访问存储桶 no-such-bucket/,
    );
  });

  it('uploads, downloads, previews and packs a city’s 刻盘 package from the bucket; nothing stays on local disk', async () => {
    expect(app.ctx.blobs).toBeInstanceOf(S3BlobStore);
    const { client: owner, id } = await registerUnit(app, 883_001);
    await fillCompletely(owner, id);
    const big = pdfCarrying(randomBytes(10 * 1024 * 1024));
    const upload = await uploadEvidenceFile(owner, id, 'other', '大文件.pdf', big);
    expect(upload.statusCode, upload.body).toBe(201);
    const bigId = upload.json<{ id: string }>().id;
    const docx = await uploadEvidenceFile(owner, id, 'other', '平台申请报告.docx', await previewDocx());
    expect(docx.statusCode, docx.body).toBe(201);

    const download = await owner.get(`/api/v1/applications/${id}/evidence/${bigId}`);
    expect(download.statusCode).toBe(200);
    expect(sha256(download.rawPayload)).toBe(sha256(big));

    const preview = await owner.get(`/api/v1/applications/${id}/evidence/${docx.json<{ id: string }>().id}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json<DocxPreview>().blocks[0]).toEqual({
      type: 'paragraph',
      headingLevel: 1,
      runs: [{ text: '第一章 平台概况' }],
    });

    expect((await owner.patch(`/api/v1/applications/${id}`, { platformName: 'S3测试平台' })).statusCode).toBe(200);
    const submitted = await owner.post(`/api/v1/applications/${id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    await app.ctx.digests.idle();

    const city = await new TestClient(app).login('luoyang');
    await makeReadyForRecommendation(city, id);
    expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);
    const zip = await city.get('/api/v1/packages/410300/archive.zip');
    expect(zip.statusCode, zip.body.slice(0, 200)).toBe(200);
    const zipFile = path.join(dir, 'package.zip');
    fs.writeFileSync(zipFile, zip.rawPayload);
    expect(execFileSync('unzip', ['-tq', zipFile], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const out = path.join(dir, 'disc');
    execFileSync('unzip', ['-q', zipFile, '-d', out]);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    for (const f of manifest.files) expect(sha256(fs.readFileSync(path.join(out, f.path))), f.path).toBe(f.sha256);
    expect(manifest.files.map((f) => f.sha256)).toContain(sha256(big));

    // Every stored file is an object in the bucket, and the local files folder holds only the (empty) staging.
    const stored = await app.ctx.db.selectFrom('evidence_files').select('storage_key').execute();
    const inBucket = await bucketKeys(settings);
    expect(stored.length).toBeGreaterThan(5);
    for (const { storage_key } of stored) expect(inBucket).toContain(storage_key);
    expect(fs.readdirSync(app.ctx.config.filesDir)).toEqual(['.staging']);
    expect(await app.ctx.blobs.stagingCount()).toBe(0);
  }, 180_000);
});

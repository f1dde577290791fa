import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '#contract';
import {
  fillCompletely,
  makeReadyForRecommendation,
  registerUnit,
  submittedApplication,
  uploadEvidenceFile,
} from '../../test-support/applications.js';
import { startCluster, type ServerCluster } from '../../test-support/cluster.js';
import { pdfCarrying } from '../../test-support/fixtures.js';
import { multipart, TestClient } from '../../test-support/http.js';
import { nginxAvailable } from '../../test-support/nginx.js';
import { postgresAvailable, sharedPostgres, testOnPostgres } from '../../test-support/postgres.js';
import { s3Available, sharedS3 } from '../../test-support/s3.js';

/**
 * Three server processes on one PostgreSQL database and one S3 bucket (Swift's s3api) behind Debian's nginx, as README
 * "Deploying" describes: a whole
 * flow through the proxy, a quota race spread over the processes, and one process killed (SIGKILL) while uploads
 * and submissions are in flight.
 */

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let cluster: ServerCluster;
// On PostgreSQL always: run once, in the SQLite pass of `npm test` (the PostgreSQL pass would repeat it as it is).
const runs = postgresAvailable && s3Available && nginxAvailable() && !testOnPostgres;

beforeAll(async () => {
  if (!runs) return;
  const [database, s3] = await Promise.all([(await sharedPostgres()).createDatabase(), sharedS3()]);
  cluster = await startCluster(3, {
    DATABASE_URL: database,
    ...s3.env(await s3.createBucket()),
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  });
}, 180_000);
afterAll(async () => {
  await cluster?.stop();
});

async function view(c: TestClient, id: string): Promise<ApplicationView> {
  const res = await c.get(`/api/v1/applications/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ApplicationView>();
}

/**
 * An upload whose first half is sent at once and the rest only when `release` resolves, so it is in the middle of
 * its request when a server dies. Answers the status, or null when the connection was cut before an answer.
 */
function slowUpload(
  c: TestClient,
  id: string,
  name: string,
  content: Buffer,
  release: Promise<void>,
): Promise<{ status: number | null; body: string }> {
  const mp = multipart(name, content);
  const half = Math.floor(mp.payload.length / 2);
  return new Promise((resolve) => {
    const req = http.request(new URL(`/api/v1/applications/${id}/evidence?type=other`, cluster.url), {
      method: 'POST',
      headers: {
        ...mp.headers,
        'content-length': String(mp.payload.length),
        cookie: c.cookie!,
        'x-csrf-token': c.csrfToken!,
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString() }));
      res.on('error', () => resolve({ status: null, body: '' }));
    });
    req.on('error', () => resolve({ status: null, body: '' }));
    req.write(mp.payload.subarray(0, half));
    void release.then(() => req.end(mp.payload.subarray(half)));
  });
}

describe.skipIf(!runs)('three server processes behind nginx on PostgreSQL and S3', () => {
  it('run a whole flow through the proxy, every process answering a part of it', { timeout: 180_000 }, async () => {
    const { client, id } = await submittedApplication(cluster.url, '410300');
    const city = await new TestClient(cluster.url).login('luoyang');
    await makeReadyForRecommendation(city, id);
    expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);

    // What one process stored, the others read: the files, their digests, the status.
    const applicantView = await view(client, id);
    expect(applicantView.status).toBe('recommended');
    for (const file of applicantView.evidence.slice(0, 3)) {
      for (let i = 0; i < 3; i++) {
        const res = await client.get(`/api/v1/applications/${id}/evidence/${file.id}`);
        expect(res.statusCode).toBe(200);
        expect(sha256(res.rawPayload)).toBe(file.sha256);
      }
    }
    const pkg = (await city.get('/api/v1/city/package')).json<{ quota: { used: number } }>();
    expect(pkg.quota.used).toBe(1);

    const served = new Set(cluster.nginx.upstreamsServed());
    expect(served.size).toBe(3);
    // The files are in the bucket: the shared DATA_DIR holds only the (empty) staging of uploads.
    const files = path.join(cluster.dataDir, 'files');
    expect(fs.existsSync(files) ? fs.readdirSync(files).filter((n) => n !== '.staging') : []).toEqual([]);
  });

  it('hold the quota when recommendations race over all processes', { timeout: 300_000 }, async () => {
    const city = await new TestClient(cluster.url).login('nanyang');
    const ids = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const { id } = await submittedApplication(cluster.url, '411300');
        await makeReadyForRecommendation(city, id);
        return id;
      }),
    );
    const results = await Promise.all(
      ids.map((id) => city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    expect(codes.filter((c) => c === 200)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409 && r.json().code === 'QUOTA_EXHAUSTED')).toHaveLength(9);
    const pkg = (await city.get('/api/v1/city/package')).json<{ quota: { limit: number; used: number } }>();
    expect(pkg.quota).toEqual({ limit: 3, used: 3 });
  });

  it(
    'lose nothing acknowledged when a process is killed during uploads and submissions',
    { timeout: 300_000 },
    async () => {
      const uploaders = await Promise.all(
        Array.from({ length: 6 }, (_, i) => registerUnit(cluster.url, 960_001 + i, '410300')),
      );
      const submitters = await Promise.all(
        Array.from({ length: 6 }, async (_, i) => {
          const unit = await registerUnit(cluster.url, 960_101 + i, '410300');
          await fillCompletely(unit.client, unit.id);
          expect(
            (await unit.client.patch(`/api/v1/applications/${unit.id}`, { platformName: `断电测试平台${i}` }))
              .statusCode,
          ).toBe(200);
          return unit;
        }),
      );

      // Three uploads half sent: round robin gives one to each process, so the killed one is in the middle of one.
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const slowContents = uploaders.slice(0, 3).map(() => pdfCarrying(randomBytes(2_000_000)));
      const slow = uploaders
        .slice(0, 3)
        .map((u, i) => slowUpload(u.client, u.id, `慢速上传${i}.pdf`, slowContents[i]!, released));
      await new Promise((r) => setTimeout(r, 500));

      const uploads = uploaders.flatMap((u, n) =>
        [0, 1].map((k) => {
          const content = pdfCarrying(randomBytes(1_500_000 + n * 1000 + k));
          const name = `断电上传${n}-${k}.pdf`;
          return uploadEvidenceFile(u.client, u.id, 'other', name, content).then(
            (res) => ({ unit: u, name, content, status: res.statusCode as number | null }),
            () => ({ unit: u, name, content, status: null as number | null }),
          );
        }),
      );
      const submissions = submitters.map((u) =>
        u.client.post(`/api/v1/applications/${u.id}/submit`).then(
          (res) => ({ unit: u, status: res.statusCode as number | null }),
          () => ({ unit: u, status: null as number | null }),
        ),
      );
      await new Promise((r) => setTimeout(r, 150));
      await cluster.servers[1]!.kill();
      release();

      const slowResults = await Promise.all(slow);
      const uploadResults = [
        ...(await Promise.all(uploads)),
        ...slowResults.map((r, i) => ({
          unit: uploaders[i]!,
          name: `慢速上传${i}.pdf`,
          content: slowContents[i]!,
          status: r.status,
        })),
      ];
      const submissionResults = await Promise.all(submissions);
      // The kill cut something in flight (else this test would prove nothing), and no survivor failed.
      expect(slowResults.filter((r) => r.status !== 201).length).toBeGreaterThanOrEqual(1);
      expect(uploadResults.filter((r) => r.status !== null && r.status !== 201 && r.status !== 502)).toEqual([]);

      for (const r of uploadResults) {
        const stored = (await view(r.unit.client, r.unit.id)).evidence.filter((e) => e.originalName === r.name);
        if (r.status === 201) expect(stored).toHaveLength(1);
        // Unacknowledged: whole or absent — never a row without its bytes, never bytes that differ.
        expect(stored.length).toBeLessThanOrEqual(1);
        for (const file of stored) {
          expect(file.sha256).toBe(sha256(r.content));
          const res = await r.unit.client.get(`/api/v1/applications/${r.unit.id}/evidence/${file.id}`);
          expect(res.statusCode).toBe(200);
          expect(sha256(res.rawPayload)).toBe(sha256(r.content));
        }
      }
      for (const s of submissionResults) {
        const now = await view(s.unit.client, s.unit.id);
        if (s.status === 200) expect(now.status).toBe('submitted');
        else expect(['draft', 'submitted']).toContain(now.status);
        if (now.status === 'submitted') {
          const receipt = await s.unit.client.get(`/api/v1/applications/${s.unit.id}/receipt`);
          expect(receipt.statusCode).toBe(200);
        }
      }

      // The killed process comes back and serves as before.
      await cluster.servers[1]!.restart();
      const health = await fetch(`${cluster.servers[1]!.url}/api/health`);
      expect(health.status).toBe(200);
    },
  );
});

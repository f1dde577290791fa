import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReadyForRecommendation, registerUnit, uploadEvidenceFile } from '../../test-support/applications.js';
import {
  eligibleForm,
  makeUscc,
  pdfCarrying,
  rosterRows,
  rosterWorkbook,
  zipWith,
} from '../../test-support/fixtures.js';
import { multipart, TestClient } from '../../test-support/http.js';
import { createTestApp } from '../../test-support/harness.js';
import type { Manifest } from '../archive/offline-index.js';
import type { App } from './app.js';

const digestsOf = (b: Buffer) => ({
  sha256: createHash('sha256').update(b).digest('hex'),
  sm3: createHash('sm3').update(b).digest('hex'),
  crc32: crc32(b),
});
const sizes = [0, 1, 4095, 65_536, 700_000, 1 << 20, (1 << 20) + 1, 3 << 20, 5_000_000];

let app: App;
let dir: string;
beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-concurrent-'));
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('files uploaded at the same time', () => {
  it(
    'each get their own digests — in the file rows, the receipts, the 刻盘 manifest and its zip',
    { timeout: 240_000 },
    async () => {
      const units = await Promise.all([registerUnit(app, 880_001), registerUnit(app, 880_002)]);
      const sent = new Map<string, Buffer>();
      const upload = async (c: TestClient, id: string, type: string, name: string, content: Buffer) => {
        const res = await uploadEvidenceFile(c, id, type, name, content);
        expect(res.statusCode, res.body).toBe(201);
        const fileId = res.json<{ id: string }>().id;
        sent.set(fileId, content);
        return fileId;
      };
      const pdf = (n: number) => pdfCarrying(randomBytes(n));

      // Both applicants at once, each with a dozen and more files in flight (as <Upload multiple> sends them).
      await Promise.all(
        units.map(async ({ client, id }, u) => {
          expect(
            (
              await client.patch(`/api/v1/applications/${id}`, {
                ...eligibleForm,
                platformName: `并发上传测试平台${u + 1}`,
              })
            ).statusCode,
          ).toBe(200);
          const roster = multipart('服务企业名单.xlsx', await rosterWorkbook(rosterRows(80)));
          expect(
            (
              await client.request({
                method: 'POST',
                url: `/api/v1/applications/${id}/roster`,
                payload: roster.payload,
                headers: roster.headers,
              })
            ).statusCode,
          ).toBe(200);
          const report = await zipWith({ '[Content_Types].xml': '<x/>', 'word/document.xml': `<w>${u}</w>` });
          const [agreements] = await Promise.all([
            Promise.all(
              [0, 1, 2, 3, 4].map((i) =>
                upload(
                  client,
                  id,
                  'institution_agreement',
                  `合作协议${i + 1}.pdf`,
                  pdf(sizes[(i + u) % sizes.length]!),
                ),
              ),
            ),
            ...['business_license', 'assets_report', 'staff_list', 'fee_policy'].map((type, i) =>
              upload(client, id, type, `${type}.pdf`, pdf(sizes[(i + 5 + u) % sizes.length]!)),
            ),
            upload(client, id, 'application_report', '申请报告.docx', report),
            ...[0, 1, 2, 3].map((i) =>
              upload(client, id, 'other', `其他材料${i + 1}.pdf`, pdf(sizes[(i * 2 + u) % sizes.length]!)),
            ),
          ]);
          const institutions = agreements.map((fileId, i) => ({
            name: `服务机构${i + 1}`,
            uscc: makeUscc(9_000 + u * 10 + i),
            agreementFileId: fileId,
          }));
          expect((await client.put(`/api/v1/applications/${id}/institutions`, { institutions })).statusCode).toBe(200);
        }),
      );
      const receipts = await Promise.all(
        units.map(({ client, id }) => client.post(`/api/v1/applications/${id}/submit`)),
      );
      await app.ctx.digests.idle();

      // The rows: every recorded digest is the digest of the bytes that were sent.
      const rows = await app.ctx.db
        .selectFrom('evidence_files')
        .select(['id', 'sha256', 'sm3', 'crc32'])
        .where('id', 'in', [...sent.keys()])
        .execute();
      expect(rows).toHaveLength(sent.size);
      expect(sent.size).toBeGreaterThanOrEqual(28);
      for (const r of rows)
        expect({ id: r.id, sha256: r.sha256, sm3: r.sm3, crc32: Number(r.crc32) }).toEqual({
          id: r.id,
          ...digestsOf(sent.get(r.id)!),
        });

      // The receipts.
      for (const res of receipts) {
        expect(res.statusCode, res.body).toBe(200);
        const files = res.json<{ files: { id: string; sha256: string; sm3: string }[] }>().files;
        const ours = files.filter((f) => sent.has(f.id));
        expect(ours.length).toBe(14);
        for (const f of ours)
          expect({ sha256: f.sha256, sm3: f.sm3 }).toEqual({
            sha256: digestsOf(sent.get(f.id)!).sha256,
            sm3: digestsOf(sent.get(f.id)!).sm3,
          });
      }

      // The 刻盘 package: both recommended, the zip tested by unzip and Python's zipfile, the manifest against the bytes sent.
      const city = await new TestClient(app).login('luoyang');
      for (const { id } of units) {
        await makeReadyForRecommendation(city, id);
        expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(
          200,
        );
      }
      const zip = await city.get('/api/v1/packages/410300/archive.zip');
      expect(zip.statusCode, zip.body.slice(0, 200)).toBe(200);
      const zipFile = path.join(dir, 'package.zip');
      fs.writeFileSync(zipFile, zip.rawPayload);
      expect(execFileSync('unzip', ['-tq', zipFile], { encoding: 'utf8' })).toMatch(/No errors detected/);
      expect(
        execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())', zipFile], {
          encoding: 'utf8',
        }).trim(),
      ).toBe('None');
      const out = path.join(dir, 'disc');
      execFileSync('unzip', ['-q', zipFile, '-d', out]);
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
      const sentDigests = new Set([...sent.values()].map((b) => digestsOf(b).sha256));
      let matched = 0;
      for (const f of manifest.files) {
        const bytes = fs.readFileSync(path.join(out, f.path));
        expect({ path: f.path, sha256: f.sha256, sm3: f.sm3 }).toEqual({
          path: f.path,
          sha256: digestsOf(bytes).sha256,
          sm3: digestsOf(bytes).sm3,
        });
        if (sentDigests.has(f.sha256)) matched++;
      }
      expect(matched).toBeGreaterThanOrEqual(28);
    },
  );
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fillCompletely,
  makeReadyForRecommendation,
  registerUnit,
  uploadEvidenceFile,
} from '../../test-support/applications.js';
import { rosterRows, rosterWorkbook, tinyPdf } from '../../test-support/fixtures.js';
import { multipart, TestClient } from '../../test-support/http.js';
import { storedPath } from '../../test-support/stored-path.js';
import { createTestApp } from '../../test-support/harness.js';
import { fixedClock } from '../domain/clock.js';
import { FileDigester } from '../storage/file-digester.js';
import { scrubFiles } from '../use-cases/scrub-files.js';
import { sweepFiles } from '../use-cases/sweep-files.js';
import type { App } from './app.js';

const clock = fixedClock(new Date());
let app: App;
/** The application the first test takes through review, recommended in the last. */
let reviewedId = '';
beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 1000, scrubIntervalSeconds: 0 } });
});
afterAll(() => app.close());

/** Storage keys of the files on disk, below DATA_DIR/files (staging excluded). */
async function keysOnDisk(): Promise<string[]> {
  const keys: string[] = [];
  for await (const b of app.ctx.blobs.listStored()) keys.push(b.key);
  return keys.sort();
}
const referencedKeys = async () => [...(await app.ctx.files.referencedKeys())].sort();
const importRoster = async (c: TestClient, id: string, n: number) => {
  const mp = multipart('服务企业名单.xlsx', await rosterWorkbook(rosterRows(n)));
  return c.request({
    method: 'POST',
    url: `/api/v1/applications/${id}/roster`,
    payload: mp.payload,
    headers: mp.headers,
  });
};

describe('nothing left behind', () => {
  it(
    're-imported rosters, replaced scans, dropped agreements and abandoned rows leave no file; files on disk = files referenced',
    { timeout: 120_000 },
    async () => {
      const { client, id } = await registerUnit(app, 770_001);
      reviewedId = id;
      await fillCompletely(client, id);
      // Re-importing the roster three times keeps one workbook (each holds contacts' names and phones).
      for (const n of [81, 82, 83]) expect((await importRoster(client, id, n)).statusCode).toBe(200);
      expect(
        (
          await app.ctx.db
            .selectFrom('evidence_files')
            .select('id')
            .where('application_id', '=', id)
            .where('evidence_type', '=', 'roster')
            .execute()
        ).length,
      ).toBe(1);

      // An institution removed from the list takes its agreement with it.
      const view = (await client.get('/api/v1/my/application')).json<{
        institutions: { name: string; uscc: string; agreementFileId: string | null }[];
      }>();
      const removedAgreement = view.institutions[4]!.agreementFileId!;
      const extra = (await uploadEvidenceFile(client, id, 'institution_agreement', '新协议.pdf', tinyPdf())).json<{
        id: string;
      }>().id;
      const kept = view.institutions
        .slice(0, 4)
        .map(({ name, uscc, agreementFileId }) => ({ name, uscc, agreementFileId }));
      expect(
        (
          await client.put(`/api/v1/applications/${id}/institutions`, {
            institutions: [...kept, { ...view.institutions[4]!, agreementFileId: extra }],
          })
        ).statusCode,
      ).toBe(200);
      expect(await app.ctx.applications.findFile(id, removedAgreement)).toBeUndefined();

      // An agreement uploaded for a row that is never saved does not reach the receipt, and is removed at submission.
      const abandoned = (
        await uploadEvidenceFile(client, id, 'institution_agreement', '未保存行的协议.pdf', tinyPdf())
      ).json<{ id: string }>().id;
      const receipt = await client.post(`/api/v1/applications/${id}/submit`);
      expect(receipt.statusCode, receipt.body).toBe(200);
      expect(receipt.json<{ files: { id: string }[] }>().files.map((f) => f.id)).not.toContain(abandoned);
      expect(await app.ctx.applications.findFile(id, abandoned)).toBeUndefined();

      // Replacing the sealed site-check scan keeps only the new one.
      const city = await new TestClient(app).login('luoyang');
      await makeReadyForRecommendation(city, id);
      for (let i = 0; i < 2; i++) {
        const scan = multipart(`扫描件${i}.pdf`, tinyPdf());
        expect(
          (
            await city.request({
              method: 'POST',
              url: `/api/v1/applications/${id}/site-check/scan`,
              payload: scan.payload,
              headers: scan.headers,
            })
          ).statusCode,
        ).toBe(200);
      }
      expect(
        (
          await app.ctx.db
            .selectFrom('evidence_files')
            .select('id')
            .where('application_id', '=', id)
            .where('evidence_type', '=', 'site_check_scan')
            .execute()
        ).length,
      ).toBe(1);

      await app.ctx.digests.idle();
      expect(await keysOnDisk()).toEqual(await referencedKeys());
    },
  );

  it(
    'the sweep removes blobs nothing references, stale staging files and day-old unsaved agreements — nothing younger',
    { timeout: 60_000 },
    async () => {
      const { client, id } = await registerUnit(app, 770_002);
      const orphan = path.join(app.ctx.config.filesDir, 'ab', 'abcdef01-2345-4789-8abc-def012345678');
      fs.mkdirSync(path.dirname(orphan), { recursive: true });
      fs.writeFileSync(orphan, 'left behind by a crash between commit and row');
      const staging = path.join(app.ctx.config.filesDir, '.staging', 'interrupted-upload');
      fs.writeFileSync(staging, 'half an upload');
      const unsaved = (
        await uploadEvidenceFile(client, id, 'institution_agreement', '未保存行的协议.pdf', tinyPdf())
      ).json<{ id: string }>().id;
      const unsavedKey = (await app.ctx.applications.findFile(id, unsaved))!.storage_key;

      const young = await sweepFiles(app.ctx);
      expect(young).toMatchObject({ orphanBlobs: [], staleStaging: [], unattachedAgreements: [], removed: false });

      clock.set(new Date(clock.now().getTime() + 25 * 3600_000));
      const report = await sweepFiles(app.ctx, { dryRun: true });
      expect(report.orphanBlobs).toContain('ab/abcdef01-2345-4789-8abc-def012345678');
      expect(report.staleStaging).toContain(staging);
      expect(report.unattachedAgreements.map((f) => f.fileId)).toEqual([unsaved]);
      expect(fs.existsSync(orphan)).toBe(true);

      expect((await sweepFiles(app.ctx)).removed).toBe(true);
      expect(fs.existsSync(orphan)).toBe(false);
      expect(fs.existsSync(staging)).toBe(false);
      expect(fs.existsSync(storedPath(app.ctx.blobs, unsavedKey))).toBe(false);
      expect(await app.ctx.applications.findFile(id, unsaved)).toBeUndefined();
      expect((await app.ctx.audit.list(5, 'files.sweep')).length).toBe(1);
      expect(await keysOnDisk()).toEqual(await referencedKeys());
    },
  );

  it(
    'the scrub finds a byte changed on disk, the 刻盘 plan then refuses the package naming the file, and a restored file passes again',
    { timeout: 120_000 },
    async () => {
      const city = await new TestClient(app).login('luoyang');
      const digester = new FileDigester();
      try {
        await app.ctx.digests.idle();
        const all = await scrubFiles(app.ctx, digester, { maxFiles: 100_000, maxBytes: Number.MAX_SAFE_INTEGER });
        expect(all.failed).toEqual([]);
        expect(
          (await city.post(`/api/v1/applications/${reviewedId}/recommendation`, { channel: 'quota' })).statusCode,
        ).toBe(200);
        expect((await city.get('/api/v1/packages/410300/archive')).statusCode).toBe(200);
        const target = await app.ctx.db
          .selectFrom('evidence_files')
          .innerJoin('recommendations', 'recommendations.application_id', 'evidence_files.application_id')
          .select(['evidence_files.id', 'evidence_files.storage_key', 'evidence_files.original_name'])
          .where('recommendations.authority_code', '=', '410300')
          .where('evidence_files.evidence_type', '=', 'business_license')
          .executeTakeFirstOrThrow();
        const file = storedPath(app.ctx.blobs, target.storage_key);
        const original = fs.readFileSync(file);
        const flipped = Buffer.from(original);
        flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
        fs.writeFileSync(file, flipped);

        const found = await scrubFiles(app.ctx, digester, { maxFiles: 100_000, maxBytes: Number.MAX_SAFE_INTEGER });
        expect(found.failed).toEqual([expect.objectContaining({ fileId: target.id, reason: 'changed' })]);
        const refused = await city.get('/api/v1/packages/410300/archive');
        expect(refused.statusCode).toBe(409);
        expect(refused.json<{ message: string }>().message).toContain(target.original_name);
        expect(refused.json<{ message: string }>().message).toContain('完整性校验');
        expect(
          (await app.ctx.audit.list(10, 'evidence.integrity_failed')).map((e) => JSON.parse(e.detail!).fileId),
        ).toContain(target.id);

        fs.writeFileSync(file, original);
        expect(
          (await scrubFiles(app.ctx, digester, { maxFiles: 100_000, maxBytes: Number.MAX_SAFE_INTEGER })).failed,
        ).toEqual([]);
        expect((await city.get('/api/v1/packages/410300/archive')).statusCode).toBe(200);
        expect(
          (await app.ctx.audit.list(10, 'evidence.integrity_restored')).map((e) => JSON.parse(e.detail!).fileId),
        ).toContain(target.id);
      } finally {
        await digester.close();
      }
    },
  );
});

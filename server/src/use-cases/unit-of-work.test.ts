import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAuditFailing } from '../../test-support/audit-failing.js';
import {
  fillCompletely,
  makeReadyForRecommendation,
  registerUnit,
  submittedApplication,
  uploadEvidenceFile,
} from '../../test-support/applications.js';
import { tinyPdf } from '../../test-support/fixtures.js';
import { storedPath } from '../../test-support/stored-path.js';
import { TestClient } from '../../test-support/http.js';
import { createTestApp } from '../../test-support/harness.js';
import type { App } from '../http/app.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000, scrubIntervalSeconds: 0 } });
});
afterAll(() => app.close());

const statusOf = async (id: string) => (await app.ctx.applications.findById(id))!.status;

describe('one change, one transaction', () => {
  it(
    'a state change whose audit entry cannot be written does not happen — and happens once the log is back',
    { timeout: 120_000 },
    async () => {
      const city = await new TestClient(app).login('luoyang');

      // Applicant: a draft save and a file deletion.
      const { client, id } = await registerUnit(app, 660_001);
      await fillCompletely(client, id);
      const before = (await app.ctx.applications.findById(id))!.form;
      const fileId = (await uploadEvidenceFile(client, id, 'other', '其他.pdf', tinyPdf())).json<{ id: string }>().id;
      const key = (await app.ctx.applications.findFile(id, fileId))!.storage_key;
      await withAuditFailing(app.ctx.db, async () => {
        expect((await client.patch(`/api/v1/applications/${id}`, { platformName: '不应保存的名称' })).statusCode).toBe(
          500,
        );
        expect((await client.delete(`/api/v1/applications/${id}/evidence/${fileId}`)).statusCode).toBe(500);
        expect((await uploadEvidenceFile(client, id, 'other', '不应留下.pdf', tinyPdf())).statusCode).toBe(500);
        expect((await client.post(`/api/v1/applications/${id}/submit`)).statusCode).toBe(500);
      });
      expect((await app.ctx.applications.findById(id))!.form).toBe(before);
      expect(await app.ctx.applications.findFile(id, fileId)).toBeDefined();
      expect(fs.existsSync(storedPath(app.ctx.blobs, key))).toBe(true);
      expect((await app.ctx.applications.listEvidence(id)).map((e) => e.original_name)).not.toContain('不应留下.pdf');
      expect(await statusOf(id)).toBe('draft');
      expect((await client.post(`/api/v1/applications/${id}/submit`)).statusCode).toBe(200);
      expect(await statusOf(id)).toBe('submitted');

      // City: a return, a recommendation (the quota slot is not taken), the package submission.
      await withAuditFailing(app.ctx.db, async () => {
        expect(
          (await city.post(`/api/v1/applications/${id}/return`, { summary: '请补充', remarks: [] })).statusCode,
        ).toBe(500);
      });
      expect(await statusOf(id)).toBe('submitted');
      expect(await app.ctx.reviews.latestReturn(id)).toBeUndefined();

      await makeReadyForRecommendation(city, id);
      await withAuditFailing(app.ctx.db, async () => {
        expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(
          500,
        );
      });
      expect(await statusOf(id)).toBe('submitted');
      expect(await app.ctx.recommendations.find(id)).toBeUndefined();
      expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);

      const batchId = (await app.ctx.applications.findById(id))!.batch_id;
      await withAuditFailing(app.ctx.db, async () => {
        expect((await city.post('/api/v1/city/package/submit')).statusCode).toBe(500);
      });
      expect((await app.ctx.recommendations.findPackage(batchId, '410300'))?.status ?? 'draft').not.toBe('submitted');
    },
  );

  it('a nested unit of work joins the running transaction, and an error anywhere rolls all of it back', async () => {
    const { id } = await submittedApplication(app, '410300');
    await expect(
      app.ctx.transaction(async (tx) => {
        await tx.transaction(async (inner) => {
          await inner.audit.record(
            {
              actorUserId: null,
              actorName: 'test',
              ip: null,
              action: 'test.nested',
              targetType: 'application',
              targetId: id,
            },
            new Date(),
          );
        });
        await tx.db.updateTable('applications').set({ updated_at: 'changed' }).where('id', '=', id).execute();
        throw new Error('fails after both writes');
      }),
    ).rejects.toThrow('fails after both writes');
    expect((await app.ctx.applications.findById(id))!.updated_at).not.toBe('changed');
    expect((await app.ctx.audit.list(10, 'test.nested')).length).toBe(0);
  });
});

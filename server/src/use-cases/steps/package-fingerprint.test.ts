import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeReadyForRecommendation, submittedApplication } from '../../../test-support/applications.js';
import { createTestApp } from '../../../test-support/harness.js';
import { TestClient } from '../../../test-support/http.js';
import { fingerprintWords } from '../../documents/fingerprint.js';
import type { App } from '../../http/app.js';
import { planCity } from './package-archive-plan.js';
import { cityFingerprint } from './package-fingerprint.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe('the fingerprint a 推荐表 prints', () => {
  it('is planned for a draft package, and once submitted is the recorded one, which planning gives again', async () => {
    const city = await new TestClient(app).login('luoyang');
    const { id } = await submittedApplication(app, '410300', { platformName: '洛阳指纹测试服务平台' });
    await makeReadyForRecommendation(city, id);
    expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);
    const { id: userId, display_name: displayName } = (await app.ctx.users.findByUsername('luoyang'))!;
    const actor = {
      userId,
      username: 'luoyang',
      displayName,
      role: 'city',
      unitId: null,
      authorityCode: '410300',
    } as const;
    const batch = (await app.ctx.references.findBatch('2022-demo'))!;
    const authority = { code: '410300', name: '洛阳市' };
    const planned = async () => cityFingerprint(await planCity(app.ctx, actor, batch, authority, ''));
    // Planning checks every stored file's size on disk: how the test tells a planned fingerprint.
    const sizeChecks = vi.spyOn(app.ctx.blobs, 'sizeOf');
    const form = async () => {
      sizeChecks.mockClear();
      const res = await city.get(`/api/v1/applications/${id}/documents/recommendation-form.pdf`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      const text = execFileSync('pdftotext', ['-', '-'], { input: res.rawPayload, encoding: 'utf8' });
      return { text: text.replace(/\s+/g, ''), planned: sizeChecks.mock.calls.length > 0 };
    };

    const draft = await form();
    expect(draft.planned).toBe(true);
    expect(draft.text).toContain(fingerprintWords(await planned()));

    expect((await city.post('/api/v1/city/package/submit')).statusCode).toBe(200);
    const version = await app.ctx.recommendations.findLatestVersion(batch.id, authority.code);
    expect(version?.manifest_sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(version?.manifest_sm3).toBe(await planned());

    const submitted = await form();
    expect(submitted.planned).toBe(false);
    expect(submitted.text).toContain(fingerprintWords(version!.manifest_sm3!));
    sizeChecks.mockRestore();
  });
});

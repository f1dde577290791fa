import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUnit, uploadEvidenceFile } from '../../test-support/applications.js';
import { makeUscc, tinyPdf } from '../../test-support/fixtures.js';
import { TestClient } from '../../test-support/http.js';
import { createTestApp } from '../../test-support/harness.js';
import type { App } from './app.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000, scrubIntervalSeconds: 0 } });
});
afterAll(() => app.close());

const entries = async (action: string) =>
  (await app.ctx.audit.list(1000, action)).map((e) => ({
    ...e,
    detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : null,
  }));

describe('what the audit log records', () => {
  it('denied requests: 401, 403 and CSRF refusals, with the route and the user', async () => {
    const anonymous = new TestClient(app);
    expect((await anonymous.get('/api/v1/my/application')).statusCode).toBe(401);
    const applicant = await new TestClient(app).login('ly-keji');
    expect((await applicant.get('/api/v1/applications')).statusCode).toBe(403);
    expect(
      (await applicant.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { 'x-csrf-token': 'forged' } }))
        .statusCode,
    ).toBe(403);

    const denied = await entries('access.denied');
    expect(denied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor_name: null,
          target_id: 'GET /api/v1/my/application',
          detail: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
        }),
        expect.objectContaining({
          actor_name: 'ly-keji',
          target_id: 'GET /api/v1/applications',
          detail: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
        expect.objectContaining({
          actor_name: 'ly-keji',
          target_id: 'POST /api/v1/auth/logout',
          detail: expect.objectContaining({ code: 'CSRF_REJECTED' }),
        }),
      ]),
    );
  });

  it('failed logins name the account only when it exists — never what was typed into the user-name field', async () => {
    const typedPassword = 'MySecret#2022';
    expect(
      (await new TestClient(app).post('/api/v1/auth/login', { username: typedPassword, password: 'x' })).statusCode,
    ).toBe(401);
    expect(
      (await new TestClient(app).post('/api/v1/auth/login', { username: 'ly-huizhi', password: 'wrong-password' }))
        .statusCode,
    ).toBe(401);
    const failures = await entries('login.failure');
    expect(JSON.stringify(failures)).not.toContain(typedPassword);
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor_name: null, detail: { reason: 'unknown_user' } }),
        expect.objectContaining({ actor_name: 'ly-huizhi' }),
      ]),
    );
  });

  it('draft saves (the fields, not their values) and institution list changes', async () => {
    const { client, id } = await registerUnit(app, 550_001);
    expect(
      (await client.patch(`/api/v1/applications/${id}`, { contactPhone: '13912345678', platformName: '审计测试平台' }))
        .statusCode,
    ).toBe(200);
    const saves = (await entries('application.draft_save')).filter((e) => e.target_id === id);
    expect(saves.map((e) => e.detail)).toEqual([{ fields: ['contactPhone', 'platformName'] }]);
    expect(JSON.stringify(saves)).not.toContain('13912345678');

    const agreement = (await uploadEvidenceFile(client, id, 'institution_agreement', '协议.pdf', tinyPdf())).json<{
      id: string;
    }>().id;
    expect(
      (
        await client.put(`/api/v1/applications/${id}/institutions`, {
          institutions: [{ name: '服务机构甲', uscc: makeUscc(1), agreementFileId: agreement }],
        })
      ).statusCode,
    ).toBe(200);
    expect((await entries('institutions.replace')).filter((e) => e.target_id === id).map((e) => e.detail)).toEqual([
      { count: 1, withAgreement: 1, removedAgreements: 0 },
    ]);
  });
});

describe('the institutions list, typed in', () => {
  it('is checked like the Excel import: valid and distinct USCCs, each with its own agreement of this application', async () => {
    const { client, id } = await registerUnit(app, 550_002);
    const agreement = (await uploadEvidenceFile(client, id, 'institution_agreement', '协议.pdf', tinyPdf())).json<{
      id: string;
    }>().id;
    const put = (institutions: unknown[]) => client.put(`/api/v1/applications/${id}/institutions`, { institutions });
    const fieldsOf = (res: Awaited<ReturnType<typeof put>>) =>
      res.json<{ errors: { field: string; message: string }[] }>().errors;

    const zeros = await put(
      Array.from({ length: 5 }, (_, i) => ({
        name: `机构${i}`,
        uscc: '000000000000000000',
        agreementFileId: i === 0 ? agreement : null,
      })),
    );
    expect(zeros.statusCode).toBe(400);
    expect(fieldsOf(zeros).map((e) => e.field)).toEqual([0, 1, 2, 3, 4].map((i) => `institutions.${i}.uscc`));
    expect(fieldsOf(zeros)[0]!.message).toContain('统一社会信用代码');

    const duplicate = await put([
      { name: '甲', uscc: makeUscc(7) },
      { name: '乙', uscc: makeUscc(7) },
    ]);
    expect(duplicate.statusCode).toBe(400);
    expect(fieldsOf(duplicate)).toEqual([
      { field: 'institutions.1.uscc', message: expect.stringContaining('与第1项重复') },
    ]);

    const shared = await put([
      { name: '甲', uscc: makeUscc(8), agreementFileId: agreement },
      { name: '乙', uscc: makeUscc(9), agreementFileId: agreement },
    ]);
    expect(shared.statusCode).toBe(400);
    expect(fieldsOf(shared)).toEqual([
      { field: 'institutions.1.agreementFileId', message: expect.stringContaining('同一份文件') },
    ]);

    const empty = await put([{ name: '甲', uscc: makeUscc(8), agreementFileId: '' }]);
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty)[0]!.field).toBe('institutions.0.agreementFileId');

    const foreign = await put([
      { name: '甲', uscc: makeUscc(8), agreementFileId: '00000000-0000-4000-8000-000000000000' },
    ]);
    expect(foreign.statusCode).toBe(400);
    expect(fieldsOf(foreign)[0]).toEqual({
      field: 'institutions.0.agreementFileId',
      message: expect.stringContaining('文件不存在'),
    });

    expect((await app.ctx.applications.listInstitutions(id)).length).toBe(0);
  });
});

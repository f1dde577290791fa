import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test-support/harness.js';
import { submittedApplication, uploadEvidenceFile } from '../../test-support/applications.js';
import { tinyPdf } from '../../test-support/fixtures.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.close());

interface Evidence {
  id: string;
  evidenceType: string;
  originalName: string;
  sha256: string | null;
}

describe('the changes between two submitted versions', () => {
  it('lists evidence file by file: changed, removed, added; files left alone are not listed', async () => {
    const { client, id } = await submittedApplication(app, '410300', {}, ['other']);
    const luoyang = await new TestClient(app).login('luoyang');
    const returned = await luoyang.post(`/api/v1/applications/${id}/return`, {
      summary: '请更换营业执照扫描件',
      remarks: [],
    });
    expect(returned.statusCode, returned.body).toBe(200);

    const evidence = (await client.get('/api/v1/my/application')).json<{ evidence: Evidence[] }>().evidence;
    const fileOf = (type: string) => evidence.find((e) => e.evidenceType === type)!;
    const license = fileOf('business_license');
    const other = fileOf('other');
    for (const file of [license, other])
      expect((await client.delete(`/api/v1/applications/${id}/evidence/${file.id}`)).statusCode).toBe(200);
    const newLicense = Buffer.concat([tinyPdf(), Buffer.from('% 2022年换发\n', 'utf8')]);
    const feeAddendum = Buffer.concat([tinyPdf(), Buffer.from('% 补充说明\n', 'utf8')]);
    expect(
      (await uploadEvidenceFile(client, id, 'business_license', license.originalName, newLicense)).statusCode,
    ).toBe(201);
    expect((await uploadEvidenceFile(client, id, 'fee_policy', '收费标准补充说明.pdf', feeAddendum)).statusCode).toBe(
      201,
    );
    const resubmitted = await client.post(`/api/v1/applications/${id}/submit`);
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);

    const after = (await client.get('/api/v1/my/application')).json<{ evidence: Evidence[] }>().evidence;
    const digestOf = (name: string) => after.find((e) => e.originalName === name)!.sha256!.slice(0, 8);
    const review = (await luoyang.get(`/api/v1/applications/${id}/review`)).json();
    const fileChanges = review.changes.filter((c: { field: string }) => c.field.startsWith('证明材料'));
    expect(fileChanges).toEqual([
      {
        field: '证明材料：营业执照（副本）',
        before: `${license.originalName}（${license.sha256!.slice(0, 8)}）`,
        after: `${license.originalName}（${digestOf(license.originalName)}）`,
      },
      {
        field: '证明材料：收费标准及优惠服务台账',
        before: null,
        after: `收费标准补充说明.pdf（${digestOf('收费标准补充说明.pdf')}）`,
      },
      { field: '证明材料：其他证明材料', before: `${other.originalName}（${other.sha256!.slice(0, 8)}）`, after: null },
    ]);
  });
});

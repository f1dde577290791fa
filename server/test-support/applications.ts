import type { LightMyRequestResponse } from 'fastify';
import { eligibleForm, makeUscc, rosterRows, rosterWorkbook, tinyPdf, zipWith } from './fixtures.js';
import { multipart, type TestClient } from './http.js';

function expectStatus(res: LightMyRequestResponse, status: number, what: string): LightMyRequestResponse {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
  return res;
}

/** Uploads one evidence file of the given type to an application. */
export function uploadEvidenceFile(c: TestClient, id: string, type: string, name: string, content: Buffer): Promise<LightMyRequestResponse> {
  const mp = multipart(name, content);
  return c.request({ method: 'POST', url: `/api/v1/applications/${id}/evidence?type=${type}`, payload: mp.payload, headers: mp.headers });
}

/** Fills a draft until it is eligible and complete: the form, an 80-row roster, 5 institutions with agreements, every evidence type. */
export async function fillCompletely(c: TestClient, id: string): Promise<void> {
  expectStatus(await c.patch(`/api/v1/applications/${id}`, eligibleForm), 200, 'save form');
  const roster = multipart('服务企业名单.xlsx', await rosterWorkbook(rosterRows(80)));
  expectStatus(await c.request({ method: 'POST', url: `/api/v1/applications/${id}/roster`, payload: roster.payload, headers: roster.headers }), 200, 'import roster');
  const agreements: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = expectStatus(await uploadEvidenceFile(c, id, 'institution_agreement', `合作协议${i + 1}.pdf`, tinyPdf()), 201, 'upload agreement');
    agreements.push(res.json<{ id: string }>().id);
  }
  const institutions = agreements.map((fileId, i) => ({ name: `服务机构${i + 1}`, uscc: makeUscc(900 + i), agreementFileId: fileId }));
  expectStatus(await c.put(`/api/v1/applications/${id}/institutions`, { institutions }), 200, 'save institutions');
  for (const type of ['business_license', 'assets_report', 'staff_list', 'fee_policy']) {
    expectStatus(await uploadEvidenceFile(c, id, type, `${type}.pdf`, tinyPdf()), 201, `upload ${type}`);
  }
  const report = await zipWith({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<w/>' });
  expectStatus(await uploadEvidenceFile(c, id, 'application_report', '申请报告.docx', report), 201, 'upload application_report');
}

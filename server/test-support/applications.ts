import type { LightMyRequestResponse } from 'fastify';
import { eligibleForm, makeUscc, rosterRows, rosterWorkbook, tinyPdf, zipWith } from './fixtures.js';
import { multipart, TestClient, type Target } from './http.js';

function expectStatus(res: LightMyRequestResponse, status: number, what: string): LightMyRequestResponse {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
  return res;
}

/** Uploads one evidence file of the given type to an application. */
export function uploadEvidenceFile(
  c: TestClient,
  id: string,
  type: string,
  name: string,
  content: Buffer,
): Promise<LightMyRequestResponse> {
  const mp = multipart(name, content);
  return c.request({
    method: 'POST',
    url: `/api/v1/applications/${id}/evidence?type=${type}`,
    payload: mp.payload,
    headers: mp.headers,
  });
}

/** Fills a draft until it is eligible and complete: the form, an 80-row roster, 5 institutions with agreements, every evidence type. */
export async function fillCompletely(c: TestClient, id: string): Promise<void> {
  expectStatus(await c.patch(`/api/v1/applications/${id}`, eligibleForm), 200, 'save form');
  const roster = multipart('服务企业名单.xlsx', await rosterWorkbook(rosterRows(80)));
  expectStatus(
    await c.request({
      method: 'POST',
      url: `/api/v1/applications/${id}/roster`,
      payload: roster.payload,
      headers: roster.headers,
    }),
    200,
    'import roster',
  );
  const agreements: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = expectStatus(
      await uploadEvidenceFile(c, id, 'institution_agreement', `合作协议${i + 1}.pdf`, tinyPdf()),
      201,
      'upload agreement',
    );
    agreements.push(res.json<{ id: string }>().id);
  }
  const institutions = agreements.map((fileId, i) => ({
    name: `服务机构${i + 1}`,
    uscc: makeUscc(900 + i),
    agreementFileId: fileId,
  }));
  expectStatus(await c.put(`/api/v1/applications/${id}/institutions`, { institutions }), 200, 'save institutions');
  for (const type of ['business_license', 'assets_report', 'staff_list', 'fee_policy']) {
    expectStatus(await uploadEvidenceFile(c, id, type, `${type}.pdf`, tinyPdf()), 201, `upload ${type}`);
  }
  const report = await zipWith({ '[Content_Types].xml': '<x/>', 'word/document.xml': '<w/>' });
  expectStatus(
    await uploadEvidenceFile(c, id, 'application_report', '申请报告.docx', report),
    201,
    'upload application_report',
  );
}

let registered = 0;

/** Registers operating unit number `n` in a region and opens its draft. */
export async function registerUnit(
  app: Target,
  n: number,
  regionCode = '410300',
): Promise<{ client: TestClient; id: string; username: string }> {
  const username = `unit${n}`;
  const client = new TestClient(app);
  expectStatus(
    await client.post('/api/v1/auth/register', {
      username,
      password: 'Passw0rd!',
      unitName: `测试运营单位${n}有限公司`,
      uscc: makeUscc(n, regionCode.slice(0, 6)),
      regionCode,
      contactName: '张三',
      contactPhone: '13800001111',
    }),
    200,
    'register',
  );
  const id = expectStatus(await client.get('/api/v1/my/application'), 200, 'my application').json<{ id: string }>().id;
  return { client, id, username };
}

/** Registers a new operating unit in a region, fills its application completely and submits it. */
export async function submittedApplication(
  app: Target,
  regionCode = '410300',
  patch: Record<string, unknown> = {},
  extraEvidenceTypes: readonly string[] = [],
): Promise<{ client: TestClient; id: string; username: string }> {
  registered += 1;
  const { client, id, username } = await registerUnit(
    app,
    70_000 + registered + Math.floor(Math.random() * 1_000_000) * 1000,
    regionCode,
  );
  await fillCompletely(client, id);
  expectStatus(
    await client.patch(`/api/v1/applications/${id}`, { platformName: `平台${username}`, ...patch }),
    200,
    'name platform',
  );
  for (const type of extraEvidenceTypes)
    expectStatus(await uploadEvidenceFile(client, id, type, `${type}.pdf`, tinyPdf()), 201, `upload ${type}`);
  expectStatus(await client.post(`/api/v1/applications/${id}/submit`), 200, 'submit');
  return { client, id, username };
}

/** The days the city's review records carry; none may come before the batch's notice. */
export interface ReviewDates {
  siteCheck: string;
  interview: string;
  opinion: string;
}

/** Days after the 2022 notice (2022-11-22). */
const REVIEW_DATES_2022: ReviewDates = { siteCheck: '2022-12-01', interview: '2022-12-02', opinion: '2022-12-05' };

/** All three records on one day (e.g. a later batch's notice day). */
export const reviewedOn = (day: string): ReviewDates => ({ siteCheck: day, interview: day, opinion: day });

/**
 * The city records everything a recommendation needs: site check with its scan, interview, a survey of 10,
 * opinion — dated after the 2022 notice unless told, with the principal the interview names.
 */
export async function makeReadyForRecommendation(
  city: TestClient,
  id: string,
  { dates = REVIEW_DATES_2022, principal = { name: '李四', title: '董事长' } } = {},
): Promise<void> {
  expectStatus(
    await city.put(`/api/v1/applications/${id}/site-check`, {
      checkedOn: dates.siteCheck,
      officials: ['张科长', '李主任'],
      findings: '材料与现场一致',
      conclusion: 'consistent',
    }),
    200,
    'site check',
  );
  const scan = multipart('现场核查真实性说明（盖章）.pdf', tinyPdf());
  expectStatus(
    await city.request({
      method: 'POST',
      url: `/api/v1/applications/${id}/site-check/scan`,
      payload: scan.payload,
      headers: scan.headers,
    }),
    200,
    'scan',
  );
  expectStatus(
    await city.put(`/api/v1/applications/${id}/interview`, {
      heldOn: dates.interview,
      place: '市工信局会议室',
      officials: ['张科长'],
      principalName: principal.name,
      principalTitle: principal.title,
      result: '经谈话，单位主要负责人承诺申报材料真实有效。',
    }),
    200,
    'interview',
  );
  const drawn = expectStatus(
    await city.post(`/api/v1/applications/${id}/survey/draw`, { methods: ['phone'] }),
    200,
    'draw',
  ).json<{
    survey: { contacts: { rosterRowNo: number }[] };
  }>();
  for (const c of drawn.survey.contacts) {
    expectStatus(
      await city.put(`/api/v1/applications/${id}/survey/contacts/${c.rosterRowNo}`, {
        outcome: 'completed',
        interviewee: '王经理',
        position: '总经理',
        phone: '13912345678',
        rating: 'very_satisfied',
      }),
      200,
      'survey contact',
    );
  }
  expectStatus(
    await city.put(`/api/v1/applications/${id}/opinion`, {
      impact: '带动区域中小企业发展。',
      opinion: '同意推荐。',
      opinionDate: dates.opinion,
    }),
    200,
    'opinion',
  );
}

import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultReviewRoundSettings,
  publicServicePlatformRubric2017,
  type BlindMaterial,
  type CityPackageView,
  type ExpertRoundView,
  type ExpertView,
  type OneTimePasswordView,
  type ReviewRoundInput,
  type ReviewRoundView,
  type RoundConflictsView,
} from '#contract';
import { fixedClock } from '../domain/clock.js';
import {
  fillCompletely,
  makeReadyForRecommendation,
  registerUnit,
  uploadEvidenceFile,
} from '../../test-support/applications.js';
import { withAuditFailing } from '../../test-support/audit-failing.js';
import { makeUscc } from '../../test-support/fixtures.js';
import {
  addExpert as addPoolExpert,
  EXPERT_PASSWORD,
  expertInput,
  type PoolExpert,
} from '../../test-support/review-round.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

/**
 * 专家评审 over HTTP (issue 15): the pool, expert accounts, a round from the packages the province accepted,
 * requested exclusions, the 双随机 draw with 回避, the 承诺书, the blind view, replacement, and the races.
 */

const clock = fixedClock('2026-11-24T02:00:00Z');
let app: App;
let province: TestClient;
let sysadmin: TestClient;
afterAll(async () => app?.close());

const PEOPLE = ['张三', '李四', '王五'];
const PHONES = ['13800001111', '13912345678', '13700002222'];

interface Applicant {
  id: string;
  unitName: string;
  uscc: string;
  region: string;
  regionName: string;
}
const applicants: Applicant[] = [];

function expectOk(res: { statusCode: number; body: string }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
}

/** A Word report whose text names its unit (the blind view must flag it). */
async function reportNaming(unitName: string): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: [new Paragraph({ children: [new TextRun(`申请报告：${unitName}申请认定示范平台`)] })] }],
  });
  return Packer.toBuffer(doc);
}

/** A unit of the city, its application submitted, recommended, the city's package submitted and accepted. */
async function receivedApplication(n: number, region: string, regionName: string, city: TestClient) {
  const { client, id } = await registerUnit(app, n, region);
  await fillCompletely(client, id);
  const unitName = `测试运营单位${n}有限公司`;
  expectOk(
    await client.patch(`/api/v1/applications/${id}`, {
      platformName: `${unitName}综合服务平台`,
      description: `${unitName}位于${regionName}，联系电话${PHONES[2]}，负责人李四，为中小企业提供政策咨询、融资对接服务。`,
    }),
  );
  expectOk(
    await uploadEvidenceFile(
      client,
      id,
      'application_report',
      '申请报告（单位盖章）.docx',
      await reportNaming(unitName),
    ),
    201,
  );
  expectOk(await client.post(`/api/v1/applications/${id}/submit`));
  await makeReadyForRecommendation(city, id);
  expectOk(await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' }));
  const submitted = await city.post('/api/v1/city/package/submit');
  expectOk(submitted);
  const { version } = submitted.json<CityPackageView>();
  expectOk(await province.post(`/api/v1/packages/${region}/accept`, { version }));
  applicants.push({ id, unitName, uscc: makeUscc(n, region), region, regionName });
}

const experts = new Map<string, PoolExpert>();
const expertById = (id: string) => [...experts.values()].find((e) => e.view.id === id)!;

/** Adds an expert to the pool and gives it an account (the system administrator's), password changed. */
async function addExpert(key: string, over: Record<string, unknown> = {}): Promise<PoolExpert> {
  const entry = await addPoolExpert(app, province, sysadmin, key, over);
  experts.set(key, entry);
  return entry;
}

const roundInput = (over: Partial<ReviewRoundInput> = {}): ReviewRoundInput => ({
  title: '2022年度示范平台专家评审',
  applicationIds: applicants.map((a) => a.id),
  settings: {
    ...defaultReviewRoundSettings,
    expertsPerApplication: 3,
    maxLoadPerExpert: 10,
    grouping: { mode: 'groupCount', groupCount: 1 },
    conflicts: { ...defaultReviewRoundSettings.conflicts, sameCity: true },
  },
  rubric: publicServicePlatformRubric2017,
  opensOn: '2026-11-25',
  closesOn: '2026-12-05',
  ...over,
});

const auditOf = (action: string, targetId?: string) => {
  let q = app.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action);
  if (targetId) q = q.where('target_id', '=', targetId);
  return q.orderBy('seq').execute();
};

beforeAll(async () => {
  app = await createTestApp({ clock, config: { loginRateLimitPerMinute: 10_000, notifyIntervalSeconds: 0 } });
  province = await new TestClient(app).login('province');
  sysadmin = await new TestClient(app).login('sysadmin');
  const base = 6_100_000 + Math.floor(Math.random() * 1000) * 10;
  await receivedApplication(base + 1, '410300', '洛阳市', await new TestClient(app).login('luoyang'));
  await receivedApplication(base + 2, '411300', '南阳市', await new TestClient(app).login('nanyang'));
  await receivedApplication(base + 3, '410900', '濮阳市', await new TestClient(app).login('puyang'));
  const [a1, a2] = applicants as [Applicant, Applicant, Applicant];
  // 回避 cases: same USCC as a 集聚服务机构 (fillCompletely's first), a relation within 3 years and one long
  // over, an exclusion the province accepts and one it refuses, an expert from A1's city.
  await addExpert('same', { unitUscc: makeUscc(900), unitName: '某服务机构' });
  await addExpert('rel', {
    relations: [{ kind: 'employment', counterpartName: null, counterpartUscc: a2.uscc, until: '2025-06-30' }],
  });
  await addExpert('relold', {
    relations: [{ kind: 'shareholding', counterpartName: a2.unitName, counterpartUscc: null, until: '2020-01-01' }],
  });
  await addExpert('excl');
  await addExpert('refused');
  await addExpert('city', { cityCode: a1.region });
  for (let i = 1; i <= 22; i++) await addExpert(`p${i}`);
}, 300_000);

describe('the expert pool and expert accounts', () => {
  it('stores the phone encrypted, masks it in the list, shows it in full in the audited single view', async () => {
    const { view } = experts.get('p1')!;
    const stored = await app.ctx.db
      .selectFrom('experts')
      .select('phone')
      .where('id', '=', view.id)
      .executeTakeFirstOrThrow();
    expect(stored.phone).toMatch(/^sm4:/);
    const list = await province.get('/api/v1/experts');
    expectOk(list);
    expect(list.body).not.toContain('13600000000');
    expect(list.json<{ experts: ExpertView[] }>().experts.find((e) => e.id === view.id)).toMatchObject({
      phone: '136****0000',
      accountUsername: 'expert-p1',
      cityName: '郑州市',
    });
    const one = await province.get(`/api/v1/experts/${view.id}`);
    expect(one.json<ExpertView>().phone).toBe('13600000000');
    expect(await auditOf('personal_data.disclose', view.id)).toHaveLength(1);
    expect(await auditOf('expert.create', view.id)).toHaveLength(1);
  });

  it('binds an account to one pool entry; only the system administrator creates it', async () => {
    const { view } = experts.get('p2')!;
    const byProvince = await province.post('/api/v1/admin/accounts', {
      username: 'expert-other',
      displayName: 'x',
      role: 'expert',
      expertId: view.id,
    });
    expect(byProvince.statusCode).toBe(403);
    const unbound = await sysadmin.post('/api/v1/admin/accounts', {
      username: 'expert-x',
      displayName: 'x',
      role: 'expert',
    });
    expect(unbound.statusCode).toBe(400);
    expect(unbound.json().errors).toEqual([expect.objectContaining({ field: 'expertId' })]);
    const twice = await sysadmin.post('/api/v1/admin/accounts', {
      username: 'expert-y',
      displayName: 'y',
      role: 'expert',
      expertId: view.id,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors).toEqual([{ field: 'expertId', message: '该专家已有登录账号' }]);
  });

  it('refuses an expert everything of the province and the cities', async () => {
    const { client } = experts.get('p1')!;
    for (const url of [
      '/api/v1/applications',
      '/api/v1/province/board',
      '/api/v1/audit-log',
      '/api/v1/experts',
      '/api/v1/review-rounds',
    ])
      expect((await client.get(url)).statusCode, url).toBe(403);
    expect((await client.get(`/api/v1/applications/${applicants[0]!.id}`)).statusCode).toBe(403);
  });
});

describe('a review round end to end', () => {
  let round: ReviewRoundView;
  const labelOf = (applicationId: string) => round.applications.find((a) => a.applicationId === applicationId)!.label!;
  const drawnExperts = () => round.groups.flatMap((g) => g.experts.map((e) => e.expertId));

  it('creates the round from the received applications (audited) and records requested exclusions', async () => {
    const bad = await province.post(
      '/api/v1/review-rounds',
      roundInput({ applicationIds: [experts.get('p1')!.view.id] }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'applicationIds.0', message: '该申报不是本批次省厅已受理的推荐平台' }]);
    const created = await province.post('/api/v1/review-rounds', roundInput());
    expectOk(created, 201);
    round = created.json<ReviewRoundView>();
    expect(round).toMatchObject({ status: 'draft', seed: null });
    expect(round.applications.map((a) => a.applicationId).sort()).toEqual(applicants.map((a) => a.id).sort());
    expect(await auditOf('review_round.create', round.id)).toHaveLength(1);

    const a3 = applicants[2]!.id;
    const tooMany = await province.put(`/api/v1/review-rounds/${round.id}/applications/${a3}/exclusions`, {
      requests: ['p1', 'p2', 'p3', 'p4'].map((k) => ({
        expertId: experts.get(k)!.view.id,
        accepted: false,
        reason: '理由',
      })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors).toEqual([
      { field: 'requestedExclusions', message: '每件申报最多申请3名专家回避，现为4名' },
    ]);
    const decided = await province.put(`/api/v1/review-rounds/${round.id}/applications/${a3}/exclusions`, {
      requests: [
        { expertId: experts.get('excl')!.view.id, accepted: true, reason: '该专家曾为申报单位提供咨询服务，同意回避' },
        { expertId: experts.get('refused')!.view.id, accepted: false, reason: '未提供任何利害关系的说明，不同意' },
      ],
    });
    expectOk(decided);
    round = decided.json<ReviewRoundView>();
    const recorded = round.applications.find((a) => a.applicationId === a3)!.exclusions;
    expect(recorded).toHaveLength(2);
    expect(recorded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ expertName: '专家excl', accepted: true }),
        expect.objectContaining({ expertName: '专家refused', accepted: false }),
      ]),
    );
    expect(await auditOf('review_round.exclusions', round.id)).toHaveLength(1);
  });

  it('shows each conflict with its reason before the draw', async () => {
    const res = await province.get(`/api/v1/review-rounds/${round.id}/conflicts`);
    expectOk(res);
    const { pairs } = res.json<RoundConflictsView>();
    const of = (key: string) => pairs.filter((p) => p.expertId === experts.get(key)!.view.id);
    const [a1, a2, a3] = applicants as [Applicant, Applicant, Applicant];
    expect(of('same')).toHaveLength(3);
    expect(of('same')[0]!.conflicts[0]).toMatchObject({ code: 'SAME_UNIT_USCC', label: '同单位（统一社会信用代码）' });
    expect(of('same')[0]!.conflicts[0]!.reason).toContain('集聚服务机构“服务机构1”');
    expect(of('rel')).toEqual([expect.objectContaining({ applicationId: a2.id, assigned: false })]);
    expect(of('rel')[0]!.conflicts[0]!.reason).toContain('任职关系（截至2025-06-30，回避期3年）');
    expect(of('relold')).toEqual([]);
    expect(of('excl')).toEqual([expect.objectContaining({ applicationId: a3.id })]);
    expect(of('excl')[0]!.conflicts[0]!.code).toBe('REQUESTED_EXCLUSION');
    expect(of('refused')).toEqual([]);
    expect(of('city')).toEqual([expect.objectContaining({ applicationId: a1.id })]);
    expect(of('city')[0]!.conflicts[0]!.code).toBe('SAME_CITY');
  });

  it('draws with a recorded seed: never a conflicted expert, loads within the cap, audited', async () => {
    const res = await province.post(`/api/v1/review-rounds/${round.id}/draw`, { version: round.version });
    expectOk(res);
    round = res.json<ReviewRoundView>();
    expect(round.status).toBe('drawn');
    expect(round.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(round.groups).toHaveLength(1);
    expect(round.groups[0]!.experts).toHaveLength(3);
    const conflicted = ['same', 'rel', 'excl', 'city'].map((k) => experts.get(k)!.view.id);
    for (const id of drawnExperts()) expect(conflicted).not.toContain(id);
    expect(round.applications.map((a) => a.label).sort()).toEqual(['A-01', 'A-02', 'A-03']);
    const rows = await app.ctx.db
      .selectFrom('review_assignments')
      .selectAll()
      .where('round_id', '=', round.id)
      .execute();
    expect(rows).toHaveLength(9);
    const [entry] = await auditOf('review_round.draw', round.id);
    expect(JSON.parse(entry!.detail!)).toMatchObject({ seed: round.seed, attempt: round.drawAttempt });
    const again = await province.post(`/api/v1/review-rounds/${round.id}/draw`, { version: round.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('该评审轮次已抽取专家，不能重复抽取');
  });

  it('opens no material before the round opens and before the 承诺书 is signed', async () => {
    const expert = expertById(drawnExperts()[0]!);
    const label = labelOf(applicants[0]!.id);
    const listed = await expert.client.get('/api/v1/expert/rounds');
    expectOk(listed);
    const [mine] = listed.json<{ rounds: ExpertRoundView[] }>().rounds;
    expect(mine).toMatchObject({
      roundId: round.id,
      status: 'drawn',
      groups: [{ number: 1, labels: ['A-01', 'A-02', 'A-03'] }],
    });
    expect(mine!.pledge.signedAt).toBeNull();
    expect(listed.body).not.toContain(applicants[0]!.unitName);

    const early = await expert.client.get(`/api/v1/expert/rounds/${round.id}/materials/${label}`);
    expect(early.statusCode).toBe(403);
    expect(early.json().message).toBe('本轮评审尚未开始，暂不能查看评审材料');
    const opened = await province.post(`/api/v1/review-rounds/${round.id}/open`, { version: round.version });
    expectOk(opened);
    round = opened.json<ReviewRoundView>();
    const unsigned = await expert.client.get(`/api/v1/expert/rounds/${round.id}/materials/${label}`);
    expect(unsigned.statusCode).toBe(403);
    expect(unsigned.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: '请先签署本轮评审的承诺书（回避声明），签署后方可查看评审材料',
    });
    const doc = await expert.client.get(`/api/v1/expert/rounds/${round.id}/materials/${label}/documents/1`);
    expect(doc.statusCode).toBe(403);
  });

  it('records the signature (time, address, text version), audited', async () => {
    for (const id of drawnExperts()) {
      const expert = expertById(id);
      const version = (await expert.client.get('/api/v1/expert/rounds')).json<{ rounds: ExpertRoundView[] }>()
        .rounds[0]!.pledge.textVersion;
      const stale = await expert.client.post(`/api/v1/expert/rounds/${round.id}/pledge`, { textVersion: 'old' });
      expect(stale.statusCode).toBe(400);
      const signed = await expert.client.post(`/api/v1/expert/rounds/${round.id}/pledge`, { textVersion: version });
      expectOk(signed);
      expect(signed.json<ExpertRoundView>().pledge.signedAt).toBe(clock.now().toISOString());
      const row = await app.ctx.db
        .selectFrom('review_pledges')
        .selectAll()
        .where('round_id', '=', round.id)
        .where('expert_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ text_version: version, ip: '127.0.0.1' });
    }
    expect(await auditOf('review_round.pledge', round.id)).toHaveLength(3);
  });

  it('shows the material blind: no unit name, USCC, people, phones or places; documents under neutral names', async () => {
    const expert = expertById(drawnExperts()[0]!);
    for (const a of applicants) {
      const res = await expert.client.get(`/api/v1/expert/rounds/${round.id}/materials/${labelOf(a.id)}`);
      expectOk(res);
      for (const s of [a.unitName, a.uscc, a.regionName, ...PEOPLE, ...PHONES, '洛龙区', makeUscc(900)])
        expect(res.body, `${labelOf(a.id)} shows ${s}`).not.toContain(s);
      const material = res.json<BlindMaterial>();
      expect(material.title).toBe(`申报材料 ${labelOf(a.id)}`);
      expect(material.facts).toMatchObject({
        platformName: '（单位名称已隐去）综合服务平台',
        totalAssetsWan: 350,
        serviceStaff: 20,
        institutionCount: 5,
        rosterCount: 80,
      });
      expect(material.facts.description).toContain('（单位名称已隐去）位于（已隐去），联系电话（电话已隐去）');
      // The served-enterprise roster (other enterprises' contacts and phones) is counted, never handed over.
      const stored = await app.ctx.db
        .selectFrom('evidence_files')
        .select('evidence_type')
        .where('application_id', '=', a.id)
        .execute();
      expect(stored.map((f) => f.evidence_type)).toContain('roster');
      expect(material.documents.map((d) => d.evidenceType)).not.toContain('roster');
      // Two Word reports: the one that names the unit is flagged, fillCompletely's empty one is not.
      const reports = material.documents.filter((d) => d.evidenceType === 'application_report');
      expect(reports.map((d) => d.namesUnit).sort()).toEqual([false, true]);
      const report = reports.find((d) => d.namesUnit)!;
      expect(report).toMatchObject({
        name: `佐证材料${report.number}.docx`,
        notice: '该材料内容含有单位名称或统一社会信用代码，请评审时不考虑单位身份',
      });
      const pdfs = material.documents.filter((d) => d.mediaType === 'application/pdf');
      expect(pdfs.length).toBeGreaterThan(5);
      for (const d of pdfs) {
        expect(d).toMatchObject({ namesUnit: null, notice: 'PDF 无法自动隐去单位名称，请评审时不考虑单位身份' });
        expect(d.name).toMatch(/^佐证材料\d+\.pdf$/);
      }
      const n = pdfs[0]!.number;
      const file = await expert.client.get(
        `/api/v1/expert/rounds/${round.id}/materials/${labelOf(a.id)}/documents/${n}`,
      );
      expectOk(file);
      expect(file.headers['content-disposition']).toContain(encodeURIComponent(`佐证材料${n}.pdf`));
      expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const preview = await expert.client.get(
        `/api/v1/expert/rounds/${round.id}/materials/${labelOf(a.id)}/documents/${report.number}/preview`,
      );
      expectOk(preview);
      expect(preview.body).toContain(a.unitName); // the notice says so; a Word file is shown as it is
    }
    expect((await auditOf('expert_review.open')).length).toBeGreaterThanOrEqual(3);
    expect((await auditOf('expert_review.download')).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an expert who was not drawn, and an unknown label', async () => {
    const outsider = experts.get('same')!;
    const res = await outsider.client.get(`/api/v1/expert/rounds/${round.id}/materials/A-01`);
    expect(res.statusCode).toBe(404); // not drawn in the round at all: the round is not its business
    const drawn = expertById(drawnExperts()[0]!);
    expect((await drawn.client.get(`/api/v1/expert/rounds/${round.id}/materials/B-01`)).statusCode).toBe(404);
  });

  it('refuses the material once a conflict appears (回避, no party named), shows it, and replaces the expert', async () => {
    const [a1] = applicants as [Applicant];
    const victimId = drawnExperts()[0]!;
    const victim = expertById(victimId);
    const current = (await province.get(`/api/v1/experts/${victimId}`)).json<ExpertView>();
    expectOk(
      await province.put(`/api/v1/experts/${victimId}`, {
        ...expertInput(current.name),
        relations: [{ kind: 'kin', counterpartName: a1.unitName, counterpartUscc: null, until: null }],
        version: current.version,
      }),
    );
    const refused = await victim.client.get(`/api/v1/expert/rounds/${round.id}/materials/${labelOf(a1.id)}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('回避');
    expect(refused.body).not.toContain(a1.unitName);
    const conflicts = (await province.get(`/api/v1/review-rounds/${round.id}/conflicts`)).json<RoundConflictsView>();
    expect(conflicts.pairs).toContainEqual(
      expect.objectContaining({ applicationId: a1.id, expertId: victimId, assigned: true }),
    );

    const replaced = await province.post(`/api/v1/review-rounds/${round.id}/replacements`, {
      groupNumber: 1,
      expertId: victimId,
      reason: '专家申报与申报单位存在亲属关系',
    });
    expectOk(replaced);
    round = replaced.json<ReviewRoundView>();
    const group = round.groups[0]!;
    expect(group.experts.map((e) => e.expertId)).not.toContain(victimId);
    expect(group.experts).toHaveLength(3);
    expect(group.replaced).toEqual([
      expect.objectContaining({ expertId: victimId, reason: '专家申报与申报单位存在亲属关系' }),
    ]);
    const conflicted = ['same', 'rel', 'excl', 'city'].map((k) => experts.get(k)!.view.id);
    for (const id of drawnExperts()) expect(conflicted).not.toContain(id);
    expect(await auditOf('review_round.replace', round.id)).toHaveLength(1);
    const gone = await victim.client.get(`/api/v1/expert/rounds/${round.id}/materials/${labelOf(applicants[1]!.id)}`);
    expect(gone.statusCode).toBe(404);
  });
});

describe('draws that cannot be made, and races', () => {
  it('names the group that cannot be served', async () => {
    const created = await province.post(
      '/api/v1/review-rounds',
      roundInput({
        title: '评审上限过低',
        applicationIds: null,
        settings: { ...roundInput().settings, expertsPerApplication: 5, maxLoadPerExpert: 2 },
      }),
    );
    expectOk(created, 201);
    const round = created.json<ReviewRoundView>();
    expect(round.applications.length).toBeGreaterThanOrEqual(3);
    const res = await province.post(`/api/v1/review-rounds/${round.id}/draw`, { version: round.version });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('DRAW_FAILED');
    expect(res.json().message).toMatch(/^抽取专家未成功：第1组（\d+件申报）：本组\d+件申报超过每位专家评审上限2件/);
    expect((await province.get(`/api/v1/review-rounds/${round.id}`)).json<ReviewRoundView>().status).toBe('draft');
  });

  it('rolls the draw back with its audit entry: a failing audit log leaves the round a draft, unassigned', async () => {
    const round = (
      await province.post('/api/v1/review-rounds', roundInput({ title: '审计失败' }))
    ).json<ReviewRoundView>();
    const res = await withAuditFailing(app.ctx.db, () =>
      province.post(`/api/v1/review-rounds/${round.id}/draw`, { version: round.version }),
    );
    expect(res.statusCode).toBe(500);
    const after = (await province.get(`/api/v1/review-rounds/${round.id}`)).json<ReviewRoundView>();
    expect(after).toMatchObject({ status: 'draft', seed: null, version: round.version, groups: [] });
    const rows = await app.ctx.db
      .selectFrom('review_assignments')
      .select('id')
      .where('round_id', '=', round.id)
      .execute();
    expect(rows).toEqual([]);
    expectOk(await province.post(`/api/v1/review-rounds/${round.id}/draw`, { version: round.version }));
  });

  it('lets one of two officials drawing at once through: no double assignment', async () => {
    const created = await province.post('/api/v1/review-rounds', roundInput({ title: '并发抽取' }));
    const round = created.json<ReviewRoundView>();
    const account = await sysadmin.post('/api/v1/admin/accounts', {
      username: 'province-review2',
      displayName: '省厅评审科员',
      role: 'province',
    });
    const { oneTimePassword } = account.json<OneTimePasswordView>();
    const second = await new TestClient(app).login('province-review2', oneTimePassword);
    expectOk(
      await second.post('/api/v1/account/password', { oldPassword: oneTimePassword, newPassword: EXPERT_PASSWORD }),
      204,
    );
    const results = await Promise.all([
      province.post(`/api/v1/review-rounds/${round.id}/draw`, { version: round.version }),
      second.post(`/api/v1/review-rounds/${round.id}/draw`, { version: round.version }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const rows = await app.ctx.db
      .selectFrom('review_assignments')
      .selectAll()
      .where('round_id', '=', round.id)
      .execute();
    expect(rows).toHaveLength(9);
    expect(await auditOf('review_round.draw', round.id)).toHaveLength(1);
  });

  it('serves 20 experts signing and reading at once', async () => {
    const created = await province.post(
      '/api/v1/review-rounds',
      roundInput({
        title: '二十位专家同时评审',
        settings: {
          ...roundInput().settings,
          expertsPerApplication: 7,
          maxLoadPerExpert: 1,
          grouping: { mode: 'groupSize', groupSize: 1 },
          conflicts: { ...defaultReviewRoundSettings.conflicts, sameCity: false },
        },
      }),
    );
    let round = created.json<ReviewRoundView>();
    const drawn = await province.post(`/api/v1/review-rounds/${round.id}/draw`, { version: round.version });
    expectOk(drawn);
    round = drawn.json<ReviewRoundView>();
    expectOk(await province.post(`/api/v1/review-rounds/${round.id}/open`, { version: round.version }));
    const assignments = round.groups.flatMap((g) =>
      g.experts.map((e) => ({
        expert: expertById(e.expertId),
        label: round.applications.find((a) => a.groupNumber === g.number)!.label!,
      })),
    );
    expect(new Set(assignments.map((a) => a.expert.view.id)).size).toBe(21);
    const twenty = assignments.slice(0, 20);
    const results = await Promise.all(
      twenty.map(async ({ expert, label }) => {
        const signed = await expert.client.post(`/api/v1/expert/rounds/${round.id}/pledge`, {
          textVersion: '2026-12-v1',
        });
        const read = await expert.client.get(`/api/v1/expert/rounds/${round.id}/materials/${label}`);
        return [signed.statusCode, read.statusCode];
      }),
    );
    expect(results).toEqual(twenty.map(() => [200, 200]));
    expect(await auditOf('review_round.pledge', round.id)).toHaveLength(20);
  });
});

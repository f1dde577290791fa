import type { AdminBatchView, BatchConfig, BatchSummary } from '#contract';
import { formatChineseDate } from '#contract';
import { beijingDateOf, endOfBeijingDay } from '../src/domain/calendar.js';
import type { App } from '../src/http/app.js';
import { TestClient } from './http.js';

/** 洛阳市: the city whose quota the 2023 notice cuts to 2 and where it names a new designated area. */
export const LUOYANG = '410300';

/** What the 2023 notice adds to 2022's, for tests to look for in forms, lists and documents. */
export const additions2023 = {
  category: '数字化转型服务',
  evidenceType: {
    key: 'digital_certificate',
    label: '数字化服务能力证明',
    required: true,
    accepts: ['pdf'],
    maxMb: 20,
  },
  areaKind: { key: 'digital_park', label: '省级数字经济产业园' },
  area: { id: 'luoyang-digital-park', name: '洛阳数字经济产业园', kind: 'digital_park', authorityCode: LUOYANG },
} as const;

/** 2023 routes 航空港区 directly: it recommends its own platforms, within its own quota. */
export const routing2023: BatchConfig['routing'] = { '410100-HKQ': '410100-HKQ' };

const DAY_MS = 86_400_000;
const dayAfter = (now: Date, days: number) => beijingDateOf(new Date(now.getTime() + days * DAY_MS));

/**
 * The 2023 notice built from a copy of the 2022 batch: assets 300 万元, staff 20, quota 3 (郑州 5, 洛阳 2),
 * a new designated-area kind with an area in 洛阳, the category 数字化转型服务 and a required evidence type
 * 数字化服务能力证明. Dated around `now` so that the batch is open at the test's clock: the notice four days
 * before, applications for 50 days and the city for 60 — later than the demo copy's 45, so that officials'
 * default batch (the open one with the latest city deadline) is this one, as is the applicant's (the newest
 * open year).
 */
export function config2023(copied: BatchConfig, now: Date): BatchConfig {
  const noticeDate = dayAfter(now, -4);
  const cityDeadline = endOfBeijingDay(dayAfter(now, 60));
  const paragraph = (text: string) => {
    if (text.startsWith('（二）'))
      return '（二）各省辖市、济源示范区推荐平台数量不超过3个；郑州市推荐平台数量不超过5个，洛阳市推荐平台数量不超过2个，航空港区内的平台由郑州市一并推荐。';
    if (text.startsWith('（三）'))
      return text.replace('省级中小企业特色产业集群', `省级中小企业特色产业集群、${additions2023.areaKind.label}`);
    return text.replace(/\d{4}年\d{1,2}月\d{1,2}日前/, `${formatChineseDate(cityDeadline.slice(0, 10))}前`);
  };
  return {
    ...copied,
    notice: copied.notice && { ...copied.notice, paragraphs: copied.notice.paragraphs.map(paragraph) },
    noticeDate,
    referenceDate: noticeDate,
    assetsAsOf: `${Number(noticeDate.slice(0, 4)) - 1}-12-31`,
    applicationDeadline: endOfBeijingDay(dayAfter(now, 50)),
    cityDeadline,
    rules: { ...copied.rules, minAssetsWan: 300, minServiceStaff: 20 },
    categories: [...copied.categories.filter((c) => c !== '其他'), additions2023.category, '其他'],
    quota: { default: 3, byAuthority: { '410100': 5, [LUOYANG]: 2 } },
    routing: { ...routing2023 },
    designatedAreaKinds: [...copied.designatedAreaKinds, { ...additions2023.areaKind }],
    designatedAreas: [...copied.designatedAreas, { ...additions2023.area }],
    evidenceTypes: [
      ...copied.evidenceTypes,
      { ...additions2023.evidenceType, accepts: [...additions2023.evidenceType.accepts] },
    ],
  };
}

async function expectOk<T>(res: Awaited<ReturnType<TestClient['get']>>, status: number, what: string): Promise<T> {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

/**
 * The system administrator publishes the 2023 batch through the API: a copy of the 2022 batch, saved with
 * config2023 at the app's clock, published. The 2022 batch and its demo copy stay as they are; the 2023
 * batch is the open one applicants apply to and officials see by default.
 */
export async function publish2023(app: App): Promise<AdminBatchView> {
  const admin = await new TestClient(app).login('sysadmin');
  const base = '/api/v1/admin/batches';
  const created = await expectOk<AdminBatchView>(
    await admin.post(base, { fromBatchId: '2022', year: 2023 }),
    201,
    'create the 2023 batch',
  );
  const saved = await expectOk<AdminBatchView>(
    await admin.put(`${base}/${created.id}`, {
      version: created.version,
      label: created.label,
      config: config2023(created.config, app.ctx.clock.now()),
    }),
    200,
    'save the 2023 notice',
  );
  const published = await expectOk<AdminBatchView>(
    await admin.post(`${base}/${saved.id}/publish`, { version: saved.version }),
    200,
    'publish the 2023 batch',
  );
  const open = (await expectOk<BatchSummary[]>(await admin.get('/api/v1/batches'), 200, 'list batches')).filter(
    (b) => b.open,
  );
  if (open[0]?.id !== published.id)
    throw new Error(`the 2023 batch is not the first open one: ${open.map((b) => b.id)}`);
  return published;
}

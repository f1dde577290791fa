import { randomUUID } from 'node:crypto';
import type { ApplicationDraft, BatchConfig, DemoAccount } from '#contract';
import { batchConfigSchema, roles } from '#contract';
import { beijingDateOf, endOfBeijingDay } from '../domain/calendar.js';
import type { Batch } from '../repositories/reference-repository.js';
import type { Context } from '../use-cases/context.js';
import { seedDemoSubmissions } from './demo-submissions.js';
import batch2022 from './batch-2022.json' with { type: 'json' };
import regions from './regions.json' with { type: 'json' };

export const PROVINCE_CODE = regions.province.code;
export const DEMO_PASSWORD = 'Shenbao@2022';

/** First start on an empty DATA_DIR: authorities, regions and the 2022 batch; in demo mode also demo data. */
export async function seedIfEmpty(ctx: Context): Promise<void> {
  if (await ctx.references.isSeeded()) return;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('authorities')
      .values({ code: regions.province.code, name: regions.province.name, kind: 'province', sort_order: 0 })
      .execute();
    // Direct authorities (航空港区) recommend only in a batch that routes a region to them; they sort after the cities.
    await trx
      .insertInto('authorities')
      .values(
        [...regions.authorities, ...regions.directAuthorities].map((a, i) => ({
          code: a.code,
          name: a.name,
          kind: 'city' as const,
          sort_order: i + 1,
        })),
      )
      .execute();
    await trx
      .insertInto('regions')
      .values([
        ...regions.authorities.map((a, i) => ({
          code: a.code,
          name: a.name,
          authority_code: a.code,
          sort_order: i + 1,
        })),
        ...regions.extraRegions.map((r, i) => ({
          code: r.code,
          name: r.name,
          authority_code: r.authorityCode,
          sort_order: 100 + i,
        })),
      ])
      .execute();
  });
  const official: Batch = {
    id: batch2022.id,
    year: batch2022.year,
    isDemo: false,
    label: batch2022.label,
    config: batchConfigSchema.parse(batch2022.config),
  };
  await ctx.references.insertBatch(official, now);
  if (ctx.config.demo) await seedDemo(ctx, official);
}

/**
 * The 2022 deadline is long past, so demo mode adds an open copy of the batch: the same rules and
 * reference dates, with the submission deadlines moved 30 and 45 days ahead of the seeding day.
 */
export function demoCopyOf(official: Batch, now: Date): Batch {
  const day = (offsetDays: number) => beijingDateOf(new Date(now.getTime() + offsetDays * 86400_000));
  const config: BatchConfig = {
    ...official.config,
    applicationDeadline: endOfBeijingDay(day(30)),
    cityDeadline: endOfBeijingDay(day(45)),
  };
  return {
    id: `${official.id}-demo`,
    year: official.year,
    isDemo: true,
    label: `${official.label}（演示副本·截止日期顺延）`,
    config,
  };
}

/**
 * The demo expert pool: enough experts from several cities and units for a round with k = 5 to be drawn with
 * 回避 (an expert of the applicant's own city can be excluded by the round's switch). The first has the demo
 * account `expert`.
 */
const demoExperts = [
  { name: '周明远', unitName: '郑州大学管理学院', cityCode: '410100', fields: ['企业管理', '公共服务'] },
  { name: '李秀芳', unitName: '河南财经政法大学', cityCode: '410100', fields: ['财务', '融资服务'] },
  { name: '张振华', unitName: '洛阳理工学院', cityCode: '410300', fields: ['技术服务', '信息化'] },
  { name: '王静', unitName: '南阳师范学院经济与管理学院', cityCode: '411300', fields: ['创业辅导', '培训服务'] },
  { name: '赵国强', unitName: '河南省科学技术信息研究院', cityCode: '410100', fields: ['信息服务', '知识产权'] },
  { name: '孙丽娟', unitName: '新乡学院商学院', cityCode: '410700', fields: ['市场开拓', '管理咨询'] },
  { name: '刘海洋', unitName: '濮阳职业技术学院', cityCode: '410900', fields: ['人才培训', '法律服务'] },
];

export const demoAccounts: (DemoAccount & {
  authorityCode?: string;
  unit?: { name: string; uscc: string; region: string };
  /** Role expert: the index of its expert in `demoExperts`. */
  expert?: number;
})[] = [
  {
    username: 'province',
    password: DEMO_PASSWORD,
    role: 'province',
    description: '省工信厅（中小企业局）',
    authorityCode: PROVINCE_CODE,
  },
  {
    username: 'sysadmin',
    password: DEMO_PASSWORD,
    role: 'sysadmin',
    description: '系统管理员：账号、主管部门的双因素要求',
  },
  {
    username: 'secadmin',
    password: DEMO_PASSWORD,
    role: 'secadmin',
    description: '安全管理员：解锁账号、重置动态口令',
  },
  {
    username: 'auditadmin',
    password: DEMO_PASSWORD,
    role: 'auditadmin',
    description: '审计管理员：查阅并校验审计日志',
  },
  {
    username: 'zhengzhou',
    password: DEMO_PASSWORD,
    role: 'city',
    description: '郑州市工信局（含航空港区）',
    authorityCode: '410100',
  },
  { username: 'luoyang', password: DEMO_PASSWORD, role: 'city', description: '洛阳市工信局', authorityCode: '410300' },
  { username: 'nanyang', password: DEMO_PASSWORD, role: 'city', description: '南阳市工信局', authorityCode: '411300' },
  { username: 'puyang', password: DEMO_PASSWORD, role: 'city', description: '濮阳市工信局', authorityCode: '410900' },
  {
    username: 'ly-keji',
    password: DEMO_PASSWORD,
    role: 'applicant',
    description: '洛阳市申报单位（演示）',
    unit: { name: '洛阳智汇企业服务有限公司', uscc: '91410300MA44X7TG1J', region: '410300' },
  },
  {
    username: 'hkq-fuwu',
    password: DEMO_PASSWORD,
    role: 'applicant',
    description: '航空港区申报单位（由郑州市推荐）',
    unit: { name: '郑州空港中小企业服务中心有限公司', uscc: '91410100MA9FJXUP80', region: '410100-HKQ' },
  },
  {
    username: 'ly-huizhi',
    password: DEMO_PASSWORD,
    role: 'applicant',
    description: '洛阳市申报单位（已提交，待审核）',
    unit: { name: '洛阳慧智中小企业服务有限公司', uscc: '91410300MA46K2H857', region: '410300' },
  },
  {
    username: 'hkq-zonghe',
    password: DEMO_PASSWORD,
    role: 'applicant',
    description: '航空港区申报单位（已提交，郑州市审核）',
    unit: { name: '郑州航空港区中小企业综合服务有限公司', uscc: '91410100MA9GTQ3C26', region: '410100-HKQ' },
  },
  {
    username: 'ny-chuangye',
    password: DEMO_PASSWORD,
    role: 'applicant',
    description: '南阳市申报单位（演示）',
    unit: { name: '南阳宛城创业服务有限公司', uscc: '91411300MA40BLQ1X3', region: '411300' },
  },
  { username: 'expert', password: DEMO_PASSWORD, role: 'expert', description: '评审专家（省专家库）', expert: 0 },
];

async function seedDemo(ctx: Context, official: Batch): Promise<void> {
  const now = ctx.clock.now();
  await ctx.references.insertBatch(demoCopyOf(official, now), now);
  const authorities = new Map((await ctx.references.listAuthorities()).map((a) => [a.code, a.name]));
  const passwordHash = await ctx.passwords.hash(DEMO_PASSWORD);
  const expertIds: string[] = [];
  for (const [n, expert] of (ctx.config.demoExpertPool ? demoExperts : []).entries()) {
    const id = randomUUID();
    await ctx.expertReviews.insertExpert({
      id,
      name: expert.name,
      unit_name: expert.unitName,
      unit_uscc: null,
      city_code: expert.cityCode,
      fields: JSON.stringify(expert.fields),
      phone: `1390371${String(n + 1).padStart(4, '0')}`,
      email: null,
      relations: '[]',
      active: 1,
      version: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    expertIds.push(id);
  }
  for (const account of demoAccounts) {
    if (account.expert !== undefined && !ctx.config.demoExpertPool) continue;
    const user = {
      id: randomUUID(),
      username: account.username,
      password_hash: passwordHash,
      role: account.role,
      created_at: now.toISOString(),
    };
    if (account.unit) {
      const unitId = randomUUID();
      await ctx.users.insertUnitWithUser(
        {
          id: unitId,
          name: account.unit.name,
          uscc: account.unit.uscc,
          region_code: account.unit.region,
          contact_name: '王经理',
          contact_phone: '13803710000',
          created_at: now.toISOString(),
        },
        { ...user, display_name: account.unit.name, unit_id: unitId, authority_code: null },
      );
    } else if (account.expert !== undefined) {
      await ctx.users.insertUser({
        ...user,
        display_name: demoExperts[account.expert]!.name,
        unit_id: null,
        authority_code: null,
        expert_id: expertIds[account.expert]!,
      });
    } else {
      const name =
        account.role === 'city'
          ? `${authorities.get(account.authorityCode!)}工业和信息化局`
          : account.role === 'province'
            ? '省工信厅中小企业局'
            : `演示${roles[account.role]}`;
      await ctx.users.insertUser({
        ...user,
        display_name: name,
        unit_id: null,
        authority_code: account.authorityCode ?? null,
      });
    }
  }
  await seedDemoSubmissions(ctx, [
    {
      username: 'ly-huizhi',
      region: '410300',
      rosterPrefix: '洛阳',
      form: demoForm('洛阳慧智中小企业公共服务平台', '河南省洛阳市洛龙区开元大道218号', '刘建国'),
    },
    {
      username: 'hkq-zonghe',
      region: '410100',
      rosterPrefix: '郑州',
      form: demoForm('航空港区中小企业综合服务平台', '郑州航空港经济综合实验区新港大道66号', '陈立新'),
    },
  ]);
}

function demoForm(platformName: string, address: string, principal: string): ApplicationDraft {
  return {
    platformName,
    categories: ['信息服务', '融资服务', '培训服务'],
    description: '面向区域中小企业提供政策咨询、融资对接、人才培训和技术服务，线上平台与线下服务站相结合。',
    registeredOn: '2016-04-18',
    address,
    legalRepresentative: principal,
    principalName: principal,
    principalTitle: '董事长',
    contactName: '王经理',
    contactPhone: '13803710000',
    channel: 'quota',
    totalAssetsWan: 820,
    serviceStaff: 36,
    preferentialSharePercent: 32,
  };
}

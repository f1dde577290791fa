import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchConfigSchema } from '#contract';
import { sharedPostgres, testOnPostgres } from '../../server/test-support/postgres.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { openBrowserPage } from './browser.js';
import { pickOption } from './page-helpers.js';
import { makeUscc } from './fixtures.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const ZHENGZHOU = '410100';
const PASSWORD = 'Shenbao#2022';
const ASSETS_HELP = '要求：上年末（2021年12月31日）资产总额不低于300万元（附件2 注3）';
const ASSETS_FAILURE = '上年末（2021年12月31日）资产总额不低于300万元（附件2 注3）';

let dataDir: string;
let server: TestServer;
let browser: Browser;
let page: Page;
let consoleProblems: string[] = [];

const panel = () => page.locator('.eligibility-panel');
const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const assetsItem = () => page.locator('.ant-form-item').filter({ has: page.getByLabel('上年末资产总额') });

/** The text of the elements an input's aria-describedby names, in order. */
async function description(input: Locator): Promise<string> {
  const ids = (await input.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

async function shots(name: string): Promise<void> {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: width > 1000 ? 768 : 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/**
 * A server whose stored batches ask for 300 万元 and 20 service staff (2022 asked for 200 and 15): seeded once,
 * the stored configuration changed, then started again on the same data so that nothing kept the old figures.
 */
async function startWithOtherThresholds(): Promise<TestServer> {
  // On PostgreSQL the data are the database, not DATA_DIR: both servers are given the same one.
  const env = {
    DATA_DIR: dataDir,
    ...(testOnPostgres && { DATABASE_URL: await (await sharedPostgres()).createDatabase() }),
  };
  const seeding = await startTestServer({ env });
  const db = seeding.app.ctx.db;
  for (const row of await db.selectFrom('batches').select(['id', 'config']).execute()) {
    const config = batchConfigSchema.parse(JSON.parse(row.config));
    const rules = { ...config.rules, minAssetsWan: 300, minServiceStaff: 20 };
    await db
      .updateTable('batches')
      .set({ config: JSON.stringify({ ...config, rules }) })
      .where('id', '=', row.id)
      .execute();
  }
  await seeding.close();
  return startTestServer({ env });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-field-help-'));
  server = await startWithOtherThresholds();
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The precheck's help under each judged field, in the rewritten batch's figures (the light page and the app's). */
async function expectPrecheckHelp(): Promise<void> {
  await page.getByLabel('上年末资产总额').waitFor();
  expect(await description(page.getByLabel('上年末资产总额'))).toBe(ASSETS_HELP);
  expect(await description(page.getByLabel('服务人员数量'))).toBe('要求：服务人员不少于20人（附件2 注3）');
  expect(await description(page.getByLabel('平台名称'))).toBe('要求：平台名称中不得含有“示范”字样（附件2 注1）');
  expect(await description(page.getByLabel('注册登记时间'))).toBe(
    '要求：运营单位注册登记时间须2年以上，即不晚于2020年11月22日（附件2 注3）',
  );
  expect(await description(page.getByLabel('统一社会信用代码'))).toBe(
    '要求：统一社会信用代码为18位，校验位正确（GB 32100-2015）',
  );
  expect(await description(page.getByRole('group', { name: /平台类别/ }))).toMatch(/^要求：至少选择一项平台类别/);
}

describe('the precheck’s help is the batch’s words for each rule', () => {
  it('states the changed figures under the light page’s fields, and the failure in their place', async () => {
    await page.goto(`${server.url}/precheck`);
    await expectPrecheckHelp();
    expect(await description(page.getByLabel('集聚服务机构数量'))).toBe('要求：集聚服务机构5家以上（附件2 注3）');
    expect(await description(page.getByLabel('优惠服务占比'))).toBe('要求：优惠服务占比不低于20%（附件2 注3）');
    expect(await description(page.getByLabel('年服务企业数'))).toBe('要求：年服务企业数量不低于80家（附件2 注3）');
    expect(await description(page.getByLabel('运营单位名称'))).toBe('');

    await page.getByLabel('平台名称').fill('郑州中小企业综合服务平台');
    await page.getByLabel('运营单位名称').fill('郑州字段说明测试有限公司');
    await page.getByLabel('统一社会信用代码').fill(makeUscc(ZHENGZHOU));
    await page.getByLabel('注册登记时间').fill('2015年3月1日');
    await page.getByText('信息服务', { exact: true }).click();
    await page.getByLabel('上年末资产总额').fill('250');
    await page.getByLabel('服务人员数量').fill('20');
    await page.getByLabel('集聚服务机构数量').fill('5');
    await page.getByLabel('优惠服务占比').fill('20');
    await page.getByLabel('年服务企业数').fill('80');
    await page.getByRole('button', { name: /检查是否符合申报条件/ }).click();
    await expect.poll(() => description(page.getByLabel('上年末资产总额'))).toBe(ASSETS_FAILURE);
    expect(await page.getByTestId('precheck-verdict').locator('li').allTextContents()).toEqual([ASSETS_FAILURE]);
    expect(await description(page.getByLabel('服务人员数量'))).toBe('要求：服务人员不少于20人（附件2 注3）');
    await shots('field-help-00-precheck');
  });
});

describe('help beside the fields cites the rule, in the batch’s figures', () => {
  it('states each judged field’s requirement under it, read out with the input', { timeout: 90_000 }, async () => {
    await page.goto(`${server.url}/register`);
    await page.getByLabel('运营单位名称').fill('郑州字段说明测试有限公司');
    await page.getByLabel('统一社会信用代码').fill(makeUscc(ZHENGZHOU));
    await pickOption(page, page.getByLabel('所在地区'), '郑州市', '郑州');
    await page.getByLabel('联系人').fill('王丽');
    await page.getByLabel('联系电话').fill('13937100003');
    await page.getByLabel('用户名').fill(`fieldhelp${Date.now()}`);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认密码').fill(PASSWORD);
    await page.locator('#register button[type=submit]').click();
    await page.waitForURL('**/applicant');
    await panel().waitFor();

    const assets = page.getByLabel('上年末资产总额');
    expect(await assetsItem().locator('.ant-form-item-extra').textContent()).toBe(ASSETS_HELP);
    expect(await description(assets)).toBe(ASSETS_HELP);
    expect(await description(page.getByLabel('服务人员数量'))).toBe('要求：服务人员不少于20人（附件2 注3）');
    expect(await description(page.getByLabel('平台名称'))).toBe('要求：平台名称中不得含有“示范”字样（附件2 注1）');
    expect(await description(page.getByLabel('注册登记时间'))).toBe(
      '要求：运营单位注册登记时间须2年以上，即不晚于2020年11月22日（附件2 注3）',
    );
    expect(await panel().locator('li[data-code="ASSETS_BELOW_MIN"]').textContent()).toContain('资产总额不低于300万元');
    await shots('field-help-01-basic');
  });

  it('shows the failure instead of the same words twice, and the help again once it passes', async () => {
    const assets = page.getByLabel('上年末资产总额');
    await assets.fill('250');
    await expect.poll(() => assetsItem().locator('.ant-form-item-explain-error').textContent()).toBe(ASSETS_FAILURE);
    expect(await assetsItem().locator('.ant-form-item-extra').count()).toBe(0);
    await expect.poll(() => description(assets)).toBe(ASSETS_FAILURE);
    const assetsRule = panel().locator('li[data-code="ASSETS_BELOW_MIN"]');
    await expect.poll(() => assetsRule.getAttribute('data-state')).toBe('failed');
    expect(await assetsRule.locator('.rule-failure').textContent()).toBe('不符合（附件2 注3）');
    await page
      .locator('.form-card')
      .filter({ hasText: '申报条件数据' })
      .screenshot({ path: path.join(SHOTS, 'field-help-02-assets-failed-1366.png') });

    await assets.fill('300');
    await expect.poll(() => description(assets)).toBe(ASSETS_HELP);
    await expect.poll(() => assetsItem().locator('.ant-form-item-explain-error').count()).toBe(0);
  });

  it('states the institutions’ count and code rules, read out with each code', { timeout: 60_000 }, async () => {
    await tab('集聚服务机构').click();
    const rules = page.locator('.institutions-rules');
    expect(await rules.textContent()).toBe(
      '要求：集聚服务机构5家以上（附件2 注3）；统一社会信用代码为18位，校验位正确（GB 32100-2015）',
    );
    await page.getByRole('button', { name: '添加机构' }).click();
    expect(await description(page.getByLabel('第1家机构统一社会信用代码'))).toBe(
      '统一社会信用代码为18位，校验位正确（GB 32100-2015）',
    );
    await shots('field-help-03-institutions');
    expect(consoleProblems).toEqual([]);
  });

  it('shows the same help on the precheck inside the signed-in app', async () => {
    await page.goto(`${server.url}/precheck`);
    await page.locator('.app-layout').waitFor();
    await expectPrecheckHelp();
    expect(consoleProblems).toEqual([]);
  });
});

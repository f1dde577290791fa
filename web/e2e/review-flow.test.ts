import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { makeReadyForRecommendation, submittedApplication } from '../../server/test-support/applications.js';
import { startTestServer, type TestServer } from '../../server/test-support/harness.js';
import { openBrowserPage } from './browser.js';
import { TestClient } from '../../server/test-support/http.js';
import { DEMO_PASSWORD } from '../../server/src/seed/seed.js';
import { tinyPdf } from './fixtures.js';

const SHOTS = path.resolve('test-artifacts/e2e');
const LUOYANG = '410300';
const AIRPORT_ZONE = '410100-HKQ';
const APPLICANT_PASSWORD = 'Passw0rd!';
const PLATFORM = '洛阳智造云企业服务平台';

/** The server's clock runs with real time; the test moves it to the city deadline at the end. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };

let server: TestServer;
let browser: Browser;
let page: Page;
/** Errors and warnings the page logs; refused requests (4xx the flow provokes) are expected. */
let consoleProblems: string[] = [];

/** Once transitions (tab ink bar, table fade-in, tags) have finished; dialogs are shot as the user sees them. */
async function shot(name: string, fullPage = true): Promise<void> {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.screenshot({ path: path.join(SHOTS, `review-${name}.png`), fullPage });
}

function beijingParts(at: Date): Record<string, string> {
  const format = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}

/** A date the pickers accept (not in the future), typed as the pickers show it. */
function beijingDay(offsetDays: number): string {
  const parts = beijingParts(new Date(Date.now() + offsetDays * 86_400_000));
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

/** An instant typed into a date-and-time picker (Beijing wall time). */
function beijingDateTime(at: Date): string {
  const parts = beijingParts(at);
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

async function pickDate(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.fill(text);
  await field.press('Enter');
}

async function typeNames(select: Locator, names: string[]): Promise<void> {
  for (const name of names) {
    await select.fill(name);
    await select.press('Enter');
  }
}

async function logIn(username: string, password = DEMO_PASSWORD): Promise<void> {
  const logout = page.getByRole('button', { name: /退出登录/ });
  if (await logout.isVisible().catch(() => false)) {
    await logout.click();
    await page.waitForURL('**/login');
  }
  await page.goto(`${server.url}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('#login button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const finding = (itemKey: string) => page.locator(`.finding-row[data-item-key="${itemKey}"]`);
const listRow = (text: string) => page.locator('.applications-table tbody tr.ant-table-row').filter({ hasText: text });
const popconfirmOk = () => page.locator('.ant-popconfirm:visible .ant-btn-primary').click();

/** Tables and pages have finished loading: no spinner, no blurred table behind one. */
async function settled(): Promise<void> {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur').count()).toBe(0);
  await page.waitForTimeout(300);
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ clock });
  ({ browser, page, problems: consoleProblems } = await openBrowserPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('city review, recommendation and the province board in the built web app', () => {
  it(
    'returns with remarks, sees the fix, records site check, interview, survey and opinion, recommends within quota, submits; the province returns, the deadline passes, an exception lets the city resubmit',
    { timeout: 420_000 },
    async () => {
      onTestFailed(async () => {
        await page.screenshot({ path: path.join(SHOTS, 'review-failure.png'), fullPage: true });
      });
      // Prepared over HTTP: four 洛阳 applications and one from 航空港区 (recommended through 郑州).
      const returned = await submittedApplication(server.app, LUOYANG, { platformName: PLATFORM });
      const others = [];
      for (const name of ['洛阳创新创业服务平台', '洛阳融资对接服务平台'])
        others.push(await submittedApplication(server.app, LUOYANG, { platformName: name }));
      const fourth = await submittedApplication(server.app, LUOYANG, {
        platformName: '河洛技术转移服务平台',
        channel: 'quota',
      });
      const airport = await submittedApplication(server.app, AIRPORT_ZONE, { platformName: '河洛技术转移服务平台' });
      const luoyang = await new TestClient(server.app).login('luoyang');
      for (const other of others) {
        await makeReadyForRecommendation(luoyang, other.id);
        expect(
          (await luoyang.post(`/api/v1/applications/${other.id}/recommendation`, { channel: 'quota' })).statusCode,
        ).toBe(200);
      }
      await makeReadyForRecommendation(luoyang, fourth.id);
      const zhengzhou = await new TestClient(server.app).login('zhengzhou');
      await makeReadyForRecommendation(zhengzhou, airport.id);
      expect(
        (await zhengzhou.post(`/api/v1/applications/${airport.id}/recommendation`, { channel: 'quota' })).statusCode,
      ).toBe(200);

      // 洛阳's queue: status, channel, eligibility, new arrivals, the duplicate across cities; search
      await logIn('luoyang');
      await page.waitForURL('**/city');
      await expect.poll(() => listRow(PLATFORM).count()).toBe(1);
      await settled();
      expect(await listRow(PLATFORM).getByTestId('new-tag').count()).toBe(1);
      expect(await listRow('河洛技术转移服务平台').getByTestId('duplicate-tag').count()).toBe(1);
      expect(await page.getByTestId('quota-use').first().getAttribute('data-used')).toBe('2');
      await shot('01-city-queue');
      await page.getByLabel('搜索').fill('智造云');
      await expect.poll(() => page.getByTestId('list-count').textContent()).toBe('1 份');
      expect(await listRow(PLATFORM).getByTestId('new-tag').count()).toBe(1);
      await page.getByLabel('搜索').fill('');
      await expect.poll(() => page.getByTestId('list-count').textContent()).not.toBe('1 份');

      // 逐项审核: a corrected figure kept beside the claim, the evidence opened beside the item
      await listRow(PLATFORM).getByRole('button', { name: PLATFORM }).click();
      await page.waitForURL(`**/city/applications/${returned.id}`);
      await expect.poll(() => page.getByTestId('review-title').textContent()).toBe(PLATFORM);
      const assets = finding('rule:ASSETS_BELOW_MIN');
      await assets.getByLabel(/核定值/).fill('150');
      await assets
        .getByLabel(/审核意见/)
        .fill('审计报告显示上年末资产总额为 150 万元，与填报的 350 万元不符，请核实更正并补充说明。');
      await assets.getByText('存疑', { exact: true }).click();
      await expect.poll(() => assets.getAttribute('data-verdict')).toBe('doubt');
      await expect
        .poll(() => page.locator('.official-eligibility').textContent())
        .toContain('按核定值重新核对：1 项不符合申报条件');
      expect(await page.locator('.official-eligibility [data-code="ASSETS_BELOW_MIN"]').count()).toBe(1);
      expect(await assets.textContent()).toContain('核定：150 万元');
      for (const code of ['NAME_FORBIDDEN_WORD', 'CATEGORY_MISSING', 'STAFF_BELOW_MIN']) {
        await finding(`rule:${code}`).getByText('符合', { exact: true }).click();
        await expect.poll(() => finding(`rule:${code}`).getAttribute('data-verdict')).toBe('pass');
      }
      await assets
        .getByRole('button', { name: /business_license|assets_report/ })
        .first()
        .click();
      await expect.poll(() => page.locator('.evidence-viewer iframe').count()).toBe(1);
      expect(await page.locator('.evidence-viewer iframe').getAttribute('src')).toMatch(
        /\/evidence\/[0-9a-f-]{36}\?inline=1$/,
      );
      await expect.poll(() => page.getByTestId('finding-tally').textContent()).toContain('已审核 4');
      await assets.scrollIntoViewIfNeeded();
      await page.waitForTimeout(1000);
      await shot('02-checklist', false);

      // 退回修改 with the doubtful item prefilled and a general remark
      await page.getByRole('button', { name: /退回修改/ }).click();
      const dialog = page.locator('.return-dialog');
      await expect.poll(() => dialog.locator('.return-remark-row').count()).toBe(1);
      await dialog.getByLabel('退回说明').fill('请核实资产总额并按意见修改后重新提交。');
      await dialog.getByRole('button', { name: /添加一条意见/ }).click();
      await dialog.getByLabel('第2条意见', { exact: true }).fill('请在平台申请报告中补充近一年服务案例。');
      await shot('03-return-dialog', false);
      await dialog.getByRole('button', { name: /退回申报单位/ }).click();
      await expect.poll(() => page.locator('.review-alerts').textContent()).toContain('已退回申报单位修改');
      expect(await page.getByRole('button', { name: /退回修改/ }).count()).toBe(0);

      // The applicant sees the summary and the itemised remarks on the form, fixes the figure and resubmits
      await logIn(returned.username, APPLICANT_PASSWORD);
      await page.waitForURL('**/applicant');
      const notice = page.getByTestId('return-notice');
      await expect.poll(() => notice.textContent()).toContain('请核实资产总额并按意见修改后重新提交。');
      expect(await notice.locator('li').count()).toBe(2);
      expect(await notice.textContent()).toContain('上年末资产总额');
      expect(await notice.textContent()).toContain('总体意见');
      expect(
        await page.locator('.ant-form-item').filter({ hasText: '上年末资产总额' }).first().textContent(),
      ).toContain('市级意见：审计报告显示');
      await shot('04-applicant-returned');
      await page.getByLabel('上年末资产总额').fill('260');
      await expect.poll(() => page.getByTestId('autosave-status').textContent()).toContain('已自动保存');
      await tab('提交').click();
      await page.getByRole('checkbox', { name: /本单位承诺/ }).check();
      await page.getByRole('button', { name: /重新提交/ }).click();
      await popconfirmOk();
      await page.waitForURL('**/receipt/**');

      // Back at the city: flagged new, and the change between the versions is shown
      await logIn('luoyang');
      await expect.poll(() => listRow(PLATFORM).getByTestId('new-tag').count()).toBe(1);
      await listRow(PLATFORM).getByRole('button', { name: PLATFORM }).click();
      await expect.poll(() => page.getByTestId('changes-alert').textContent()).toContain('第 2 版');
      await page.getByRole('button', { name: /查看改动/ }).click();
      await expect.poll(() => page.getByTestId('changes').textContent()).toContain('260');
      expect(await page.getByTestId('changes').textContent()).toContain('350');
      await shot('05-versions-and-changes');

      // The corrected figure now matches the evidence: the correction is cleared and the item passes
      await tab('逐项审核').click();
      expect(await assets.textContent()).toContain('申报：260 万元');
      await assets.getByLabel(/核定值/).fill('');
      await assets.getByLabel(/审核意见/).fill('已按审计报告更正为 260 万元。');
      await assets.getByText('符合', { exact: true }).click();
      await expect.poll(() => assets.getAttribute('data-verdict')).toBe('pass');
      await expect
        .poll(() => page.locator('.official-eligibility').textContent())
        .toContain('按申报数据核对：符合申报条件');

      // 现场核查 with two officials and the sealed scan
      await tab('现场核查').click();
      await pickDate(page.getByLabel('核查日期'), beijingDay(-2));
      await typeNames(page.getByLabel('参加核查人员'), ['张科长', '李主任']);
      await page.getByLabel('核查情况').fill('实地查看服务场地和设备，抽查服务台账与合同，人员与社保名单一致。');
      await page.getByLabel('属实（与申报材料一致）').check();
      await page.getByRole('button', { name: /保存现场核查记录/ }).click();
      await expect.poll(() => page.locator('.statement-card .ant-upload button').isDisabled()).toBe(false);
      await page.locator('.statement-card input[type=file]').setInputFiles({
        name: '现场核查真实性说明（盖章）.pdf',
        mimeType: 'application/pdf',
        buffer: tinyPdf('sealed statement'),
      });
      await expect.poll(() => page.getByTestId('scan-uploaded').count()).toBe(1);
      const scan = await page.request.get(
        `${server.url}${await page.getByTestId('scan-uploaded').getByRole('link').getAttribute('href')}`,
      );
      expect(scan.status()).toBe(200);
      expect(scan.headers()['content-type']).toBe('application/pdf');
      expect(await page.locator('.officials-select').first().textContent()).toContain('李主任');
      expect(await page.getByRole('link', { name: /打印真实性说明/ }).getAttribute('href')).toBe(
        `/city/applications/${returned.id}/statement`,
      );
      await shot('06-site-check');

      // 当面谈话 with the principal (name and title prefilled from the application)
      await tab('当面谈话').click();
      await pickDate(page.getByLabel('谈话日期'), beijingDay(-1));
      await page.getByLabel('谈话地点').fill('洛阳市工业和信息化局三楼会议室');
      await typeNames(page.getByLabel('谈话人员（主管部门）'), ['张科长']);
      expect(await page.getByLabel('主要负责人姓名').inputValue()).toBe('李四');
      await page
        .getByLabel('谈话结果')
        .fill('经当面谈话，单位主要负责人介绍了平台运营和服务情况，承诺所报材料真实有效，愿承担相应责任。');
      await page.getByRole('button', { name: /保存谈话记录/ }).click();
      await expect.poll(() => tab('当面谈话').locator('.rule-icon-passed').count()).toBe(1);
      await shot('07-interview');

      // 测评: draw 10, look at one full phone (audited), one unreachable replaced by the next in the draw order, 10 completed
      await tab('测评').click();
      await page.getByRole('checkbox', { name: '电话询问' }).check();
      await page.getByRole('checkbox', { name: '上门拜访' }).check();
      await page.getByRole('button', { name: /随机抽取/ }).click();
      await popconfirmOk();
      const contacts = page.locator('.survey-contacts tbody tr.ant-table-row');
      await expect.poll(() => contacts.count()).toBe(10);
      expect(await page.getByTestId('survey-seed').textContent()).toMatch(/\S{8,}/);
      expect(await page.getByTestId('draw-rule').last().textContent()).toContain('升序');
      expect(await contacts.first().textContent()).toMatch(/138\*\*\*\*\d{4}/);
      await contacts
        .first()
        .getByRole('button', { name: /查看完整电话/ })
        .click();
      await expect.poll(() => contacts.first().getByTestId('disclosed-phone').textContent()).toMatch(/^138\d{8}$/);
      expect(await page.getByTestId('disclosed-phone').count()).toBe(1);

      const firstName = (await contacts.first().locator('td').nth(2).textContent()) ?? '';
      await contacts.first().getByRole('button', { name: /^记录/ }).click();
      const contactDialog = page.locator('.contact-dialog');
      expect(await contactDialog.getByLabel('联系电话').inputValue()).toMatch(/^138\d{8}$/);
      await contactDialog.getByText('无法联系', { exact: true }).click();
      await contactDialog.getByLabel('无法联系的情况').fill('11月23日上午、下午各拨打两次，均无人接听。');
      await contactDialog.locator('.ant-btn-primary').click();
      await expect.poll(() => contacts.count()).toBe(11);
      expect(await page.locator('.survey-contact-unreachable').textContent()).toContain(firstName);

      const ratingsToGive = [
        '很满意',
        '很满意',
        '基本满意',
        '很满意',
        '基本满意',
        '很满意',
        '不满意',
        '很满意',
        '基本满意',
        '很满意',
      ];
      for (const [i, rating] of ratingsToGive.entries()) {
        const pending = page.locator('.survey-contact-pending').first();
        await pending.getByRole('button', { name: /^记录/ }).click();
        await contactDialog.getByLabel('职务').fill(i % 2 === 0 ? '总经理' : '办公室主任');
        await contactDialog.getByLabel('联系电话').fill(`1393710${String(1000 + i)}`);
        await contactDialog.getByLabel(rating, { exact: true }).check();
        await contactDialog.locator('.ant-btn-primary').click();
        await expect.poll(() => page.locator('.survey-contact-completed').count()).toBe(i + 1);
      }
      await expect.poll(() => page.locator('.survey-contact-pending').count()).toBe(0);
      const stats = page.getByTestId('survey-stats');
      expect(await stats.textContent()).toContain('90.0%');
      await expect.poll(() => tab('测评').textContent()).toContain('10/10');
      await page
        .locator('.ant-message-notice')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await shot('08-survey');

      // 推荐意见, then the recommendation into the last place of the quota
      await tab('推荐意见与推荐').click();
      await page
        .getByLabel('对区域中小企业发展的影响和作用')
        .fill('平台聚集服务机构，年服务本地中小企业 80 余家，带动区域中小企业数字化转型。');
      await page.getByLabel('推荐意见', { exact: true }).fill('经审核、现场核查和测评，材料真实，同意推荐。');
      await pickDate(page.getByLabel('日期（盖章日期）'), beijingDay(0));
      await page.getByRole('button', { name: /保存推荐意见/ }).click();
      await expect.poll(() => page.locator('[data-testid="readiness"] li[data-done="true"]').count()).toBe(4);
      // The survey's minimum is the batch's, in its words.
      expect(await page.getByTestId('readiness').textContent()).toContain('测评（完成不少于10家）');
      await page.getByRole('button', { name: /推荐该平台/ }).click();
      await expect.poll(() => page.getByTestId('recommended').textContent()).toContain('已推荐：市推荐名额');
      await expect.poll(() => page.getByTestId('quota-use').getAttribute('data-used')).toBe('3');
      await shot('09-recommended');

      // A fourth platform, ready in every respect, cannot take the used-up quota: the channel is closed (the
      // server's QUOTA_EXHAUSTED refusal is covered by the HTTP tests)
      await page.goto(`${server.url}/city/applications/${fourth.id}?tab=recommend`);
      await expect.poll(() => page.getByTestId('duplicate-alert').textContent()).toContain('郑州市');
      await expect.poll(() => page.getByRole('radio', { name: /市推荐名额/ }).isDisabled()).toBe(true);
      await shot('10-quota-used-up');

      // The package: three platforms, quota 3/3, submitted and locked
      await page.getByRole('link', { name: '推荐材料报送' }).click();
      await page.waitForURL('**/city/package');
      await expect.poll(() => page.locator('.package-platforms tbody tr.ant-table-row').count()).toBe(3);
      expect(await page.getByTestId('package-deadline').textContent()).toMatch(/23:59:59（北京时间）/);
      await shot('11-package-ready');
      // 预览/打印: the 汇总表 PDF opens inline in the dialog, with the 一式两份 print hint
      const previewed = page.waitForResponse((r) => /\/summary\.pdf\?(?:.*&)?inline=1/.test(r.url()));
      await page.getByRole('button', { name: '预览/打印附件2 汇总表' }).click();
      const preview = await previewed;
      expect(preview.status()).toBe(200);
      expect(preview.headers()['content-disposition']).toMatch(/^inline;/);
      await expect.poll(() => page.locator('.ant-modal .document-print-hint').textContent()).toContain('一式两份');
      await page.waitForTimeout(1500);
      await shot('11b-summary-preview', false);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.ant-modal .document-frame').count()).toBe(0);
      // 刻盘: checked first, then what it holds, its size and the disc it fits
      await page.getByRole('button', { name: /刻盘电子材料/ }).click();
      await expect.poll(() => page.getByTestId('archive-info').textContent()).toContain('3 个');
      expect(await page.getByTestId('archive-info').textContent()).toContain('可刻录到一张 CD-R');
      // The batch the board shows goes with the link.
      expect(await page.getByTestId('archive-download').getAttribute('href')).toMatch(
        /^\/api\/v1\/packages\/410300\/archive\.zip\?batch=[\w-]+$/,
      );
      await shot('11c-archive-check', false);
      await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      // 公文设置: the office already gave numbers 1 and 2 by hand, so this letter is number 3
      const letterCard = page.getByTestId('letter-settings');
      expect(await letterCard.getByTestId('next-doc-number').textContent()).toContain('洛工信函〔2022〕1号');
      await letterCard.getByLabel(/下一发文序号/).fill('3');
      await letterCard.getByLabel('联系人（附注）').fill('张明');
      await letterCard.getByLabel('联系电话（附注）').fill('0379-6320');
      await letterCard.getByTestId('save-letter-settings').click();
      await expect.poll(() => letterCard.locator('.ant-form-item-explain-error').textContent()).toContain('座机号');
      await letterCard.getByLabel('联系电话（附注）').fill('0379-63200000');
      await letterCard.getByTestId('save-letter-settings').click();
      await expect.poll(() => letterCard.getByTestId('next-doc-number').textContent()).toContain('洛工信函〔2022〕3号');
      await shot('11d-letter-settings');
      await page.getByTestId('submit-package').click();
      await popconfirmOk();
      await expect.poll(() => page.getByTestId('package-submitted').textContent()).toContain('已报送省厅');
      expect(await page.getByTestId('package-summary').getAttribute('data-state')).toBe('submitted');
      expect(await page.getByTestId('package-doc-number').textContent()).toBe('洛工信函〔2022〕3号');
      expect(await page.getByTestId('package-fingerprint').textContent()).toMatch(/^[0-9a-f]{8}…[0-9a-f]{8}/);
      await shot('12-package-submitted');

      // 郑州 sees the 航空港区 platform in its own queue
      await logIn('zhengzhou');
      await expect.poll(() => listRow('河洛技术转移服务平台').textContent()).toContain('航空港');
      await settled();
      await shot('13-zhengzhou-queue');

      // The province: 洛阳 submitted, 郑州 in progress, the duplicate flagged; the city's records read-only
      await logIn('province');
      await page.waitForURL('**/province');
      await expect
        .poll(() => page.locator(`.tile[data-code="${LUOYANG}"]`).getAttribute('data-state'))
        .toBe('submitted');
      expect(await page.locator('.tile[data-code="410100"]').getAttribute('data-state')).toBe('in_progress');
      const duplicates = (await page.getByTestId('duplicates').textContent()) ?? '';
      expect(duplicates).toContain('郑州市');
      expect(duplicates).toContain('洛阳市');
      expect(await page.locator('.board-table').textContent()).toContain('已报送');
      await shot('14-province-board');
      await page.goto(`${server.url}/province/applications/${returned.id}?tab=survey`);
      await expect.poll(() => page.locator('.survey-contacts tbody tr.ant-table-row').count()).toBe(11);
      expect(await page.getByRole('button', { name: /退回修改|推荐该平台|查看完整电话/ }).count()).toBe(0);
      await shot('15-province-review-readonly');

      // The province returns 洛阳's package with remarks
      await page.getByRole('link', { name: '报送情况' }).click();
      await page
        .locator('.board-table tr')
        .filter({ hasText: '洛阳市' })
        .getByRole('button', { name: /退\s?回/ })
        .click();
      await page.getByLabel('退回意见').fill('推荐文件中请补充与单位主要负责人当面谈话的结果。');
      await page.locator('.ant-modal:visible .ant-btn-primary').click();
      await expect
        .poll(() => page.locator(`.tile[data-code="${LUOYANG}"]`).getAttribute('data-state'))
        .toBe('returned');

      // Ten minutes before the deadline 洛阳 sees the remarks; the deadline passes before it resubmits
      const deadline = Date.parse((await luoyang.get('/api/v1/city/package')).json<{ deadline: string }>().deadline);
      clock.offsetMs = deadline - 10 * 60_000 - Date.now();
      await logIn('luoyang');
      await page.getByRole('link', { name: '推荐材料报送' }).click();
      await expect
        .poll(() => page.getByTestId('package-return-remarks').textContent())
        .toContain('补充与单位主要负责人当面谈话的结果');
      expect(await page.getByTestId('submit-package').isEnabled()).toBe(true);
      await shot('16-package-returned');
      clock.offsetMs = deadline + 1000 - Date.now();
      await page.getByTestId('submit-package').click();
      await popconfirmOk();
      await expect.poll(() => page.getByTestId('refusal').getAttribute('data-code')).toBe('DEADLINE_PASSED');
      expect(await page.getByTestId('refusal').textContent()).toContain('已过报送截止时间');
      await expect.poll(() => page.getByTestId('submit-package').isDisabled()).toBe(true);
      await shot('17-deadline-passed');

      // The province grants 洛阳 an exception by name, with a reason and an end time; the others are late
      await logIn('province');
      await expect
        .poll(() => page.locator('.tile[data-code="411300"]').getAttribute('data-state'))
        .toBe('late_missing');
      await page
        .locator('.board-table tr')
        .filter({ hasText: '洛阳市' })
        .getByRole('button', { name: /特批延期/ })
        .click();
      await page.getByLabel('延期理由').fill('省厅退回补充材料，准予延期两天重新报送。');
      await pickDate(page.getByLabel('延至（北京时间）'), beijingDateTime(new Date(deadline + 2 * 86_400_000)));
      await shot('18-exception-dialog', false);
      await page.locator('.ant-modal:visible .ant-btn-primary').click();
      await expect
        .poll(() => page.locator('.board-table tr').filter({ hasText: '洛阳市' }).textContent())
        .toMatch(/至 \d+月\d+日/);
      await shot('19-board-after-deadline');

      // Inside the exception 洛阳 resubmits
      await logIn('luoyang');
      await page.getByRole('link', { name: '推荐材料报送' }).click();
      await expect.poll(() => page.getByTestId('package-exception').textContent()).toContain('准予延期两天');
      await page.getByTestId('submit-package').click();
      await popconfirmOk();
      await expect.poll(() => page.getByTestId('package-submitted').count()).toBe(1);
      await shot('20-resubmitted-in-exception');

      expect(consoleProblems).toEqual([]);
    },
  );
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchConfig, ReviewView } from '#contract';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

const LUOYANG = '410300';
const NEW_KIND = { key: 'innovation_zone', label: '省级中小企业创新服务示范区' };

let app: App;
let city: TestClient;
let tmp: string;
/** Made ready and recommended under the 2023 values. */
let ready: { id: string };
/** Submitted, nothing recorded by the city. */
let bare: { id: string };

/**
 * The open batch becomes a 2023 notice with other values (as the administrator prepares one): assets
 * 300 万元, staff 20, survey minimum 8, the forbidden word 样板, registration 3 years, 上年末 2022-12-31
 * and a new kind of designated area. The applications were submitted before the change, so the fixture
 * roster's 2021 service dates were accepted.
 */
async function rewriteOpenBatchAs2023(): Promise<void> {
  const open = (await app.ctx.references.listBatches()).find((b) => b.isDemo)!;
  const config: BatchConfig = {
    ...open.config,
    title: '2023年度省级中小企业公共服务示范平台',
    referenceDate: '2023-11-20',
    assetsAsOf: '2022-12-31',
    rules: {
      ...open.config.rules,
      forbiddenWord: '样板',
      minRegistrationYears: 3,
      minAssetsWan: 300,
      minServiceStaff: 20,
      minSurveyed: 8,
    },
    designatedAreaKinds: [...open.config.designatedAreaKinds, NEW_KIND],
  };
  await app.ctx.db
    .updateTable('batches')
    .set((eb) => ({ year: 2023, config: JSON.stringify(config), version: eb('version', '+', 1) }))
    .where('id', '=', open.id)
    .execute();
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-wording-'));
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  city = await new TestClient(app).login('luoyang');
  ready = await submittedApplication(app, LUOYANG);
  bare = await submittedApplication(app, LUOYANG);
  await rewriteOpenBatchAs2023();
  await makeReadyForRecommendation(city, ready.id);
  const recommended = await city.post(`/api/v1/applications/${ready.id}/recommendation`, { channel: 'quota' });
  expect(recommended.statusCode, recommended.body).toBe(200);
});
afterAll(async () => {
  await app.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function workbook(url: string): Promise<ExcelJS.Workbook> {
  const res = await city.get(url);
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

const columnText = (ws: ExcelJS.Worksheet) =>
  ws
    .getColumn(1)
    .values.filter((v): v is string => typeof v === 'string')
    .join('\n');

describe('the words of a 2023 batch with other values', () => {
  it('names the city’s checklist lines with the batch’s forbidden word and registration age', async () => {
    const review = (await city.get(`/api/v1/applications/${bare.id}/review`)).json<ReviewView>();
    const labels = review.items.filter((i) => i.kind === 'rule').map((i) => i.label);
    expect(labels).toContain('平台名称不含“样板”');
    expect(labels).toContain('注册登记时间3年以上');
    expect(labels.join()).not.toMatch(/示范|2年/);
  });

  it('refuses a recommendation naming the batch’s survey minimum', async () => {
    const res = await city.post(`/api/v1/applications/${bare.id}/recommendation`, { channel: 'quota' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'NOT_READY', message: expect.stringContaining('测评（完成不少于8家）') });
    expect(res.json<{ message: string }>().message).not.toContain('10家');
  });

  it('prints the survey minimum in the 推荐表 heading (PDF and Word)', async () => {
    const pdf = await city.get(`/api/v1/applications/${ready.id}/documents/recommendation-form.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    const file = path.join(tmp, 'form.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('推荐单位组织测评情况（随机抽取，不少于8家）');
    expect(text).not.toContain('不少于10家');

    const docx = await city.get(`/api/v1/applications/${ready.id}/documents/recommendation-form.docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    const docxFile = path.join(tmp, 'form.docx');
    fs.writeFileSync(docxFile, docx.rawPayload);
    const xml = execFileSync('unzip', ['-p', docxFile, 'word/document.xml'], { encoding: 'utf8' });
    const words = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(words).toContain('推荐单位组织测评情况（随机抽取，不少于8家）');
  });

  it('writes the 汇总表 notes from the batch’s thresholds and designated-area kinds', async () => {
    const ws = (await workbook('/api/v1/city/package/summary.xlsx')).getWorksheet('汇总表')!;
    expect(ws.getCell('A2').value).toBe('推荐2023年度河南省中小企业公共服务示范平台汇总表');
    const text = columnText(ws);
    expect(text).toContain('注：1.平台名称中不得含有“样板”字样。');
    expect(text).toContain(
      '3.运营单位注册登记时间3年以上，上年末资产总额不低于300万元，服务人员不少于20人，集聚服务机构5家以上，优惠服务占比不低于20%，年服务企业数量不低于80家。',
    );
    expect(text).toMatch(/5\.备注项列明.*省级中小企业特色产业集群、省级中小企业创新服务示范区、工信部认定/);
  });

  it('dates the roster template’s service dates and example in the year of 上年末', async () => {
    const wb = await workbook('/api/v1/templates/roster.xlsx');
    const help = columnText(wb.getWorksheet('填写说明')!);
    expect(help).toContain('3. 服务日期须在2022年内（上年度），格式如 2022-06-18。');
    expect(help).toContain('服务日期=2022-06-18');
    expect(help).not.toContain('2021');
  });
});

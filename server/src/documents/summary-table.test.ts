import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchConfigSchema } from '#contract';
import { makeReadyForRecommendation, submittedApplication } from '../../test-support/applications.js';
import { eligibleForm, recommendedPlatformRows } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from '../http/app.js';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { createPdfKitDocument, PDF_FONT } from './pdf.js';
import { buildSummaryTable, channelRemark, PROVINCE_WIDE, summaryColumns } from './summary-table.js';
import { Measure, renderSummaryTablePdf } from './summary-table-pdf.js';
import { renderSummaryTableXlsx } from './summary-table-xlsx.js';

const config = batchConfigSchema.parse(batch2022.config);

describe('附件2 view model', () => {
  it('states the channel in the words of note 5', () => {
    expect(channelRemark({ channel: 'quota', designatedAreaId: null, authorityName: '洛阳市' }, config)).toBe(
      '洛阳市推荐名额',
    );
    expect(
      channelRemark(
        { channel: 'designated_area', designatedAreaId: 'puyang-info-city', authorityName: '濮阳市' },
        config,
      ),
    ).toBe('国家信息消费示范城市（濮阳市）');
    expect(channelRemark({ channel: 'lab', designatedAreaId: null, authorityName: '郑州市' }, config)).toBe(
      '工信部认定工业产品质量控制和技术评价实验室',
    );
  });

  it('has the title, the seal line and the notes with the batch thresholds', () => {
    const t = buildSummaryTable(2022, config, [], '洛阳市');
    expect(t.title).toBe('推荐2022年度河南省中小企业公共服务示范平台汇总表');
    expect(t.sealLine).toBe('省辖市、济源示范区中小企业主管部门：洛阳市（盖章）');
    expect(t.notes[2]).toBe(
      '3.运营单位注册登记时间2年以上，上年末资产总额不低于200万元，服务人员不少于15人，集聚服务机构5家以上，优惠服务占比不低于20%，年服务企业数量不低于80家。',
    );
    expect(t.notes).toHaveLength(5);
    expect(t.label).toBe('附件2');
  });

  it('note 2 names the batch’s categories: the notice’s own words for 2022, others for another list', () => {
    expect(buildSummaryTable(2022, config, [], '洛阳市').notes[1]).toBe(
      '2.平台类别请填写信息、技术、培训、创业、融资等服务功能。',
    );

    const categories2023 = ['数字化转型服务', ...config.categories];
    const t = buildSummaryTable(2023, { ...config, categories: categories2023 }, [], '洛阳市');
    expect(t.notes[1]).toBe('2.平台类别请填写数字化转型、信息、技术、培训、创业等服务功能。');
    const fewer = buildSummaryTable(2023, { ...config, categories: ['管理咨询', '人才服务', '其他'] }, [], '洛阳市');
    expect(fewer.notes[1]).toBe('2.平台类别请填写管理咨询、人才等服务功能。');
  });

  it('province-wide: the province compiles rather than seals, and a column names each row’s city', () => {
    const t = buildSummaryTable(2022, config, recommendedPlatformRows(1), PROVINCE_WIDE);
    expect(t.sealLine).toBe('汇总单位：河南省工业和信息化厅');
    expect(t.columns.slice(0, 3)).toEqual(['序号', '推荐单位', '平台名称']);
    expect(t.columns).toHaveLength(summaryColumns.length + 1);
    expect(buildSummaryTable(2022, config, [], '洛阳市').columns).toEqual(summaryColumns);
  });
});

/** Twenty platforms with long and rare-character names, some through the lab channel (the longest 备注). */
function longNamedPlatforms() {
  return recommendedPlatformRows(20).map((p, i) => ({
    ...p,
    form: { ...p.form, platformName: `河南${'中原'.repeat(i % 9)}𠀾䶮中小企业公共服务平台（${i + 1}号）` },
    unitName: `河南省${'豫'.repeat(i)}科技服务股份有限公司（91410300MA${String(i).padStart(8, '0')}）`,
    channel: i % 3 === 0 ? ('lab' as const) : ('quota' as const),
    authorityName: i % 2 === 0 ? '洛阳市' : '济源示范区',
  }));
}

describe('附件2 .xlsx row heights', () => {
  it('gives every row room for the lines its longest wrapped cell takes', async () => {
    for (const issuer of ['洛阳市', PROVINCE_WIDE]) {
      const table = buildSummaryTable(2022, config, longNamedPlatforms(), issuer);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderSummaryTableXlsx(table)) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('汇总表')!;
      const heights: number[] = [];
      // The header row and the data rows: unmerged cells, so each column's width is the cell's.
      for (let r = 4; r < 5 + table.rows.length; r++) {
        const row = ws.getRow(r);
        expect(row.height, `row ${r}`).toBeGreaterThan(0);
        heights.push(row.height);
        row.eachCell((cell, c) => {
          if (typeof cell.value !== 'string') return;
          const size = cell.font.size!;
          const emPx = (size * 96) / 72;
          // A lower bound on the lines: one em per CJK character, half an em for anything narrower, and
          // the whole column width (7 px per unit) filled.
          const ems = [...cell.value].reduce((s, ch) => s + (ch.codePointAt(0)! > 0xff ? 1 : 0.5), 0);
          const lines = Math.ceil(ems / ((ws.getColumn(c).width! * 7) / emPx));
          const holds = Math.floor(row.height / (size * 1.2));
          expect(lines, `row ${r} column ${c}: ${cell.value}`).toBeLessThanOrEqual(holds);
        });
      }
      // Heights follow the text: a row with a three-line name is taller than one with a short name.
      expect(new Set(heights.slice(1)).size).toBeGreaterThan(1);
    }
  });
});

describe('附件2 as Excel', () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  });
  afterAll(async () => app.close());

  it('lists the city’s recommended platforms in the notice’s 13 columns, with notes, landscape and repeated header', async () => {
    const city = await new TestClient(app).login('puyang');
    const { id } = await submittedApplication(app, '410900', { platformName: '濮阳中小企业公共服务平台' });
    await makeReadyForRecommendation(city, id);
    expect((await city.post(`/api/v1/applications/${id}/recommendation`, { channel: 'quota' })).statusCode).toBe(200);

    const res = await city.get('/api/v1/city/package/summary.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('推荐2022年度河南省中小企业公共服务示范平台汇总表（濮阳市）.xlsx'),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('汇总表')!;
    expect(ws.getCell('A1').value).toBe('附件2');
    expect(ws.getCell('A2').value).toBe('推荐2022年度河南省中小企业公共服务示范平台汇总表');
    expect(ws.getCell('A3').value).toBe('省辖市、济源示范区中小企业主管部门：濮阳市（盖章）');
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([...summaryColumns]);
    const row = (ws.getRow(5).values as unknown[]).slice(1);
    expect(row).toEqual([
      1,
      '濮阳中小企业公共服务平台',
      expect.stringContaining('测试运营单位'),
      eligibleForm.categories.join('、'),
      new Date(`${eligibleForm.registeredOn}T00:00:00Z`),
      eligibleForm.totalAssetsWan,
      eligibleForm.serviceStaff,
      5,
      eligibleForm.preferentialSharePercent / 100,
      80,
      '是',
      '是',
      '濮阳市推荐名额',
    ]);
    expect(ws.getRow(5).getCell(9).numFmt).toBe('0.0%');
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToWidth: 1,
      printTitlesRow: '4:4',
      copies: 2,
    });
    const notes = [7, 8, 9, 10, 11].map((r) => ws.getCell(r, 1).value);
    expect(notes[0]).toBe('注：1.平台名称中不得含有“示范”字样。');
    expect(String(notes[4])).toMatch(/^5\.备注项列明/);

    const province = await new TestClient(app).login('province');
    const all = await province.get('/api/v1/province/summary.xlsx');
    expect(all.statusCode).toBe(200);
    const allWb = new ExcelJS.Workbook();
    await allWb.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
    const allWs = allWb.getWorksheet('汇总表')!;
    expect(allWs.getCell('A3').value).toBe('汇总单位：河南省工业和信息化厅');
    expect((allWs.getRow(4).values as unknown[]).slice(1, 4)).toEqual(['序号', '推荐单位', '平台名称']);
    expect((allWs.getRow(5).values as unknown[]).slice(1, 4)).toEqual([1, '濮阳市', '濮阳中小企业公共服务平台']);
    const other = await new TestClient(app).login('luoyang');
    expect((await other.get('/api/v1/packages/410900/summary.xlsx')).statusCode).toBe(403);
    expect((await city.get('/api/v1/city/package/summary.doc')).statusCode).toBe(400);

    const pdf = await province.get('/api/v1/packages/410900/summary.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment;/);
    expect(pdf.headers['x-frame-options']).toBe('DENY');
    // The preview dialog frames the PDF: inline, and only from this origin.
    const preview = await province.get('/api/v1/packages/410900/summary.pdf?inline=1');
    expect(preview.headers['content-disposition']).toMatch(/^inline;/);
    expect(preview.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(
      (await province.get('/api/v1/packages/410900/summary.xlsx?inline=1')).headers['content-disposition'],
    ).toMatch(/^attachment;/);
    const badInline = await province.get('/api/v1/packages/410900/summary.pdf?inline=yes');
    expect(badInline.statusCode).toBe(400);
    expect(badInline.body).toContain('inline 须为 0 或 1');
    const dir = path.resolve('test-artifacts/documents');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'summary-410900.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    // Cells wrap inside their column, so the text of one cell may come out in pieces: check whole short values.
    for (const expected of [
      '推荐2022年度河南省中小企业公共服务示范平台汇总表',
      '濮阳市（盖章）',
      '濮阳中小企业公共服务',
      '测试运营单位',
      '2018年5月10',
      '350.00万元',
      '25%',
      '濮阳市推荐名额',
      '5.备注项列明',
    ]) {
      expect(text.replace(/\s+/g, '')).toContain(expected.replace(/\s+/g, ''));
    }
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSerifSC.*CID TrueType.*yes/);
    expect(fonts).not.toMatch(/Type 3/);
    execFileSync('pdftoppm', ['-png', '-r', '70', file, path.join(dir, 'summary-410900')]);
  });
});

describe('附件2 as PDF', () => {
  it('repeats the header row on every page, never splits a row, numbers the pages and ends with the notes', async () => {
    const table = buildSummaryTable(2022, config, recommendedPlatformRows(60), '洛阳市');
    const pdf = await renderSummaryTablePdf(table);
    const dir = path.resolve('test-artifacts/documents');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'summary-60-rows.pdf');
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(3);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    const seen: string[] = [];
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', file, '-'], {
        encoding: 'utf8',
      }).replace(/[ \t]+/g, '');
      expect(text, `page ${p}`).toContain('运营单位名称');
      expect(text, `page ${p}`).toContain(`第${p}页共${pages}页`);
      for (const m of text.matchAll(/第(\d+)号中小企业综合/g)) seen.push(m[1]!);
      if (p < pages) expect(text).not.toContain('5.备注项列明');
    }
    // Every platform appears exactly once and in order: no row split over two pages.
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => String(i + 1)));
    const last = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), file, '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, '');
    expect(last).toContain('5.备注项列明');
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/NotoSerifSC-Bold.*CID TrueType.*yes/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', file, path.join(dir, 'summary-60-rows')]);
  });

  it('prints the label 附件2 at the top left above the title, and province-wide the recommending city', async () => {
    const dir = path.resolve('test-artifacts/documents');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'summary-province.pdf');
    fs.writeFileSync(
      file,
      await renderSummaryTablePdf(buildSummaryTable(2022, config, longNamedPlatforms(), PROVINCE_WIDE)),
    );
    const words = [
      ...execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
      ),
    ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3]! }));
    const find = (text: string) => words.find((w) => w.text.includes(text));
    const label = find('附件2')!;
    const title = find('示范平台汇总表')!;
    expect(label.x).toBeLessThan(40);
    expect(label.y).toBeLessThan(title.y);
    expect(words.some((w) => w.y < label.y)).toBe(false);
    const text = words.map((w) => w.text).join('');
    expect(text).toContain('汇总单位：河南省工业和信息化厅');
    expect(text).not.toContain('盖章');
    expect(text).toContain('推荐单位');
    expect(text).toContain('济源示范区');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(dir, 'summary-province')]);
  });

  it('opens the print dialog with two copies at actual size (一式两份)', async () => {
    const pdf = (
      await renderSummaryTablePdf(buildSummaryTable(2022, config, recommendedPlatformRows(1), '洛阳市'))
    ).toString('latin1');
    expect(pdf).toMatch(/\/ViewerPreferences \d+ 0 R/);
    expect(pdf).toMatch(/\/NumCopies 2/);
    expect(pdf).toMatch(/\/PrintScaling \/None/);
    expect(pdf.startsWith('%PDF-1.7')).toBe(true);
  });

  it('wraps Chinese text by characters and never starts a line with closing punctuation', () => {
    const m = new Measure(createPdfKitDocument({ autoFirstPage: false, info: { Title: 't' } }), PDF_FONT, 9);
    const width = m.lineWidth('河南省中小企业');
    const lines = m.wrap('河南省中小企业，服务有限公司（测试）', width);
    expect(lines.join('')).toBe('河南省中小企业，服务有限公司（测试）');
    for (const line of lines) expect(m.lineWidth(line)).toBeLessThanOrEqual(width + 0.01);
    expect(lines.every((l) => !/^[，）]/.test(l))).toBe(true);
    expect(lines.slice(0, 2)).toEqual(['河南省中小企', '业，服务有限公']);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  renderExpertOpinionsPdf,
  renderReviewSummaryPdf,
  renderReviewSummaryXlsx,
  type ReviewSummary,
} from './review-opinions.js';

const dir = path.resolve('test-artifacts/documents');

/** A round of `n` applications, some with long names so rows differ in height. */
function summaryOf(n: number): ReviewSummary {
  return {
    title: '专家评审意见汇总表',
    subtitle: '2022年度示范平台专家评审（评审期 2026-11-25 至 2026-12-05）',
    rows: Array.from({ length: n }, (_, i) => ({
      rank: i + 1,
      label: `A-${String(i + 1).padStart(2, '0')}`,
      unitName: `第${i + 1}号${i % 7 === 0 ? '河南省中原城市群中小企业综合服务与技术转移' : ''}运营单位有限公司`,
      platformName: `第${i + 1}号中小企业综合服务平台`,
      scores: '专家甲 90；专家乙 50；专家丙 10（未提交）',
      mean: '70',
      median: '70',
      trimmedMean: '—',
      range: '40',
      verdict: '通过：总分70分，达到合格线60分',
      decision: i % 2 === 0 ? '建议认定' : '不建议：平均分未达到合格线',
    })),
    note: '说明：按已提交评分的平均分由高到低排列。',
  };
}

function write(name: string, data: Buffer): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

const pageCount = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

/** The words of a page with their top edge (pdftotext -bbox). */
function words(file: string, page: number) {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    text: m[3]!,
  }));
}

describe('专家评审意见汇总表', () => {
  it('as Excel: A4 landscape, the title rows and the header repeated, page numbers, one row per application', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReviewSummaryXlsx(summaryOf(3))) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('评审意见汇总表')!;
    expect(ws.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToWidth: 1,
      printTitlesRow: '1:3',
    });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws.getCell(1, 1).value).toBe('专家评审意见汇总表');
    expect(ws.getRow(3).values).toContain('去掉最高最低分后平均分');
    expect(ws.getCell(4, 2).value).toBe('A-01');
    expect(ws.getCell(4, 5).value).toBe('专家甲 90；专家乙 50；专家丙 10（未提交）');
    expect(ws.getCell(5, 11).value).toBe('不建议：平均分未达到合格线');
    expect(ws.getCell(8, 1).value).toBe('说明：按已提交评分的平均分由高到低排列。');
  });

  it('as PDF: the header row on every page, every row whole on one page, numbered pages', async () => {
    const file = write('review-summary-60-rows.pdf', await renderReviewSummaryPdf(summaryOf(60)));
    const pages = pageCount(file);
    expect(pages).toBeGreaterThan(2);
    const seen: string[] = [];
    for (let p = 1; p <= pages; p++) {
      const onPage = words(file, p);
      const text = onPage.map((w) => w.text).join('');
      expect(text, `page ${p}`).toContain('各专家评分');
      expect(text, `page ${p}`).toContain(`第${p}页共${pages}页`);
      const header = onPage.find((w) => w.text.includes('各专家评分'))!;
      expect(onPage.filter((w) => /^A-\d\d$/.test(w.text)).every((w) => w.y > header.y)).toBe(true);
      for (const w of onPage) if (/^A-\d\d$/.test(w.text)) seen.push(w.text);
      // A row's last column (the decision) is on the page of its label: no row split.
      const labels = onPage.filter((w) => /^A-\d\d$/.test(w.text)).length;
      expect(onPage.filter((w) => w.text.startsWith('建议认定') || w.text.startsWith('不建议')).length).toBe(labels);
    }
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => `A-${String(i + 1).padStart(2, '0')}`));
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', file, path.join(dir, 'review-summary')]);
  });
});

describe('专家评审意见表', () => {
  it('one page per application: items with points and remarks, total, opinion, a signature and date line', async () => {
    const sheet = (label: string, points: number) => ({
      label,
      items: [
        { category: '基础条件', item: '管理制度', rule: '满分100，权重0.1', score: String(points), remark: '制度较全' },
        { category: '服务成效', item: '服务满意度', rule: '满分100，权重0.1', score: String(points), remark: '' },
      ],
      total: String(points),
      verdict: `通过：总分${points}分，达到合格线60分`,
      opinion: '服务功能较完善，融资对接案例偏少。'.repeat(400),
      submittedAt: '2026-11-24',
    });
    const file = write(
      'expert-opinions.pdf',
      await renderExpertOpinionsPdf({
        roundTitle: '2022年度示范平台专家评审',
        rubricTitle: '中小企业公共服务示范平台评审评分表（加权计分）',
        expertName: '专家甲',
        sheets: [sheet('A-01', 82.5), sheet('A-02', 70)],
      }),
    );
    expect(pageCount(file)).toBe(2);
    for (const [p, label, total] of [
      [1, 'A-01', '82.5'],
      [2, 'A-02', '70'],
    ] as const) {
      const onPage = words(file, p);
      const text = onPage.map((w) => w.text).join('');
      expect(text).toContain('专家评审意见表');
      expect(text).toContain(`材料编号：${label}`);
      expect(text).toContain('管理制度');
      expect(text).toContain('制度较全');
      expect(text).toContain(`总分：${total}分`);
      expect(text).toContain('专家签名：');
      expect(text).toContain('日期：');
      const sign = onPage.find((w) => w.text.startsWith('专家签名'))!;
      expect(sign.y).toBeGreaterThan(700);
    }
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, path.join(dir, 'expert-opinions')]);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchConfigSchema } from '#contract';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { buildRecommendationForm, renderRecommendationFormDocx } from './recommendation-form.js';
import { buildSiteCheckStatement, renderSiteCheckStatementDocx } from './site-check-statement.js';
import { renderSummaryTableXlsx } from './summary-table-xlsx.js';
import { buildSummaryTable } from './summary-table.js';
import { entryText } from './zip-entry.test-support.js';

interface Line {
  page: number;
  top: number;
  left: number;
  text: string;
}

interface Converted {
  /** The whole text with whitespace removed, for words outside tables. */
  text: string;
  /** Text lines (words of one page at one height, joined), with page (1-based) and position in points. */
  lines: Line[];
}

/** Converts with LibreOffice headless, as a recipient's office suite would open the file, and reads it back. */
function convertAndRead(name: string, body: Buffer): Converted {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-lo-'));
  try {
    const input = path.join(dir, name);
    fs.writeFileSync(input, body);
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, input],
      { timeout: 120_000, stdio: 'pipe' },
    );
    const pdf = input.replace(/\.\w+$/, '.pdf');
    fs.mkdirSync(path.resolve('test-artifacts/documents'), { recursive: true });
    fs.copyFileSync(pdf, path.resolve('test-artifacts/documents', `libreoffice-${path.basename(pdf)}`));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    return { text, lines: linesOf(execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' })) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function linesOf(bboxHtml: string): Line[] {
  const lines: Line[] = [];
  for (const [i, page] of bboxHtml.split('<page ').slice(1).entries()) {
    const byTop = new Map<number, { left: number; words: { x: number; text: string }[] }>();
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
      const x = Number(m[1]);
      const top = Math.round(Number(m[2]));
      const line = byTop.get(top) ?? { left: x, words: [] };
      line.left = Math.min(line.left, x);
      line.words.push({ x, text: m[3]! });
      byTop.set(top, line);
    }
    for (const [top, line] of byTop)
      lines.push({
        page: i + 1,
        top,
        left: line.left,
        text: line.words
          .sort((a, b) => a.x - b.x)
          .map((w) => w.text)
          .join(''),
      });
  }
  return lines;
}

/** The last line holding `text` (a form's cover may repeat a date); fails the test when there is none. */
function lineWith(lines: Line[], text: string): Line {
  const line = lines.findLast((l) => l.text.includes(text));
  expect(line, text).toBeDefined();
  return line!;
}

/** Twips per point, and the widest digit of any common font (DejaVu Sans: 0.636 em), for room checks. */
const TWIPS_PER_PT = 20;
const WIDEST_DIGIT_EM = 0.65;
/** Word's default left and right cell margins, 0.08 inch each. */
const DEFAULT_CELL_MARGINS_TWIPS = 2 * 115;

describe('generated Word and Excel open in LibreOffice', { timeout: 240_000 }, () => {
  it('附件1 .docx: one page, the known date below the seals on the right', async () => {
    const { text, lines } = convertAndRead(
      'statement.docx',
      await renderSiteCheckStatementDocx(buildSiteCheckStatement(2022, '洛阳慧智中小企业服务有限公司', '2022-06-18')),
    );
    expect(text).toContain(
      '经现场核查，洛阳慧智中小企业服务有限公司2022年度河南省中小企业公共服务示范平台申报材料真实有效',
    );
    expect(new Set(lines.map((l) => l.page))).toEqual(new Set([1]));
    const seal = lineWith(lines, '（工业和信息化主管部门盖章）');
    const date = lineWith(lines, '2022年6月18日');
    expect(date.top).toBeGreaterThan(seal.top);
    expect(date.left).toBeGreaterThan(595 / 2);
  });

  it('附件3 .docx', async () => {
    const form = buildRecommendationForm({
      unitName: '洛阳慧智中小企业服务有限公司',
      cityName: '洛阳市',
      minSurveyed: 10,
      methods: ['phone'],
      rows: [
        {
          // Seven characters: one line of the 34.6 mm column at 五号 in any font (nine wrap in FandolFang).
          enterpriseName: '洛阳某科技公司',
          interviewee: '王五',
          position: '经理',
          phone: '13912345678',
          rating: 'satisfied',
        },
      ],
      impact: '带动区域发展',
      opinion: '同意推荐',
      opinionDate: '2022-12-05',
      fingerprint: null,
    });
    const docx = await renderRecommendationFormDocx(form);
    const { text, lines } = convertAndRead('form.docx', docx);
    for (const s of ['推荐表', '洛阳某科技公司', '■电话询问', '同意推荐', '2022年12月5日']) expect(text).toContain(s);

    // The phone's column leaves room for 11 digits in any font, so the number stays on one line.
    const xml = await entryText(docx, 'word/document.xml');
    const phoneAt = xml.indexOf('13912345678');
    const table = xml.slice(xml.lastIndexOf('<w:tblGrid>', phoneAt), phoneAt);
    const grid = [...table.slice(0, table.indexOf('</w:tblGrid>')).matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    const row = xml.slice(xml.lastIndexOf('<w:tr>', phoneAt), phoneAt);
    const column = (row.match(/<w:tc>/g) ?? []).length - 1;
    const halfPoints = Number(/<w:sz w:val="(\d+)"\/>(?![\s\S]*<w:sz )/.exec(row)?.[1]);
    expect(grid[column]! - DEFAULT_CELL_MARGINS_TWIPS).toBeGreaterThanOrEqual(
      11 * WIDEST_DIGIT_EM * (halfPoints / 2) * TWIPS_PER_PT,
    );
    lineWith(lines, '13912345678');

    // The opinion, （盖章） and the date are on one page, the date below the seal.
    const opinion = lineWith(lines, '同意推荐');
    const seal = lineWith(lines, '（盖章）');
    const date = lineWith(lines, '2022年12月5日');
    expect([seal.page, date.page]).toEqual([opinion.page, opinion.page]);
    expect(date.top).toBeGreaterThan(seal.top);
  });

  it('附件2 .xlsx', async () => {
    const config = batchConfigSchema.parse(batch2022.config);
    const table = buildSummaryTable(2022, config, [], '洛阳市');
    const { text } = convertAndRead('summary.xlsx', await renderSummaryTableXlsx(table));
    expect(text).toContain('推荐2022年度河南省中小企业公共服务示范平台汇总表');
    expect(text).toContain('序号');
    expect(text).toContain('注：1.平台名称中不得含有“示范”字样。');
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildSiteCheckStatement,
  renderSiteCheckStatementDocx,
  renderSiteCheckStatementPdf,
} from './site-check-statement.js';
import { entryText } from './zip-entry.test-support.js';

interface Word {
  text: string;
  page: number;
  xMin: number;
  yMin: number;
}

/** The words of a PDF with their page (1-based) and position in points, from `pdftotext -bbox`. */
function wordsOf(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  for (const [i, page] of html.split('<page ').slice(1).entries())
    for (const m of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g))
      words.push({ text: m[3]!, page: i + 1, xMin: Number(m[1]), yMin: Number(m[2]) });
  return words;
}

const statement = buildSiteCheckStatement(2022, '洛阳慧智中小企业服务有限公司');
const dated = buildSiteCheckStatement(2022, '洛阳慧智中小企业服务有限公司', '2022-06-18');
const dir = path.resolve('test-artifacts/documents');

describe('附件1 现场核查真实性说明', () => {
  it('carries the notice’s text with the unit’s name', () => {
    expect(statement.body).toBe(
      '经现场核查，洛阳慧智中小企业服务有限公司2022年度河南省中小企业公共服务示范平台申报材料真实有效，符合申报要求。',
    );
    expect(statement.sealLines).toEqual(['（被核查单位盖章）', '（工业和信息化主管部门盖章）']);
  });

  it('offers the date line filled with the site check’s date, blank before it is recorded', () => {
    expect(dated.dateLine).toBe('2022年6月18日');
    expect(statement.dateLine).toBe('年    月    日');
  });

  it('as Word, marks the text Simplified Chinese and sets the body on the fixed 28 pt grid', async () => {
    const docx = await renderSiteCheckStatementDocx(dated);
    const styles = await entryText(docx, 'word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    expect(defaults).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    expect(styles.match(/<w:lang [^>]*>/g)?.every((l) => l.includes('w:eastAsia="zh-CN"'))).toBe(true);
    const xml = await entryText(docx, 'word/document.xml');
    const lined = xml.match(/<w:spacing [^>]*w:line="[^>]*>/g) ?? [];
    expect(lined.length).toBeGreaterThan(0);
    for (const spacing of lined)
      expect(spacing).toMatch(/w:line="560" w:lineRule="exact"|w:lineRule="exact" w:line="560"/);
    expect(xml).toContain('2022年6月18日');
  });

  it('as Word, names the official fonts in the East Asian slot', async () => {
    const xml = await entryText(await renderSiteCheckStatementDocx(statement), 'word/document.xml');
    expect(xml).toContain(statement.body);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
  });

  it('as PDF, embeds a CJK TrueType subset and reads back', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'site-check-statement.pdf');
    fs.writeFileSync(file, await renderSiteCheckStatementPdf(statement));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('现场核查真实性说明');
    expect(text).toContain(statement.body);
    expect(text).toContain('（工业和信息化主管部门盖章）');
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/NotoSerifSC.*CID TrueType.*yes/);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(dir, 'site-check-statement')]);
  });

  it('as PDF, prints the known date on the seals’ page, below them on the right', async () => {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'site-check-statement-dated.pdf');
    fs.writeFileSync(file, await renderSiteCheckStatementPdf(dated));
    const words = wordsOf(file);
    const date = words.find((w) => w.text.includes('2022年6月18日'));
    const seal = words.find((w) => w.text.includes('（工业和信息化主管部门盖章）'));
    expect(date).toBeDefined();
    expect(seal).toBeDefined();
    expect(new Set(words.map((w) => w.page))).toEqual(new Set([1]));
    expect(date!.yMin).toBeGreaterThan(seal!.yMin);
    expect(date!.xMin).toBeGreaterThan(595.28 / 2);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(dir, 'site-check-statement-dated')]);
  });
});

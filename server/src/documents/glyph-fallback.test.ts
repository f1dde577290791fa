import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchConfigSchema } from '#contract';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { missingFallbackFonts, setPrimaryFont, textRuns } from './glyph-fallback.js';
import { buildSiteCheckStatement, renderSiteCheckStatementPdf } from './site-check-statement.js';
import { renderSummaryTablePdf } from './summary-table-pdf.js';
import { buildSummaryTable } from './summary-table.js';

const require = createRequire(import.meta.url);
setPrimaryFont(
  fs.readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf')),
);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-glyphs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * 𠀀 and 𠀁 (U+20000, U+20001, CJK Extension B) are not in Noto Serif SC; HanaMinA has the first,
 * only HanaMinB the second. ≒ is the one GBK character Noto Serif SC lacks.
 */
const RARE_NAME = '河南𠀀𠀁㐀科技有限公司≒';

function readBack(name: string, pdf: Buffer): { text: string; fonts: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  return {
    text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''),
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
  };
}

describe('characters the document font lacks', () => {
  it('have their fallback fonts installed (fonts-hanazono, installed by .ci/run)', () => {
    expect(missingFallbackFonts()).toEqual([]);
  });

  it('are split into runs of the fallback font that has them', () => {
    expect(textRuns(RARE_NAME)).toEqual([
      { text: '河南', font: null },
      { text: '𠀀', font: 'HanaMinA' },
      { text: '𠀁', font: 'HanaMinB' },
      { text: '㐀科技有限公司', font: null },
      { text: '≒', font: 'HanaMinA' },
    ]);
    expect(textRuns('洛阳慧智 2022')).toEqual([{ text: '洛阳慧智 2022', font: null }]);
  });

  it('print in a pdfmake document (附件1) from the embedded fallback, not as boxes', async () => {
    const { text, fonts } = readBack(
      'statement.pdf',
      await renderSiteCheckStatementPdf(buildSiteCheckStatement(2022, RARE_NAME)),
    );
    expect(text).toContain(RARE_NAME);
    expect(fonts).toMatch(/HanaMinB.*TrueType.*yes/);
    expect(fonts).toMatch(/HanaMinA.*TrueType.*yes/);
  });

  it('print in the 汇总表 laid out on pdfkit', async () => {
    const config = batchConfigSchema.parse(batch2022.config);
    const table = buildSummaryTable(
      2022,
      config,
      [
        {
          form: {
            platformName: `${RARE_NAME}服务平台`,
            categories: ['信息服务'],
            registeredOn: '2018-05-10',
            totalAssetsWan: 300,
            serviceStaff: 20,
            preferentialSharePercent: 25,
          },
          unitName: RARE_NAME,
          authorityCode: '410300',
          authorityName: '洛阳市',
          institutions: 5,
          rosterCount: 80,
          siteCheckComplete: true,
          interviewed: true,
          channel: 'quota',
          designatedAreaId: null,
        },
      ],
      '洛阳市',
    );
    const { text, fonts } = readBack('summary.pdf', await renderSummaryTablePdf(table));
    for (const ch of ['𠀀', '𠀁', '≒']) expect(text).toContain(ch);
    expect(fonts).toMatch(/HanaMinB.*TrueType.*yes/);
  });

  it('leave documents without them in the document font alone', async () => {
    const { fonts } = readBack(
      'plain.pdf',
      await renderSiteCheckStatementPdf(buildSiteCheckStatement(2022, '洛阳慧智中小企业服务有限公司')),
    );
    expect(fonts).not.toMatch(/HanaMin/);
    expect(fonts).toMatch(/NotoSerifSC/);
  });
});

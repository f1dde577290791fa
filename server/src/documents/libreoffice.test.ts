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

/** Converts with LibreOffice headless, as a recipient's office suite would open the file, and reads the text back. */
function convertAndRead(name: string, body: Buffer): string {
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
    return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('generated Word and Excel open in LibreOffice', { timeout: 240_000 }, () => {
  it('附件1 .docx', async () => {
    const text = convertAndRead(
      'statement.docx',
      await renderSiteCheckStatementDocx(buildSiteCheckStatement(2022, '洛阳慧智中小企业服务有限公司')),
    );
    expect(text).toContain(
      '经现场核查，洛阳慧智中小企业服务有限公司2022年度河南省中小企业公共服务示范平台申报材料真实有效',
    );
  });

  it('附件3 .docx', async () => {
    const form = buildRecommendationForm({
      unitName: '洛阳慧智中小企业服务有限公司',
      cityName: '洛阳市',
      methods: ['phone'],
      rows: [
        {
          enterpriseName: '洛阳某科技有限公司',
          interviewee: '王五',
          position: '经理',
          phone: '13912345678',
          rating: 'satisfied',
        },
      ],
      impact: '带动区域发展',
      opinion: '同意推荐',
      opinionDate: '2022-12-05',
    });
    const text = convertAndRead('form.docx', await renderRecommendationFormDocx(form));
    for (const s of ['推荐表', '洛阳某科技有限公司', '13912345678', '■电话询问', '同意推荐', '2022年12月5日'])
      expect(text).toContain(s);
  });

  it('附件2 .xlsx', async () => {
    const config = batchConfigSchema.parse(batch2022.config);
    const table = buildSummaryTable(2022, config, [], '洛阳市');
    const text = convertAndRead('summary.xlsx', await renderSummaryTableXlsx(table));
    expect(text).toContain('推荐2022年度河南省中小企业公共服务示范平台汇总表');
    expect(text).toContain('序号');
    expect(text).toContain('注：1.平台名称中不得含有“示范”字样。');
  });
});

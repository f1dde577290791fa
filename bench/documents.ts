import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchConfigSchema } from '#contract';
import {
  buildRecommendationForm,
  renderRecommendationFormDocx,
  renderRecommendationFormPdf,
} from '../server/src/documents/recommendation-form.js';
import { renderSummaryTablePdf } from '../server/src/documents/summary-table-pdf.js';
import { renderSummaryTableXlsx } from '../server/src/documents/summary-table-xlsx.js';
import { buildSummaryTable, PROVINCE_WIDE } from '../server/src/documents/summary-table.js';
import batch2022 from '../server/src/seed/batch-2022.json' with { type: 'json' };
import { recommendedPlatformRows } from '../server/test-support/fixtures.js';
import type { Row } from './report.js';
import { fmt } from './report.js';

const config = batchConfigSchema.parse(batch2022.config);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** A 推荐表 with the minimum survey of 10 rated enterprises. */
function sampleForm() {
  return buildRecommendationForm({
    unitName: '洛阳慧智中小企业服务有限公司',
    cityName: '洛阳市',
    minSurveyed: config.rules.minSurveyed,
    methods: ['phone', 'visit'],
    rows: Array.from({ length: 10 }, (_, i) => ({
      enterpriseName: `洛阳第${i + 1}号科技有限公司`,
      interviewee: `联系人${i + 1}`,
      position: '总经理',
      phone: `1391234${String(i).padStart(4, '0')}`,
      rating: i % 3 === 0 ? 'satisfied' : 'very_satisfied',
    })),
    impact: '平台面向区域中小企业提供政策咨询、融资对接和人才培训服务，带动区域中小企业发展。',
    opinion: '经审核，该平台符合申报条件，同意推荐。',
    opinionDate: '2022-12-05',
    fingerprint: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  });
}

export interface DocumentFigures {
  formPdfMs: number;
  libreOfficeMs: number;
  summaryRows: number;
  summaryXlsxS: number;
  summaryPdfS: number;
}

/** (e) 推荐表 PDF against LibreOffice converting the same .docx; the 汇总表 for 5,000 rows. */
export async function benchDocuments(): Promise<DocumentFigures> {
  console.log('\n(e) Documents: 推荐表 PDF vs LibreOffice converting the same .docx; 汇总表 of 5,000 rows');
  const form = sampleForm();
  await renderRecommendationFormPdf(form);
  const runs = 10;
  let start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await renderRecommendationFormPdf(form);
  const formPdfMs = (seconds(start) * 1000) / runs;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-bench-docs-'));
  try {
    const docx = path.join(dir, 'form.docx');
    fs.writeFileSync(docx, await renderRecommendationFormDocx(form));
    const convert = () =>
      execFileSync(
        'soffice',
        ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docx],
        { stdio: 'pipe', timeout: 120_000 },
      );
    convert();
    start = process.hrtime.bigint();
    for (let i = 0; i < 3; i++) convert();
    const libreOfficeMs = (seconds(start) * 1000) / 3;
    console.log(`  推荐表 PDF (pdfmake, warm, mean of ${runs})      ${fmt(formPdfMs, 1).padStart(8)} ms`);
    console.log(`  LibreOffice .docx → PDF (warm profile, mean of 3) ${fmt(libreOfficeMs, 1).padStart(8)} ms`);

    const summaryRows = 5000;
    const platforms = recommendedPlatformRows(summaryRows);
    const table = buildSummaryTable(2022, config, platforms, PROVINCE_WIDE);
    start = process.hrtime.bigint();
    await renderSummaryTableXlsx(table);
    const summaryXlsxS = seconds(start);
    start = process.hrtime.bigint();
    await renderSummaryTablePdf(table);
    const summaryPdfS = seconds(start);
    console.log(`  汇总表 ${summaryRows} rows: Excel ${fmt(summaryXlsxS, 2)} s, PDF ${fmt(summaryPdfS, 2)} s`);
    return { formPdfMs, libreOfficeMs, summaryRows, summaryXlsxS, summaryPdfS };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function documentRows(f: DocumentFigures): Row[] {
  const speedup = f.libreOfficeMs / f.formPdfMs;
  return [
    {
      benchmark: '推荐表 PDF ms (vs LibreOffice)',
      value: fmt(f.formPdfMs, 1),
      baseline: `${fmt(f.libreOfficeMs, 1)} (LibreOffice)`,
      ratio: speedup,
      goal: '≥ 10×',
      met: speedup >= 10,
    },
    {
      benchmark: `汇总表 ${f.summaryRows} rows Excel s`,
      value: fmt(f.summaryXlsxS, 2),
      baseline: '—',
      ratio: null,
      goal: '< 2 s',
      met: f.summaryXlsxS < 2,
    },
    {
      benchmark: `汇总表 ${f.summaryRows} rows PDF s`,
      value: fmt(f.summaryPdfS, 2),
      baseline: '—',
      ratio: null,
      goal: '< 2 s',
      met: f.summaryPdfS < 2,
    },
  ];
}

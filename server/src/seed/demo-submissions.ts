import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { syntheticUscc, type ApplicationDraft } from '#contract';
import type { Actor } from '../policies/policy.js';
import { rosterColumns } from '../spreadsheets/list-workbooks.js';
import type { Context } from '../use-cases/context.js';
import { getMyApplication } from '../use-cases/get-my-application.js';
import { importRoster } from '../use-cases/import-roster.js';
import { replaceInstitutions } from '../use-cases/replace-institutions.js';
import { saveApplicationDraft } from '../use-cases/save-application-draft.js';
import { submitApplication } from '../use-cases/submit-application.js';
import { uploadEvidence } from '../use-cases/upload-evidence.js';

/** A one-page PDF that stands in for a scanned document in the demo. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 595 842]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const DEMO_DOCX_ENTRIES = { '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' };

async function rosterWorkbook(prefix: string, region: string, count: number, year: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('服务企业名单');
  ws.addRow(rosterColumns.map((c) => c.header));
  const services = ['政策咨询', '融资对接', '人才培训', '技术咨询', '市场开拓'];
  for (let i = 1; i <= count; i++) {
    const month = String(((i - 1) % 12) + 1).padStart(2, '0');
    ws.addRow([
      `${prefix}第${i}号科技有限公司`,
      syntheticUscc(40_000 + i, region),
      `联系人${i}`,
      '总经理',
      `139${String(37_000_000 + i).padStart(8, '0')}`,
      services[i % 5],
      `${year}-${month}-15`,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function docx(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(DEMO_DOCX_ENTRIES)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const receive = (filename: string, content: Buffer) => async () => ({
  filename,
  stream: Readable.from([content]),
  truncated: () => false,
  maxBytes: content.length,
});

/**
 * Demo mode: a few applications already submitted, so that city officials and the province have
 * something to review from the first start. They go through the real use cases.
 */
export async function seedDemoSubmissions(
  ctx: Context,
  accounts: { username: string; form: ApplicationDraft; rosterPrefix: string; region: string }[],
): Promise<void> {
  const origin = { ip: null };
  for (const a of accounts) {
    const user = await ctx.users.findByUsername(a.username);
    if (!user) continue;
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      unitId: user.unit_id,
      authorityCode: null,
    };
    const app = await getMyApplication(ctx, actor);
    await saveApplicationDraft(ctx, actor, app.id, a.form, origin);
    const year = app.batchId.startsWith('2022') ? '2021' : String(new Date().getFullYear() - 1);
    await importRoster(
      ctx,
      actor,
      app.id,
      receive('上年度服务企业名单.xlsx', await rosterWorkbook(a.rosterPrefix, a.region, 86, year)),
      origin,
    );
    const agreements = [];
    for (let i = 1; i <= 6; i++)
      agreements.push(
        await uploadEvidence(
          ctx,
          actor,
          app.id,
          'institution_agreement',
          receive(`合作协议${i}.pdf`, DEMO_PDF),
          origin,
        ),
      );
    await replaceInstitutions(
      ctx,
      actor,
      app.id,
      agreements.map((f, i) => ({
        name: `${a.rosterPrefix}合作服务机构${i + 1}`,
        uscc: syntheticUscc(60_000 + i, a.region),
        agreementFileId: f.id,
      })),
      origin,
    );
    const files: [string, string, Buffer][] = [
      ['business_license', '营业执照（副本）.pdf', DEMO_PDF],
      ['assets_report', '2021年度审计报告.pdf', DEMO_PDF],
      ['staff_list', '服务人员名单及社保证明.pdf', DEMO_PDF],
      ['fee_policy', '收费标准及优惠服务台账.pdf', DEMO_PDF],
      ['application_report', '平台申请报告.docx', await docx()],
    ];
    for (const [type, name, content] of files)
      await uploadEvidence(ctx, actor, app.id, type, receive(name, content), origin);
    await submitApplication(ctx, actor, app.id, origin);
  }
}

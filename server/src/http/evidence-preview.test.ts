import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocxPreview, OfdPreview, XlsxPreview } from '#contract';
import { fillCompletely, registerUnit, uploadEvidenceFile } from '../../test-support/applications.js';
import { craftZip, deflatedZeros, storedEntry, tinyPdf, zipWith } from '../../test-support/fixtures.js';
import { createTestApp } from '../../test-support/harness.js';
import { TestClient } from '../../test-support/http.js';
import { previewDocx, previewOfd, previewXlsx } from '../../test-support/preview-fixtures.js';
import type { App } from './app.js';

let app: App;
let owner: TestClient;
let id: string;
let ownerName: string;
const files: Record<'docx' | 'xlsx' | 'ofd' | 'pdf', string> = { docx: '', xlsx: '', ofd: '', pdf: '' };

async function upload(client: TestClient, applicationId: string, name: string, content: Buffer): Promise<string> {
  const res = await uploadEvidenceFile(client, applicationId, 'other', name, content);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const previewUrl = (applicationId: string, fileId: string) =>
  `/api/v1/applications/${applicationId}/evidence/${fileId}/preview`;

beforeAll(async () => {
  app = await createTestApp({ config: { loginRateLimitPerMinute: 1000 } });
  // 洛阳's applicant: a complete application with a Word, an Excel and an OFD file among its evidence, submitted.
  ({ client: owner, id, username: ownerName } = await registerUnit(app, 881_001));
  await fillCompletely(owner, id);
  files.docx = await upload(owner, id, '平台申请报告.docx', await previewDocx());
  files.xlsx = await upload(owner, id, '收费台账.xlsx', await previewXlsx());
  files.ofd = await upload(owner, id, '营业执照.ofd', await previewOfd());
  files.pdf = await upload(owner, id, '说明.pdf', tinyPdf());
  expect((await owner.patch(`/api/v1/applications/${id}`, { platformName: '预览测试平台' })).statusCode).toBe(200);
  const submitted = await owner.post(`/api/v1/applications/${id}/submit`);
  expect(submitted.statusCode, submitted.body).toBe(200);
}, 60_000);
afterAll(async () => app.close());

describe('GET /api/v1/applications/:id/evidence/:fileId/preview', () => {
  it('shows a Word file as headings, formatted runs, an image placeholder and a table', async () => {
    const res = await owner.get(previewUrl(id, files.docx));
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<DocxPreview>();
    expect(preview).toMatchObject({ kind: 'docx', truncated: false });
    expect(preview.blocks[0]).toEqual({ type: 'paragraph', headingLevel: 1, runs: [{ text: '第一章 平台概况' }] });
    expect(preview.blocks[1]).toEqual({
      type: 'paragraph',
      headingLevel: null,
      runs: [{ text: '平台名称：' }, { text: '洛阳中小企业服务平台', bold: true }, { text: '（示范）', italic: true }],
    });
    expect(preview.blocks[2]).toEqual({
      type: 'paragraph',
      headingLevel: null,
      runs: [{ text: '[图片]', image: true }],
    });
    expect(preview.blocks[3]).toEqual({
      type: 'table',
      rows: [
        ['服务项目', '收费标准'],
        ['管理咨询', '免费'],
      ],
    });
  });

  it('shows every sheet of a workbook as display text, dates as 年月日, cut at 500 rows × 50 columns', async () => {
    const res = await owner.get(previewUrl(id, files.xlsx));
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<XlsxPreview>();
    expect(preview).toMatchObject({ kind: 'xlsx', maxRows: 500, maxColumns: 50, truncatedSheets: false });
    expect(preview.sheets.map((s) => s.name)).toEqual(['台账', '明细']);
    const [ledger, details] = preview.sheets as [XlsxPreview['sheets'][number], XlsxPreview['sheets'][number]];
    expect(ledger).toEqual({
      name: '台账',
      rows: [
        { number: 1, cells: ['服务项目', '金额（万元）', '日期', '优惠比例'] },
        { number: 2, cells: ['管理咨询', '1234.5', '2022年12月1日', '25%'] },
      ],
      columnCount: 4,
      truncatedRows: false,
      truncatedColumns: false,
    });
    expect(details).toMatchObject({ columnCount: 50, truncatedRows: true, truncatedColumns: true });
    expect(details.rows).toHaveLength(500);
    expect(details.rows[499]).toEqual({ number: 500, cells: Array.from({ length: 50 }, (_, c) => `R500C${c + 1}`) });
  });

  it('shows an OFD as pages of positioned text, lines and image boxes, templates included', async () => {
    const res = await owner.get(previewUrl(id, files.ofd));
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json<OfdPreview>();
    expect(preview).toMatchObject({ kind: 'ofd', pageCount: 2, truncatedPages: false });
    const [first, second] = preview.pages as [OfdPreview['pages'][number], OfdPreview['pages'][number]];
    expect(first).toEqual({
      box: [0, 0, 210, 297],
      texts: [
        { origin: [80, 10], x: 0, y: 6, size: 6, bold: true, text: '营业执照' },
        { origin: [25, 40], x: 0, y: 4, size: 4, text: '统一社会信用代码', xs: [0, 4, 8, 12, 17, 22, 27, 32] },
      ],
      paths: [{ boundary: [25, 52, 160, 1], lineWidth: 0.5, d: 'M 0 0.5 L 160 0.5' }],
      images: [[150, 200, 40, 40]],
      truncated: false,
    });
    expect(second).toEqual({
      box: [0, 0, 148, 210],
      texts: [{ origin: [10, 20], x: 1, y: 5, size: 5, text: '第二页' }],
      paths: [],
      images: [],
      truncated: false,
    });
  });

  it('lets the city of the application preview it, audited like a download', async () => {
    const city = await new TestClient(app).login('luoyang');
    const res = await city.get(previewUrl(id, files.docx));
    expect(res.statusCode, res.body).toBe(200);
    const entries = await app.ctx.audit.list(1000, 'evidence.preview');
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor_name: 'luoyang', target_id: id }),
        expect.objectContaining({ actor_name: ownerName }),
      ]),
    );
    const detail = JSON.parse(entries.find((e) => e.actor_name === 'luoyang')!.detail!) as Record<string, unknown>;
    expect(detail).toEqual({ fileId: files.docx, name: '平台申请报告.docx' });
  });

  it('refuses whoever may not download the file: another city, another applicant, no one signed in', async () => {
    const nanyang = await new TestClient(app).login('nanyang');
    expect((await nanyang.get(previewUrl(id, files.docx))).statusCode).toBe(403);
    const other = await registerUnit(app, 881_002);
    expect([403, 404]).toContain((await other.client.get(previewUrl(id, files.docx))).statusCode);
    expect((await new TestClient(app).get(previewUrl(id, files.docx))).statusCode).toBe(401);
    // A file of another application, reached through one the actor may read.
    const foreign = await upload(other.client, other.id, '报告.docx', await previewDocx());
    expect((await owner.get(previewUrl(id, foreign))).statusCode).toBe(404);
  });

  it('answers a PDF with 415: it is shown as it is', async () => {
    const res = await owner.get(previewUrl(id, files.pdf));
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toBe('“说明.pdf”不是 Word、Excel 或 OFD 文件，请直接在浏览器中查看或下载');
  });
});

describe('hostile and damaged files', () => {
  let draft: { client: TestClient; id: string };
  beforeAll(async () => {
    draft = await registerUnit(app, 881_003);
  });

  async function refusal(name: string, content: Buffer): Promise<string> {
    const fileId = await upload(draft.client, draft.id, name, content);
    const res = await draft.client.get(previewUrl(draft.id, fileId));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('PREVIEW_FAILED');
    return res.json<{ message: string }>().message;
  }

  it('refuses a 200 MB bomb in word/document.xml quickly, without inflating it, naming the file', async () => {
    const started = Date.now();
    const before = process.memoryUsage().rss;
    const bomb = craftZip([
      storedEntry('[Content_Types].xml', '<Types/>'),
      { name: 'word/document.xml', data: deflatedZeros(200 * 1024 * 1024), declaredSize: 200 * 1024 * 1024 },
    ]);
    expect(await refusal('炸弹.docx', bomb)).toBe(
      '无法预览“炸弹.docx”：文件内容损坏或过大（“word/document.xml”解压后有 200.0 MB，超过 20.0 MB 的上限），请下载后用相应软件打开',
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('stops a bomb whose headers lie about its size after the declared bytes', async () => {
    const before = process.memoryUsage().rss;
    const liar = craftZip([
      storedEntry('[Content_Types].xml', '<Types/>'),
      { name: 'word/document.xml', data: deflatedZeros(200 * 1024 * 1024), declaredSize: 1000 },
    ]);
    expect(await refusal('伪装.docx', liar)).toContain('“word/document.xml”解压后的大小与文件头声明的不符');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('expands an OFD DeltaX repeat only as far as the text goes, whatever count it gives', async () => {
    const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
    const ofd = await zipWith({
      'OFD.xml': `<ofd:OFD ${ns}><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
      'Doc_0/Document.xml': `<ofd:Document ${ns}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`,
      'Doc_0/Pages/Page_0/Content.xml': `<ofd:Page ${ns}><ofd:Content><ofd:Layer>${'<ofd:TextObject Boundary="0 0 50 5" Size="3"><ofd:TextCode X="0" Y="3" DeltaX="g 999999999 3">三个字</ofd:TextCode></ofd:TextObject>'.repeat(2000)}</ofd:Layer></ofd:Content></ofd:Page>`,
    });
    const fileId = await upload(draft.client, draft.id, '重复.ofd', ofd);
    const started = Date.now();
    const res = await draft.client.get(previewUrl(draft.id, fileId));
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<OfdPreview>().pages[0]!;
    expect(page.box).toEqual([0, 0, 210, 297]);
    expect(page.texts).toHaveLength(2000);
    expect(page.texts[0]).toEqual({ origin: [0, 0], x: 0, y: 3, size: 3, text: '三个字', xs: [0, 3, 6] });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses malformed XML, nesting too deep, an entity it does not know, and a missing part', async () => {
    const broken = await zipWith({ 'word/document.xml': '<w:document><w:body><w:p></w:body></w:document>' });
    expect(await refusal('损坏.docx', broken)).toBe(
      '无法预览“损坏.docx”：文件内容损坏或过大（“word/document.xml”不是有效的 XML 或无法解压），请下载后用相应软件打开',
    );
    const deep = await zipWith({ 'word/document.xml': `${'<a>'.repeat(300)}${'</a>'.repeat(300)}` });
    expect(await refusal('嵌套.docx', deep)).toContain('“word/document.xml”的嵌套超过 256 层');
    const entity = await zipWith({
      'word/document.xml': '<!DOCTYPE d [<!ENTITY x "xxxxxxxx">]><d>&x;&x;&x;</d>',
    });
    expect(await refusal('实体.docx', entity)).toContain('不是有效的 XML');
    const ofd = await zipWith({ 'OFD.xml': '<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>' });
    expect(await refusal('缺页.ofd', ofd)).toContain('缺少“Doc_0/Document.xml”');
  });
});

import { createHash } from 'node:crypto';
import { formatChineseDateTime } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import { renderOfflineIndex, type Manifest, type ManifestEntry } from '../archive/offline-index.js';
import { bufferEntry, streamZip, type ZipEntry } from '../archive/zip-writer.js';
import { renderRecommendationFormDocx, renderRecommendationFormPdf } from '../documents/recommendation-form.js';
import { renderRecommendationLetterDocx, renderRecommendationLetterPdf } from '../documents/recommendation-letter.js';
import { buildSiteCheckStatement, renderSiteCheckStatementDocx, renderSiteCheckStatementPdf } from '../documents/site-check-statement.js';
import { renderSummaryTablePdf } from '../documents/summary-table-pdf.js';
import { renderSummaryTableXlsx } from '../documents/summary-table-xlsx.js';
import { buildSummaryTable, channelRemark } from '../documents/summary-table.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Batch } from '../repositories/reference-repository.js';
import { loadAuthorized } from './application-view.js';
import { currentBatch } from './city-package.js';
import type { Context, RequestOrigin } from './context.js';
import { exportedStream, type ExportedFile } from './exported-file.js';
import { recommendationFormFor } from './export-recommendation-form.js';
import { recommendationLetterFor } from './export-recommendation-letter.js';
import { recommendedPlatforms } from './export-summary-table.js';

/** Names that Windows Explorer accepts: no \ / : * ? " < > | and no trailing dot or space. */
export function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/[. ]+$/, '').slice(0, 120) || '未命名';
}

const extOf = (name: string) => /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0].toLowerCase() ?? '';
const digestsOf = (b: Buffer) => ({ sha256: createHash('sha256').update(b).digest('hex'), sm3: createHash('sm3').update(b).digest('hex') });

/** What goes into an archive: the zip entries and, for the manifest, the platforms and every file's digests. */
interface ArchiveContent {
  entries: ZipEntry[];
  platforms: Manifest['platforms'];
  files: ManifestEntry[];
}

/** Adds one city's documents and materials under `prefix`. */
async function addCity(ctx: Context, actor: Actor, content: ArchiveContent, batch: Batch, authority: { code: string; name: string }, prefix: string): Promise<void> {
  const { entries, files, platforms } = content;
  const addGenerated = (path: string, body: Buffer) => {
    entries.push(bufferEntry(prefix + path, body));
    files.push({ path: prefix + path, size: body.length, ...digestsOf(body) });
  };

  const letter = await recommendationLetterFor(ctx, batch, authority.code);
  addGenerated('推荐文件.docx', await renderRecommendationLetterDocx(letter));
  addGenerated('推荐文件.pdf', await renderRecommendationLetterPdf(letter));
  const table = buildSummaryTable(batch.year, batch.config, await recommendedPlatforms(ctx, batch, [authority.code]), authority.name);
  addGenerated('汇总表.xlsx', await renderSummaryTableXlsx(table));
  addGenerated('汇总表.pdf', await renderSummaryTablePdf(table));

  for (const [i, rec] of (await ctx.recommendations.listForAuthority(batch.id, authority.code)).entries()) {
    const app = await loadAuthorized(ctx, actor, rec.application_id, 'review:read');
    const platformName = (JSON.parse(rec.form) as { platformName?: string }).platformName ?? '';
    const folder = `${String(i + 1).padStart(2, '0')}-${safeName(platformName)}`;
    platforms.push({ folder: prefix + folder, platformName, unitName: rec.unit_name, channel: channelRemark({ channel: rec.channel, designatedAreaId: rec.designated_area_id, authorityName: authority.name }, batch.config) });

    const form = await recommendationFormFor(ctx, app);
    addGenerated(`${folder}/推荐表.docx`, await renderRecommendationFormDocx(form));
    addGenerated(`${folder}/推荐表.pdf`, await renderRecommendationFormPdf(form));
    const statement = buildSiteCheckStatement(batch.year, app.unit.name);
    addGenerated(`${folder}/现场核查真实性说明.docx`, await renderSiteCheckStatementDocx(statement));
    addGenerated(`${folder}/现场核查真实性说明.pdf`, await renderSiteCheckStatementPdf(statement));

    const evidence = await ctx.applications.listEvidence(rec.application_id);
    const siteCheck = await ctx.reviews.findSiteCheck(rec.application_id);
    const scan = siteCheck?.scan_file_id ? await ctx.applications.findFile(rec.application_id, siteCheck.scan_file_id) : undefined;
    const stored = [
      ...(scan ? [{ row: scan, path: `${folder}/现场核查真实性说明（双方盖章扫描件）${extOf(scan.original_name)}` }] : []),
      ...evidence.map((e, n) => {
        const label = batch.config.evidenceTypes.find((t) => t.key === e.evidence_type)?.label ?? e.evidence_type;
        return { row: e, path: `${folder}/申报材料/${String(n + 1).padStart(2, '0')}-${safeName(label)}-${safeName(e.original_name)}` };
      }),
    ];
    await ctx.digests.settle(stored.map((x) => x.row));
    for (const x of stored) {
      const row = await ctx.applications.findFile(rec.application_id, x.row.id);
      if (!row?.sha256 || !row.sm3 || row.crc32 === null) throw new AppError('DIGEST_PENDING');
      const size = Number(row.size_bytes);
      entries.push({ name: prefix + x.path, size, crc32: Number(row.crc32), data: () => ctx.blobs.open(row.storage_key) });
      files.push({ path: prefix + x.path, size, sha256: row.sha256, sm3: row.sm3 });
    }
  }
}

/** Closes the archive with its manifest and offline page; the zip streams out as it is written, its length known. */
function finish(ctx: Context, title: string, authorityName: string, content: ArchiveContent): ExportedFile {
  const now = ctx.clock.now();
  const manifest: Manifest = { title, authorityName, generatedAt: formatChineseDateTime(now), platforms: content.platforms, files: content.files };
  const entries = [...content.entries, bufferEntry('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2))), bufferEntry('index.html', Buffer.from(renderOfflineIndex(manifest)))];
  const { size, stream } = streamZip(entries, { modifiedAt: now });
  return exportedStream(title, stream, size);
}

/**
 * The city's electronic package (刻盘), streamed: 推荐文件 and 汇总表 at the top, a folder per platform
 * with its 推荐表, 真实性说明 (generated and sealed scan) and all its evidence, a manifest with size,
 * SHA-256 and SM3 of every file, and an index.html that verifies the files offline. The zip is written
 * by archive/zip-writer.ts: stored entries, constant memory, ZIP64 when needed, UTF-8 names, and a
 * length known before the first byte.
 */
export async function exportPackageArchive(ctx: Context, actor: Actor | null, authorityCode: string, origin: RequestOrigin): Promise<ExportedFile> {
  authorize(actor, 'package:read', { kind: 'package', authorityCode });
  const batch = await currentBatch(ctx);
  const authority = await ctx.references.findAuthority(authorityCode);
  if (!authority || authority.kind !== 'city') throw new AppError('NOT_FOUND', '推荐单位不存在');
  if ((await ctx.recommendations.listForAuthority(batch.id, authorityCode)).length === 0) throw new AppError('NOT_READY', '该市尚未推荐任何平台，没有可导出的推荐材料');
  const content: ArchiveContent = { entries: [], platforms: [], files: [] };
  await addCity(ctx, actor, content, batch, authority, '');
  const title = `推荐${batch.year}年度河南省中小企业公共服务示范平台材料（${authority.name}）`;
  await auditArchive(ctx, actor, origin, authorityCode, content.files.length);
  return finish(ctx, title, authority.name, content);
}

/** Every city's package in one archive for the province, a folder per city, one manifest and offline page. */
export async function exportProvinceArchive(ctx: Context, actor: Actor | null, origin: RequestOrigin): Promise<ExportedFile> {
  authorize(actor, 'board:read');
  const batch = await currentBatch(ctx);
  const content: ArchiveContent = { entries: [], platforms: [], files: [] };
  for (const authority of (await ctx.references.listAuthorities()).filter((a) => a.kind === 'city')) {
    if ((await ctx.recommendations.listForAuthority(batch.id, authority.code)).length === 0) continue;
    await addCity(ctx, actor, content, batch, authority, `${safeName(authority.name)}/`);
  }
  if (content.files.length === 0) throw new AppError('NOT_READY', '各市尚未推荐任何平台，没有可导出的推荐材料');
  const title = `推荐${batch.year}年度河南省中小企业公共服务示范平台材料（全省）`;
  await auditArchive(ctx, actor, origin, 'province', content.files.length);
  return finish(ctx, title, '全省', content);
}

function auditArchive(ctx: Context, actor: Actor, origin: RequestOrigin, target: string, files: number) {
  return ctx.audit.record(
    { actorUserId: actor.userId, actorName: actor.username, ip: origin.ip, action: 'document.download', targetType: 'package', targetId: target, detail: { document: 'package.zip', files } },
    ctx.clock.now(),
  );
}

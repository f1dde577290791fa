import { createHash } from 'node:crypto';
import { formatChineseDateTime } from '../../domain/calendar.js';
import { renderOfflineIndex, type Manifest, type ManifestEntry } from '../../archive/offline-index.js';
import { bufferEntry, streamZip, type ZipEntry } from '../../archive/zip-writer.js';
import { renderApplicationDossierDocx } from '../../documents/application-dossier-docx.js';
import { renderApplicationDossierPdf } from '../../documents/application-dossier-pdf.js';
import { renderRecommendationFormDocx, renderRecommendationFormPdf } from '../../documents/recommendation-form.js';
import { renderRecommendationLetterFiles } from '../../documents/recommendation-letter.js';
import {
  buildSiteCheckStatement,
  renderSiteCheckStatementDocx,
  renderSiteCheckStatementPdf,
} from '../../documents/site-check-statement.js';
import { renderSummaryTablePdf } from '../../documents/summary-table-pdf.js';
import { renderSummaryTableXlsx } from '../../documents/summary-table-xlsx.js';
import { buildSummaryTable } from '../../documents/summary-table.js';
import type { Actor } from '../../policies/policy.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context, RequestOrigin } from '../context.js';
import { SUMS_FILE } from '../../documents/fingerprint.js';
import { applicationDossierFor } from './application-dossier.js';
import { exportedStream, type ExportedFile } from './exported-file.js';
import type { PlannedCity } from './package-archive-plan.js';
import { fingerprintOf, sm3SumsOf } from './package-fingerprint.js';
import { recommendationFormFor } from './recommendation-form.js';
import { recommendationLetterFor } from './recommendation-letter.js';
import { recommendedPlatforms } from './summary-table.js';

const digestsOf = (b: Buffer) => ({
  sha256: createHash('sha256').update(b).digest('hex'),
  sm3: createHash('sm3').update(b).digest('hex'),
});
/** What goes into an archive: the zip entries and, for the manifest, the platforms and every file's digests. */
interface ArchiveContent {
  entries: ZipEntry[];
  platforms: Manifest['platforms'];
  files: ManifestEntry[];
  fingerprints: Manifest['fingerprints'];
}
/** Renders one city's documents and adds them with its stored materials under the city's prefix. */
async function addCity(ctx: Context, content: ArchiveContent, batch: Batch, city: PlannedCity): Promise<void> {
  const { entries, files, platforms } = content;
  const { authority, prefix } = city;
  const addGenerated = (path: string, body: Buffer) => {
    entries.push(bufferEntry(prefix + path, body));
    files.push({ path: prefix + path, size: body.length, ...digestsOf(body) });
  };

  const sums = sm3SumsOf(city);
  const fingerprint = fingerprintOf(sums);
  const version = await ctx.recommendations.findLatestVersion(batch.id, authority.code);
  const pkg = await ctx.recommendations.findPackage(batch.id, authority.code);
  content.fingerprints.push({
    authorityName: authority.name,
    sumsPath: prefix + SUMS_FILE,
    sm3: fingerprint,
    docNumber: pkg?.status === 'submitted' ? (version?.doc_number ?? null) : null,
  });
  const letter = await recommendationLetterFor(ctx, batch, authority, fingerprint);
  const letterFiles = await renderRecommendationLetterFiles(letter);
  addGenerated('推荐文件.docx', letterFiles.docx);
  addGenerated('推荐文件.pdf', letterFiles.pdf);
  const table = buildSummaryTable(
    batch.year,
    batch.config,
    await recommendedPlatforms(ctx, batch, [authority.code]),
    authority.name,
  );
  addGenerated('汇总表.xlsx', await renderSummaryTableXlsx(table));
  addGenerated('汇总表.pdf', await renderSummaryTablePdf(table));
  addGenerated(SUMS_FILE, sums);

  for (const p of city.platforms) {
    platforms.push({
      folder: prefix + p.folder,
      platformName: p.platformName,
      unitName: p.unitName,
      channel: p.channel,
    });
    const dossier = await applicationDossierFor(ctx, p.app);
    addGenerated(`${p.folder}/申报书.docx`, await renderApplicationDossierDocx(dossier));
    addGenerated(`${p.folder}/申报书.pdf`, await renderApplicationDossierPdf(dossier));
    const form = await recommendationFormFor(ctx, p.app, fingerprint);
    addGenerated(`${p.folder}/推荐表.docx`, await renderRecommendationFormDocx(form));
    addGenerated(`${p.folder}/推荐表.pdf`, await renderRecommendationFormPdf(form));
    const siteCheck = await ctx.reviews.findSiteCheck(p.app.row.id);
    const statement = buildSiteCheckStatement(batch.year, p.app.unit.name, siteCheck?.checked_on ?? null);
    addGenerated(`${p.folder}/现场核查真实性说明.docx`, await renderSiteCheckStatementDocx(statement));
    addGenerated(`${p.folder}/现场核查真实性说明.pdf`, await renderSiteCheckStatementPdf(statement));
    for (const { row, path } of p.stored) {
      const size = Number(row.size_bytes);
      entries.push({ name: prefix + path, size, crc32: row.crc32, data: () => ctx.blobs.open(row.storage_key) });
      files.push({ path: prefix + path, size, sha256: row.sha256, sm3: row.sm3 });
    }
  }
}
/**
 * The archive of the planned cities: their documents rendered now, their stored files streamed from
 * disk, each city's SM3SUMS.txt whose SM3 is the fingerprint its paper prints (documents/fingerprint.ts),
 * a manifest with size, SHA-256 and SM3 of every file, and the offline page. The zip is written
 * by archive/zip-writer.ts: stored entries, constant memory, ZIP64 when needed, UTF-8 names, and a
 * length known before the first byte.
 */
export async function buildArchive(
  ctx: Context,
  actor: Actor,
  origin: RequestOrigin,
  batch: Batch,
  cities: readonly PlannedCity[],
  scope: { code: string; name: string },
): Promise<ExportedFile> {
  const content: ArchiveContent = { entries: [], platforms: [], files: [], fingerprints: [] };
  for (const city of cities) await addCity(ctx, content, batch, city);
  const title = `推荐${batch.year}年度河南省中小企业公共服务示范平台材料（${scope.name}）`;
  await ctx.audit.record(
    {
      actorUserId: actor.userId,
      actorName: actor.username,
      ip: origin.ip,
      action: 'document.download',
      targetType: 'package',
      targetId: scope.code,
      detail: { document: 'package.zip', files: content.files.length },
    },
    ctx.clock.now(),
  );
  const now = ctx.clock.now();
  const manifest: Manifest = {
    title,
    authorityName: scope.name,
    generatedAt: formatChineseDateTime(now),
    platforms: content.platforms,
    fingerprints: content.fingerprints,
    files: content.files,
  };
  const entries = [
    ...content.entries,
    bufferEntry('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2))),
    bufferEntry('index.html', Buffer.from(renderOfflineIndex(manifest))),
  ];
  const { size, stream } = streamZip(entries, { modifiedAt: now });
  return exportedStream(title, stream, size);
}

import { AppError } from '../../domain/errors.js';
import { channelRemark } from '../../documents/summary-table.js';
import { authorize, type Actor } from '../../policies/policy.js';
import type { EvidenceRow } from '../../repositories/application-repository.js';
import type { Batch } from '../../repositories/reference-repository.js';
import type { Context } from '../context.js';
import { loadAuthorized, type LoadedApplication } from '../loaders/application.js';
import { currentBatch } from '../loaders/batch.js';
import { loadRecommendingAuthorities, loadRecommendingAuthority } from './recommending-authorities.js';

/** Joliet, which disc burners write beside UDF for older readers, keeps 64 UTF-16 units of a name. */
export const DISC_NAME_MAX = 64;
/** A platform's folder: NN- and the start of its name, so a whole path stays well inside Windows' 260. */
const FOLDER_NAME_MAX = 33;

const extOf = (name: string) => /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0].toLowerCase() ?? '';

/**
 * A file or folder name for the disc: characters Windows refuses (\ / : * ? " < > | and controls) become
 * _, no trailing dot or space, and at most `max` UTF-16 units with the extension kept (a character
 * outside the BMP counts two, as in Joliet).
 */
export function discName(name: string, max = DISC_NAME_MAX): string {
  // eslint-disable-next-line no-control-regex -- control characters are what a disc's file names must not carry
  const clean = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/[. ]+$/, '') || '未命名';
  if (clean.length <= max) return clean;
  const ext = extOf(clean);
  let stem = '';
  for (const ch of clean) {
    if (stem.length + ch.length > max - ext.length) break;
    stem += ch;
  }
  return stem.replace(/[. ]+$/, '') + ext;
}

/** A stored file with its digests recorded and its bytes present on disk. */
export interface PlannedFile {
  row: EvidenceRow & { sha256: string; sm3: string; crc32: number };
  /** Path inside the city's part of the archive. */
  path: string;
}

export interface PlannedPlatform {
  app: LoadedApplication;
  folder: string;
  platformName: string;
  unitName: string;
  channel: string;
  stored: PlannedFile[];
}

export interface PlannedCity {
  authority: { code: string; name: string };
  /** Folder of the city inside a province-wide archive; '' in the city's own. */
  prefix: string;
  platforms: PlannedPlatform[];
}

/**
 * What a city's part of the 刻盘 package holds, checked before anything is rendered or streamed: every
 * recommended platform with its sealed site-check scan and evidence, each file's digests recorded
 * (waiting for the digest worker if needed), its last scrub passed, and its bytes present with the
 * recorded size — a file missing mid-stream would cut a multi-gigabyte download.
 */
export async function planCity(
  ctx: Context,
  actor: Actor,
  batch: Batch,
  authority: { code: string; name: string },
  prefix: string,
): Promise<PlannedCity> {
  const platforms: PlannedPlatform[] = [];
  for (const [i, rec] of (await ctx.recommendations.listForAuthority(batch.id, authority.code)).entries()) {
    const app = await loadAuthorized(ctx, actor, rec.application_id, 'review:read');
    const platformName = (JSON.parse(rec.form) as { platformName?: string }).platformName ?? '';
    const folder = discName(`${String(i + 1).padStart(2, '0')}-${platformName}`, FOLDER_NAME_MAX);
    const evidence = await ctx.applications.listEvidence(rec.application_id);
    const siteCheck = await ctx.reviews.findSiteCheck(rec.application_id);
    const scan = siteCheck?.scan_file_id
      ? await ctx.applications.findFile(rec.application_id, siteCheck.scan_file_id)
      : undefined;
    const files = [
      ...(scan
        ? [{ row: scan, path: `${folder}/现场核查真实性说明（双方盖章扫描件）${extOf(scan.original_name)}` }]
        : []),
      ...evidence.map((e, n) => {
        const label = batch.config.evidenceTypes.find((t) => t.key === e.evidence_type)?.label ?? e.evidence_type;
        return {
          row: e,
          path: `${folder}/申报材料/${discName(`${String(n + 1).padStart(2, '0')}-${label}-${e.original_name}`)}`,
        };
      }),
    ];
    await ctx.digests.settle(files.map((x) => x.row));
    const stored: PlannedFile[] = [];
    for (const x of files) {
      // Only a file whose digests were still pending is read again.
      const row = x.row.crc32 === null ? await ctx.applications.findFile(rec.application_id, x.row.id) : x.row;
      if (!row?.sha256 || !row.sm3 || row.crc32 === null) throw new AppError('DIGEST_PENDING');
      if (row.check_failed_at) {
        throw new AppError(
          'STORED_FILE_MISSING',
          `材料“${row.original_name}”（${platformName}）未通过完整性校验：服务器上的文件内容与上传时记录的摘要不符，不能生成刻盘材料，请联系系统管理员`,
        );
      }
      if ((await ctx.blobs.sizeOf(row.storage_key)) !== Number(row.size_bytes)) {
        throw new AppError(
          'STORED_FILE_MISSING',
          `材料“${row.original_name}”（${platformName}）在服务器上缺失或大小已改变，不能生成刻盘材料，请联系系统管理员`,
        );
      }
      stored.push({ row: { ...row, sha256: row.sha256, sm3: row.sm3, crc32: Number(row.crc32) }, path: x.path });
    }
    platforms.push({
      app,
      folder,
      platformName,
      unitName: rec.unit_name,
      channel: channelRemark(
        { channel: rec.channel, designatedAreaId: rec.designated_area_id, authorityName: authority.name },
        batch.config,
      ),
      stored,
    });
  }
  return { authority, prefix, platforms };
}

/** The city's package plan; refuses a city that is not a recommending authority or has recommended nothing. */
export async function planCityPackage(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  batchId?: string,
): Promise<{ batch: Batch; city: PlannedCity; actor: Actor }> {
  authorize(actor, 'package:read', { kind: 'package', authorityCode });
  const batch = await currentBatch(ctx, batchId);
  const authority = await loadRecommendingAuthority(ctx, batch, authorityCode);
  const city = await planCity(ctx, actor, batch, authority, '');
  if (city.platforms.length === 0) throw new AppError('NOT_READY', '该市尚未推荐任何平台，没有可导出的推荐材料');
  return { batch, city, actor };
}

/** Every authority recommending in the batch that has a recommendation, each in a folder of its own. */
export async function planProvincePackage(
  ctx: Context,
  actor: Actor | null,
  batchId?: string,
): Promise<{ batch: Batch; cities: PlannedCity[]; actor: Actor }> {
  authorize(actor, 'board:read');
  const batch = await currentBatch(ctx, batchId);
  const cities: PlannedCity[] = [];
  for (const authority of await loadRecommendingAuthorities(ctx, batch)) {
    const city = await planCity(ctx, actor, batch, authority, `${discName(authority.name)}/`);
    if (city.platforms.length > 0) cities.push(city);
  }
  if (cities.length === 0) throw new AppError('NOT_READY', '各市尚未推荐任何平台，没有可导出的推荐材料');
  return { batch, cities, actor };
}

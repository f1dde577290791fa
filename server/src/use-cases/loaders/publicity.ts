import { createHash, timingSafeEqual } from 'node:crypto';
import type { ObjectionView, PublicityView } from '#contract';
import { formatChineseDateTime } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { windowPhase } from '../../domain/working-days.js';
import { presentObjection, presentPublicity } from '../../presenters/publicity.js';
import type { ObjectionRow, PublicityRow } from '../../repositories/publicity-repository.js';
import type { Context } from '../context.js';

/** A 公示 by id, or 404 in words. */
export async function loadPublicity(ctx: Context, id: string): Promise<PublicityRow> {
  const row = await ctx.publicities.findPublicity(id);
  if (!row) throw new AppError('NOT_FOUND', '公示不存在');
  return row;
}

/** The province's view of a 公示 as it stands now. */
export async function publicityView(ctx: Context, publicity: PublicityRow): Promise<PublicityView> {
  const store = ctx.publicities;
  const [candidates, objections] = await Promise.all([
    store.listCandidates([publicity.id]),
    store.listObjections(publicity.id),
  ]);
  const files = await store.listObjectionFiles(objections.map((o) => o.id));
  const officials = await officialNames(ctx, objections);
  return presentPublicity(publicity, candidates, objections, files, officials, ctx.clock.now());
}

/** The names of the officials the objections are assigned to. */
async function officialNames(ctx: Context, objections: readonly ObjectionRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(objections.flatMap((o) => (o.assigned_to ? [o.assigned_to] : [])))];
  const rows = await ctx.publicities.provinceOfficials(ids);
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** An objection by id, or 404 in words. */
export async function loadObjection(ctx: Context, id: string): Promise<ObjectionRow> {
  const objection = await ctx.publicities.findObjection(id);
  if (!objection) throw new AppError('NOT_FOUND', '异议不存在');
  return objection;
}

/** The province's view of one objection as it stands now. */
export async function objectionView(ctx: Context, id: string): Promise<ObjectionView> {
  const store = ctx.publicities;
  const objection = await loadObjection(ctx, id);
  const candidate = (await store.findCandidate(objection.recognition_id))!;
  return presentObjection(objection, {
    platformName: candidate.platform_name,
    files: await store.listObjectionFiles([objection.id]),
    officials: await officialNames(ctx, [objection]),
  });
}

/**
 * Refuses what only the window allows (an objection online, its evidence) outside it, naming the window in
 * Chinese dates; judged to the second in CST.
 */
export function assertInsideWindow(ctx: Context, publicity: PublicityRow, what: string): void {
  if (windowPhase({ startsAt: publicity.starts_at, endsAt: publicity.ends_at }, ctx.clock.now()) === 'open') return;
  const from = formatChineseDateTime(new Date(publicity.starts_at));
  const to = formatChineseDateTime(new Date(publicity.ends_at));
  throw new AppError('INVALID_TRANSITION', `不在公示期内，不能${what}（公示期：${from}至${to}）`);
}

/** What is stored of an objection's upload token: its SHA-256. */
export const objectionTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The objection an online objector attaches evidence to, by the token its receipt gave: an unknown objection, a
 * paper one or a wrong token are all the same 404 (nothing tells which ids exist).
 */
export async function loadObjectionByToken(ctx: Context, id: string, token: string | undefined): Promise<ObjectionRow> {
  const objection = await ctx.publicities.findObjection(id);
  const expected = objection?.upload_token_hash;
  const given = token ? objectionTokenHash(token) : '';
  if (!objection || !expected || !timingSafeEqual(Buffer.from(given.padEnd(64)), Buffer.from(expected))) {
    throw new AppError('NOT_FOUND', '异议不存在或上传凭证不正确');
  }
  return objection;
}

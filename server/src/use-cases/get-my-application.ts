import { randomUUID } from 'node:crypto';
import type {
  ApplicationDraft,
  ApplicationView,
  EarlierApplication,
  EvidenceType,
  MyApplications,
  PreviousEvidence,
} from '#contract';
import { isEditable } from '../domain/application-status.js';
import { AppError } from '../domain/errors.js';
import { recommendingAuthorityOf } from '../domain/routing.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { ApplicationRow } from '../repositories/application-repository.js';
import type { Batch } from '../repositories/reference-repository.js';
import { AGREEMENT_TYPE } from '../repositories/file-repository.js';
import { mediaTypes } from '../storage/content-type.js';
import type { Context } from './context.js';
import { isBatchOpen } from './guards/batch.js';
import { authorizeLoaded, loadApplicationView, loadAuthorized } from './loaders/application.js';

/** What the applicant's home is made of: the open batch, the unit's application there, and its other applications. */
interface UnitApplications {
  unit: NonNullable<Awaited<ReturnType<Context['users']['findUnit']>>>;
  open: Batch | undefined;
  /** The application in the open batch; when no batch is open, the latest one. */
  current: { row: ApplicationRow; batch: Batch } | undefined;
  /** The unit's applications in the other batches, newest batch first. */
  earlier: { row: ApplicationRow; batch: Batch }[];
}

async function readUnitApplications(ctx: Context, actor: Actor): Promise<UnitApplications> {
  const [batches, rows, unit] = await Promise.all([
    ctx.references.listBatches(),
    ctx.applications.listByUnit(actor.unitId!),
    ctx.users.findUnit(actor.unitId!),
  ]);
  if (!unit) throw new AppError('NOT_FOUND', '申报单位不存在');
  const now = ctx.clock.now();
  const open = batches.find((b) => isBatchOpen(b, now));
  const withBatch = batches.flatMap((batch) => {
    const row = rows.find((a) => a.batch_id === batch.id);
    return row ? [{ row, batch }] : [];
  });
  const current = open ? withBatch.find((a) => a.batch.id === open.id) : withBatch[0];
  return { unit, open, current, earlier: withBatch.filter((a) => a.row.id !== current?.row.id) };
}

const presentEarlier = ({ row, batch }: { row: ApplicationRow; batch: Batch }): EarlierApplication => ({
  id: row.id,
  batchId: batch.id,
  year: batch.year,
  batchLabel: batch.label,
  platformName: (JSON.parse(row.form) as ApplicationDraft).platformName ?? '',
  status: row.status,
  submittedAt: row.submitted_at,
  hasReceipt: row.version > 0,
});

/** The unit's earlier application a new one starts from: the latest one ever submitted. */
export const previousSubmitted = (earlier: UnitApplications['earlier']) => earlier.find((a) => a.row.version > 0);

/**
 * The files of the previous application that may be confirmed for `target`: of an evidence type the
 * target's batch still asks for (not the roster, last year's service list, nor institution agreements,
 * which belong to the institution rows) in a kind it still accepts, within the type's size limit, and
 * not confirmed yet.
 */
export async function reusableEvidence(
  ctx: Context,
  previous: ApplicationRow,
  target: { id: string; batch: Batch },
): Promise<PreviousEvidence[]> {
  const [files, held] = await Promise.all([
    ctx.applications.listEvidence(previous.id),
    ctx.applications.listEvidence(target.id),
  ]);
  const heldKeys = new Set(held.map((f) => f.storage_key));
  return files.flatMap((f) => {
    const type = reusableType(target.batch, f.evidence_type, f.media_type);
    if (!type || !withinSizeLimit(type, Number(f.size_bytes)) || heldKeys.has(f.storage_key)) return [];
    return [
      {
        id: f.id,
        applicationId: previous.id,
        evidenceType: f.evidence_type,
        typeLabel: type.label,
        originalName: f.original_name,
        sizeBytes: Number(f.size_bytes),
        uploadedAt: f.uploaded_at,
      },
    ];
  });
}

/** The batch's evidence type a file of `evidenceType` and `mediaType` may be confirmed as, if any. */
export function reusableType(batch: Batch, evidenceType: string, mediaType: string) {
  if (evidenceType === 'roster' || evidenceType === AGREEMENT_TYPE) return undefined;
  const type = batch.config.evidenceTypes.find((t) => t.key === evidenceType);
  const accepted = type?.accepts.some((kind) => mediaTypes[kind as keyof typeof mediaTypes] === mediaType);
  return accepted ? type : undefined;
}

/** Whether a file of `sizeBytes` is within the evidence type's size limit (an upload is cut at it). */
export const withinSizeLimit = (type: EvidenceType, sizeBytes: number) => sizeBytes <= type.maxMb * 1024 * 1024;

/**
 * The applicant's home (GET /my/applications): the application in the open batch — created as a blank
 * draft on first visit unless the unit submitted before; when it did, nothing is created and
 * the home offers 新建空白申报 or starting from the latest submitted application. With no batch open,
 * the latest application, read only. Earlier batches' applications are listed with their receipts.
 */
export async function getMyApplications(ctx: Context, actor: Actor | null): Promise<MyApplications> {
  authorize(actor, 'application:own');
  let state = await readUnitApplications(ctx, actor);
  if (!state.current && state.open && !previousSubmitted(state.earlier)) {
    await createBlank(ctx, state.unit, state.open);
    state = await readUnitApplications(ctx, actor);
  }
  const { open, current, earlier } = state;
  const previous = previousSubmitted(earlier);
  const view =
    current &&
    (await loadApplicationView(ctx, authorizeLoaded(actor, { ...current, unit: state.unit }, 'application:read')));
  const currentBatch = open && current?.batch.id === open.id ? open : undefined;
  const previousEvidence =
    previous && current && currentBatch && isEditable(current.row.status)
      ? await reusableEvidence(ctx, previous.row, { id: current.row.id, batch: currentBatch })
      : [];
  return {
    current: view ?? null,
    openBatch: open ? { id: open.id, year: open.year, label: open.label } : null,
    startFrom: open && !current && previous ? presentEarlier(previous) : null,
    earlier: earlier.map(presentEarlier),
    previousEvidence,
  };
}

/**
 * The applicant's application in the open batch (GET /my/application), created on first visit as a
 * blank draft unless the unit submitted in an earlier batch: then it chooses first (409
 * START_CHOICE_REQUIRED). With no batch open, the latest application, read only.
 */
export async function getMyApplication(ctx: Context, actor: Actor | null): Promise<ApplicationView> {
  authorize(actor, 'application:own');
  const { unit, open, current, earlier } = await readUnitApplications(ctx, actor);
  // Read once with its batch and unit: the view needs no second look-up of any of them.
  if (current) return loadApplicationView(ctx, authorizeLoaded(actor, { ...current, unit }, 'application:read'));
  if (!open) throw new AppError('BATCH_CLOSED', '当前没有开放申报的批次');
  if (previousSubmitted(earlier)) throw new AppError('START_CHOICE_REQUIRED');
  const row = await createBlank(ctx, unit, open);
  return loadApplicationView(ctx, await loadAuthorized(ctx, actor, row.id, 'application:read'));
}

/** 新建空白申报 (POST /my/application): a blank draft in the open batch; 409 when the unit has one there. */
export async function startBlankApplication(ctx: Context, actor: Actor | null): Promise<ApplicationView> {
  authorize(actor, 'application:own');
  const { unit, open, current } = await readUnitApplications(ctx, actor);
  if (!open) throw new AppError('BATCH_CLOSED', '当前没有开放申报的批次');
  if (current) throw new AppError('APPLICATION_EXISTS');
  const row = await createBlank(ctx, unit, open);
  return loadApplicationView(ctx, await loadAuthorized(ctx, actor, row.id, 'application:read'));
}

/** The recommending authority of the unit's region in the batch: the batch's routing, else the region's own. */
export async function authorityOf(ctx: Context, regionCode: string, batch: Batch): Promise<string> {
  const region = await ctx.references.findRegion(regionCode);
  if (!region) throw new Error(`region ${regionCode} has no recommending authority`);
  return recommendingAuthorityOf(batch.config.routing, region);
}

/** A draft holding the contact person given at registration (of concurrent first visits, one is created). */
async function createBlank(ctx: Context, unit: UnitApplications['unit'], batch: Batch): Promise<ApplicationRow> {
  const now = ctx.clock.now();
  return ctx.applications.insertIfAbsent({
    id: randomUUID(),
    batch_id: batch.id,
    unit_id: unit.id,
    authority_code: await authorityOf(ctx, unit.region_code, batch),
    status: 'draft',
    version: 0,
    form: JSON.stringify({
      channel: 'quota',
      categories: [],
      contactName: unit.contact_name,
      contactPhone: unit.contact_phone,
    }),
    submitted_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
}

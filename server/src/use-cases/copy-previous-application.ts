import { randomUUID } from 'node:crypto';
import type { AnnualReportDraft, ApplicationDraft, ApplicationView } from '#contract';
import { AppError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { Batch } from '../repositories/reference-repository.js';
import type { Context, RequestOrigin } from './context.js';
import { isBatchOpen } from './guards/batch.js';
import { authorityOf } from './get-my-application.js';
import { loadApplicationView, loadAuthorized } from './loaders/application.js';

/**
 * 以往年申报为基础: a draft in the open batch that starts from one of the unit's earlier applications.
 *
 * Copied: what still means the same next year — the platform's name and description, the unit's facts
 * (registration date, address, legal representative, principal), the contact person, the channel, the
 * categories and designated area the new batch still has, and the institutions (names and codes; their
 * agreements are evidence, uploaded or confirmed again).
 *
 * Left empty: the figures that are per year — total assets, service staff, the preferential share (and
 * the roster, last year's service list, whose count is 年服务企业数). A clerk copying last year's form
 * expects to update these from this year's accounts; copied, they would pass the new batch's thresholds
 * unchanged and could be submitted stale, while empty ones are listed as missing until entered, so they
 * are never submitted without being looked at. The new batch's rules judge the copy like any draft.
 *
 * 复核 (a recognised platform whose validity ends in the new batch's year): the per-year figures are the ones its
 * yearly report on the year the batch's figures are as of already claimed — total assets, service staff and the
 * preferential share are filled in from that report (submitted, so seen and checked); the roster is imported again.
 *
 * Evidence is not copied: each earlier file is offered for re-confirmation (confirm-previous-evidence.ts).
 * Only the applicant of the unit, only into the open batch, only while the unit has no application
 * there (409 otherwise; of concurrent copies one is made); audited in the same transaction.
 */
export async function copyPreviousApplication(
  ctx: Context,
  actor: Actor | null,
  fromApplicationId: string,
  origin: RequestOrigin,
): Promise<ApplicationView> {
  authorize(actor, 'application:own');
  const source = await loadAuthorized(ctx, actor, fromApplicationId, 'application:read');
  const now = ctx.clock.now();
  const open = (await ctx.references.listBatches()).find((b) => isBatchOpen(b, now));
  if (!open) throw new AppError('BATCH_CLOSED', '当前没有开放申报的批次');
  if (source.row.batch_id === open.id) throw new AppError('APPLICATION_EXISTS', '只能以往年批次的申报为基础');
  if (await ctx.applications.findByBatchAndUnit(open.id, source.unit.id)) throw new AppError('APPLICATION_EXISTS');

  const id = randomUUID();
  const renewal = await ctx.annualReports.renewalSource(
    source.unit.id,
    open.year,
    Number(open.config.assetsAsOf.slice(0, 4)),
  );
  const form = { ...carriedOver(JSON.parse(source.row.form) as ApplicationDraft, open), ...reported(renewal) };
  const institutions = await ctx.applications.listInstitutions(source.row.id);
  const created = await ctx.transaction(async (tx) => {
    const inserted = await tx.applications.insertCopy(
      {
        id,
        batch_id: open.id,
        unit_id: source.unit.id,
        authority_code: await authorityOf(tx, source.unit.region_code, open),
        status: 'draft',
        version: 0,
        form: JSON.stringify(form),
        submitted_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      },
      institutions.map((i, position) => ({
        id: randomUUID(),
        application_id: id,
        position,
        name: i.name,
        uscc: i.uscc,
        agreement_file_id: null,
      })),
    );
    if (!inserted) return false;
    await tx.audit.record(
      {
        actorUserId: source.actor.userId,
        actorName: source.actor.username,
        ip: origin.ip,
        action: 'application.copy',
        targetType: 'application',
        targetId: id,
        detail: {
          fromApplicationId: source.row.id,
          fromBatchId: source.row.batch_id,
          batchId: open.id,
          ...(renewal && { renews: renewal.id, renewsCertificate: renewal.certificate_number }),
        },
      },
      now,
    );
    return true;
  });
  if (!created) throw new AppError('APPLICATION_EXISTS');
  return loadApplicationView(ctx, await loadAuthorized(ctx, actor, id, 'application:read'));
}

/** The fields of an earlier form that still mean the same in `batch` (see above); per-year figures are left out. */
function carriedOver(previous: ApplicationDraft, batch: Batch): ApplicationDraft {
  const area = batch.config.designatedAreas.find((a) => a.id === previous.designatedAreaId);
  return {
    platformName: previous.platformName,
    description: previous.description,
    registeredOn: previous.registeredOn,
    address: previous.address,
    legalRepresentative: previous.legalRepresentative,
    principalName: previous.principalName,
    principalTitle: previous.principalTitle,
    contactName: previous.contactName,
    contactPhone: previous.contactPhone,
    channel: previous.channel ?? 'quota',
    categories: (previous.categories ?? []).filter((c) => batch.config.categories.includes(c)),
    designatedAreaId: area ? area.id : null,
  };
}

/** 复核: the figures of the platform's yearly report that the new form asks for as of the same year. */
function reported(renewal: { figures: string } | undefined): ApplicationDraft {
  if (!renewal) return {};
  const f = JSON.parse(renewal.figures) as AnnualReportDraft['figures'];
  return {
    totalAssetsWan: f.totalAssetsWan,
    serviceStaff: f.serviceStaff,
    preferentialSharePercent: f.preferentialSharePercent,
  };
}

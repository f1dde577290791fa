import type { ApplicationDraft, EvidenceFileView, InstitutionView } from '#contract';
import { isEditable } from '../../domain/application-status.js';
import { beijingDateOf } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { buildApplicationDossier, type ApplicationDossier } from '../../documents/application-dossier.js';
import { presentEvidence, presentInstitution } from '../../presenters/application.js';
import { presentReceipt, type ApplicationSnapshot } from '../../presenters/receipt.js';
import type { Context } from '../context.js';
import type { LoadedApplication } from '../loaders/application.js';

interface Contents {
  form: ApplicationDraft;
  unitName: string;
  uscc: string;
  institutions: InstitutionView[];
  evidence: EvidenceFileView[];
  submitted: { on: string; receiptNo: string } | null;
}

/**
 * The live draft, while the applicant may still change it (draft, returned). Digests still being computed are
 * waited for; a file whose digests cannot be settled yet is listed as pending rather than refusing a draft.
 */
async function draftContents(ctx: Context, app: LoadedApplication): Promise<Contents> {
  const id = app.row.id;
  const rows = await ctx.applications.listEvidence(id);
  try {
    await ctx.digests.settle(rows);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'DIGEST_PENDING')) throw err;
  }
  const settled = rows.some((r) => r.crc32 === null) ? await ctx.applications.listEvidence(id) : rows;
  return {
    form: JSON.parse(app.row.form) as ApplicationDraft,
    unitName: app.unit.name,
    uscc: app.unit.uscc,
    institutions: (await ctx.applications.listInstitutions(id)).map(presentInstitution),
    evidence: settled.map(presentEvidence),
    submitted: null,
  };
}

/** The latest submitted version, its files' digests corrected as the receipt corrects them. */
async function submittedContents(ctx: Context, app: LoadedApplication): Promise<Contents> {
  const id = app.row.id;
  const version = await ctx.applications.latestVersion(id);
  if (!version) throw new Error(`application ${id} is ${app.row.status} without a submitted version`);
  const snapshot = JSON.parse(version.snapshot) as ApplicationSnapshot;
  const receipt = presentReceipt({
    applicationId: id,
    version,
    snapshot,
    batchTitle: app.batch.label,
    authorityName: '',
    corrections: await ctx.files.listCorrections(id),
  });
  return {
    form: snapshot.form as ApplicationDraft,
    unitName: snapshot.unitName,
    uscc: snapshot.uscc,
    institutions: snapshot.institutions as InstitutionView[],
    evidence: receipt.files,
    submitted: { on: beijingDateOf(new Date(version.submitted_at)), receiptNo: version.receipt_no },
  };
}

/**
 * The 申报书 of one application: before submission the live draft (marked 草稿), after it the latest
 * submitted version. The roster is read live: it cannot change while the application is submitted.
 */
export async function applicationDossierFor(ctx: Context, app: LoadedApplication): Promise<ApplicationDossier> {
  const [contents, roster, authority, region] = await Promise.all([
    isEditable(app.row.status) ? draftContents(ctx, app) : submittedContents(ctx, app),
    ctx.applications.listRoster(app.row.id),
    ctx.references.findAuthority(app.row.authority_code),
    ctx.references.findRegion(app.unit.region_code),
  ]);
  const fileNames = new Map(contents.evidence.map((e) => [e.id, e.originalName]));
  return buildApplicationDossier({
    year: app.batch.year,
    config: app.batch.config,
    form: contents.form,
    unitName: contents.unitName,
    uscc: contents.uscc,
    regionName: region?.name ?? app.unit.region_code,
    cityName: authority?.name ?? app.row.authority_code,
    institutions: contents.institutions.map((i) => ({
      name: i.name,
      uscc: i.uscc,
      agreementName: i.agreementFileId ? (fileNames.get(i.agreementFileId) ?? null) : null,
    })),
    roster,
    evidence: contents.evidence,
    submittedOn: contents.submitted?.on ?? null,
    receiptNo: contents.submitted?.receiptNo ?? null,
  });
}

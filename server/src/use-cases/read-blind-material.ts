import type { ApplicationForm, BlindMaterial, Rubric } from '#contract';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadExpertMaterial } from './loaders/expert-material.js';
import { auditedBy } from './steps/audited-by.js';
import { blindDocument, identityOf, redact } from './steps/blind-material.js';

/**
 * 盲审: one application as the expert reads it — the form's facts for scoring, with no unit name, USCC, people,
 * phones, city or authority (the platform name and the description with those replaced), the evidence under
 * neutral names, each marked when its text names the unit. Checked at every opening (loadExpertMaterial),
 * audited.
 */
export async function readBlindMaterial(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  label: string,
  origin: RequestOrigin,
): Promise<BlindMaterial> {
  const material = await loadExpertMaterial(ctx, actor, roundId, label);
  const source = await ctx.expertReviews.findMaterialSource(material.applicationId);
  const form = JSON.parse(source.form) as Partial<ApplicationForm>;
  const identity = identityOf({ ...source, form });
  const batch = await ctx.references.findBatch(material.round.batch_id);
  const typeLabels = new Map((batch?.config.evidenceTypes ?? []).map((t) => [t.key, t.label]));
  const files = await ctx.expertReviews.listEvidence(material.applicationId);
  const documents = [];
  for (const [i, file] of files.entries())
    documents.push(
      await blindDocument(ctx, i + 1, file, typeLabels.get(file.evidence_type) ?? file.evidence_type, identity),
    );
  await ctx.audit.record(
    {
      ...auditedBy(material.actor, origin.ip),
      action: 'expert_review.open',
      targetType: 'application',
      targetId: material.applicationId,
      detail: { roundId, label },
    },
    ctx.clock.now(),
  );
  return {
    roundId,
    label,
    title: `申报材料 ${label}`,
    facts: {
      platformName: redact(form.platformName ?? '', identity),
      categories: form.categories ?? [],
      description: redact(form.description ?? '', identity),
      registeredOn: form.registeredOn || null,
      channel: form.channel ?? null,
      totalAssetsWan: form.totalAssetsWan ?? null,
      serviceStaff: form.serviceStaff ?? null,
      preferentialSharePercent: form.preferentialSharePercent ?? null,
      institutionCount: source.institutionCount,
      rosterCount: source.rosterCount,
    },
    rubric: JSON.parse(material.round.rubric) as Rubric,
    documents,
  };
}

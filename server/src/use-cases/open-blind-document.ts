import type { EvidencePreview } from '#contract';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadExpertMaterial, type ExpertMaterial } from './loaders/expert-material.js';
import { auditedBy } from './steps/audited-by.js';
import { neutralName, previewStored } from './steps/blind-material.js';

async function documentOf(ctx: Context, material: ExpertMaterial, number: number) {
  const files = await ctx.expertReviews.listEvidence(material.applicationId);
  const file = files[number - 1];
  if (!file) throw new AppError('NOT_FOUND', '评审材料不存在');
  return file;
}

async function audit(ctx: Context, material: ExpertMaterial, action: string, number: number, origin: RequestOrigin) {
  await ctx.audit.record(
    {
      ...auditedBy(material.actor, origin.ip),
      action,
      targetType: 'application',
      targetId: material.applicationId,
      detail: { roundId: material.round.id, label: material.label, number },
    },
    ctx.clock.now(),
  );
}

/**
 * An evidence file of the material under its neutral name (佐证材料3.pdf), through the same checks as the
 * material (assignment, open round, signed 承诺书, no 回避 now); audited.
 */
export async function downloadBlindDocument(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  label: string,
  number: number,
  origin: RequestOrigin,
) {
  const material = await loadExpertMaterial(ctx, actor, roundId, label);
  const file = await documentOf(ctx, material, number);
  await audit(ctx, material, 'expert_review.download', number, origin);
  return {
    file: { original_name: neutralName(number, file), media_type: file.media_type, size_bytes: file.size_bytes },
    stream: ctx.blobs.open(file.storage_key),
  };
}

/** A Word, Excel or OFD file of the material as structured text, under the same checks; audited. */
export async function previewBlindDocument(
  ctx: Context,
  actor: Actor | null,
  roundId: string,
  label: string,
  number: number,
  origin: RequestOrigin,
): Promise<EvidencePreview> {
  const material = await loadExpertMaterial(ctx, actor, roundId, label);
  const file = await documentOf(ctx, material, number);
  await audit(ctx, material, 'expert_review.preview', number, origin);
  const preview = await previewStored(ctx, file);
  if (!preview)
    throw new AppError(
      'UNSUPPORTED_FILE_TYPE',
      `${neutralName(number, file)}不是 Word、Excel 或 OFD 文件，请直接在浏览器中查看`,
    );
  return preview;
}

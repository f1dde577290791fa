import type { ApplicationView, InstitutionInput } from '#contract';
import { AppError } from '../domain/errors.js';
import { institutionProblems } from '../domain/institutions.js';
import type { Actor } from '../policies/policy.js';
import { AGREEMENT_TYPE } from '../repositories/file-repository.js';
import type { Context, RequestOrigin } from './context.js';
import { loadApplicationView, loadAuthorized, loadEditable } from './loaders/application.js';
import { storeInstitutions } from './steps/store-institutions.js';

/**
 * Replaces the list of aggregated service institutions, checked as a whole (institutionProblems): valid
 * and distinct USCCs, each with its own agreement file of this application. Agreement files the list no
 * longer points to are deleted with it (their bytes after the commit).
 */
export async function replaceInstitutions(
  ctx: Context,
  actor: Actor | null,
  id: string,
  institutions: InstitutionInput[],
  origin: RequestOrigin,
): Promise<ApplicationView> {
  const app = await loadEditable(ctx, actor, id);
  const agreements = new Set(
    (await ctx.applications.listEvidence(id)).filter((e) => e.evidence_type === AGREEMENT_TYPE).map((e) => e.id),
  );
  const problems = institutionProblems(institutions, agreements);
  if (problems.length)
    throw new AppError('VALIDATION_FAILED', `输入有误：${problems.map((p) => p.message).join('；')}`, {
      errors: problems,
    });
  const removed = await storeInstitutions(ctx, app.actor, id, institutions, 'institutions.replace', origin);
  await Promise.all(removed.map((key) => ctx.blobs.remove(key)));
  return loadApplicationView(ctx, await loadAuthorized(ctx, actor, id, 'application:edit'));
}

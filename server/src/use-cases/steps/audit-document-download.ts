import type { Actor } from '../../policies/policy.js';
import type { Context, RequestOrigin } from '../context.js';
import { auditedBy } from './audited-by.js';

/** A document about one application being downloaded, and the personal data it prints in full. */
export interface ApplicationDocumentDownload {
  /** e.g. `recommendation-form`: the download entry names the file, `recommendation-form.pdf`. */
  document: string;
  format: 'docx' | 'pdf';
  /** More for the download entry's detail, after the file's name. */
  detail?: Record<string, unknown>;
  /** The fields printed in full (and more for the disclosure entry's detail), or null: nothing disclosed to this reader. */
  disclosed: ({ fields: string[] } & Record<string, unknown>) | null;
}

/**
 * Audits the download of a document about one application, at one instant: `document.download`, and
 * `personal_data.disclose` naming the document and fields when it prints personal data in full.
 */
export async function auditApplicationDocument(
  ctx: Context,
  actor: Actor,
  origin: RequestOrigin,
  applicationId: string,
  download: ApplicationDocumentDownload,
): Promise<void> {
  const now = ctx.clock.now();
  const base = { ...auditedBy(actor, origin.ip), targetType: 'application', targetId: applicationId };
  await ctx.audit.record(
    {
      ...base,
      action: 'document.download',
      detail: { document: `${download.document}.${download.format}`, ...download.detail },
    },
    now,
  );
  if (download.disclosed) {
    await ctx.audit.record(
      { ...base, action: 'personal_data.disclose', detail: { document: download.document, ...download.disclosed } },
      now,
    );
  }
}

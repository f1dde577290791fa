import { renderApplicationDossierDocx } from '../documents/application-dossier-docx.js';
import { renderApplicationDossierPdf } from '../documents/application-dossier-pdf.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadAuthorized } from './loaders/application.js';
import { applicationDossierFor } from './steps/application-dossier.js';
import { auditApplicationDocument } from './steps/audit-document-download.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';

/**
 * The 申报书 of one application, Word or PDF, for the unit to print, seal and sign: the applicant's own,
 * or one the official may read. It prints the principal's and contact's names and the contact's phone in
 * full (roster phones masked), so an official's download is audited as a disclosure too, as opening the
 * record is.
 */
export async function exportApplicationDossier(
  ctx: Context,
  actor: Actor | null,
  id: string,
  format: 'docx' | 'pdf',
  origin: RequestOrigin,
): Promise<ExportedFile> {
  const app = await loadAuthorized(ctx, actor, id, 'application:read');
  const dossier = await applicationDossierFor(ctx, app);
  await auditApplicationDocument(ctx, app.actor, origin, id, {
    document: 'application-dossier',
    format,
    detail: { draft: dossier.draft },
    disclosed: app.actor.role === 'applicant' ? null : { fields: ['principalName', 'contactName', 'contactPhone'] },
  });
  return exportedFile(`${dossier.title}（${dossier.platformName || dossier.unitName}）`, format, {
    docx: () => renderApplicationDossierDocx(dossier),
    pdf: () => renderApplicationDossierPdf(dossier),
  });
}

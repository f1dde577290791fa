import { renderApplicationDossierDocx } from '../documents/application-dossier-docx.js';
import { renderApplicationDossierPdf } from '../documents/application-dossier-pdf.js';
import type { Actor } from '../policies/policy.js';
import type { Context, RequestOrigin } from './context.js';
import { loadAuthorized } from './loaders/application.js';
import { applicationDossierFor } from './steps/application-dossier.js';
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
  const now = ctx.clock.now();
  const base = {
    actorUserId: app.actor.userId,
    actorName: app.actor.username,
    ip: origin.ip,
    targetType: 'application',
    targetId: id,
  };
  await ctx.audit.record(
    {
      ...base,
      action: 'document.download',
      detail: { document: `application-dossier.${format}`, draft: dossier.draft },
    },
    now,
  );
  if (app.actor.role !== 'applicant') {
    await ctx.audit.record(
      {
        ...base,
        action: 'personal_data.disclose',
        detail: { document: 'application-dossier', fields: ['principalName', 'contactName', 'contactPhone'] },
      },
      now,
    );
  }
  return exportedFile(`${dossier.title}（${dossier.platformName || dossier.unitName}）`, format, {
    docx: () => renderApplicationDossierDocx(dossier),
    pdf: () => renderApplicationDossierPdf(dossier),
  });
}

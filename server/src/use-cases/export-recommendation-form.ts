import type { SurveyMethod } from '#contract';
import {
  buildRecommendationForm,
  renderRecommendationFormDocx,
  renderRecommendationFormPdf,
  type RecommendationForm,
} from '../documents/recommendation-form.js';
import type { Actor } from '../policies/policy.js';
import type { LoadedApplication } from './application-view.js';
import type { Context, RequestOrigin } from './context.js';
import { exportedFile, type ExportedFile } from './exported-file.js';
import { loadForReview } from './review-view.js';

/** 附件3's view model from the city's survey and opinion records. */
export async function recommendationFormFor(ctx: Context, app: LoadedApplication): Promise<RecommendationForm> {
  const id = app.row.id;
  const [survey, contacts, roster, opinion, authority] = await Promise.all([
    ctx.reviews.findSurvey(id),
    ctx.reviews.listSurveyContacts(id),
    ctx.applications.listRoster(id),
    ctx.reviews.findOpinion(id),
    ctx.references.findAuthority(app.row.authority_code),
  ]);
  const order = survey ? (JSON.parse(survey.draw_order) as number[]) : [];
  const names = new Map(roster.map((r) => [r.row_no, r.enterprise_name]));
  const rows = contacts
    .filter((c) => c.outcome === 'completed' && c.rating)
    .sort((a, b) => order.indexOf(a.roster_row_no) - order.indexOf(b.roster_row_no))
    .map((c) => ({
      enterpriseName: names.get(c.roster_row_no) ?? '',
      interviewee: c.interviewee ?? '',
      position: c.position ?? '',
      phone: c.phone ?? '',
      rating: c.rating!,
    }));
  return buildRecommendationForm({
    unitName: app.unit.name,
    cityName: authority?.name ?? app.row.authority_code,
    methods: survey ? (JSON.parse(survey.methods) as SurveyMethod[]) : [],
    rows,
    impact: opinion?.impact ?? '',
    opinion: opinion?.opinion ?? '',
    opinionDate: opinion?.opinion_date ?? null,
  });
}

/**
 * 附件3 for one platform, Word or PDF: the survey with every completed enterprise and its rating, the
 * impact and the opinion. The form needs the interviewees' phones in full, so the download is audited
 * as a disclosure of personal data too.
 */
export async function exportRecommendationForm(
  ctx: Context,
  actor: Actor | null,
  id: string,
  format: 'docx' | 'pdf',
  origin: RequestOrigin,
): Promise<ExportedFile> {
  const app = await loadForReview(ctx, actor, id, 'review:read');
  const form = await recommendationFormFor(ctx, app);
  const rows = form.rows;
  const now = ctx.clock.now();
  const base = {
    actorUserId: app.actor.userId,
    actorName: app.actor.username,
    ip: origin.ip,
    targetType: 'application',
    targetId: id,
  };
  await ctx.audit.record(
    { ...base, action: 'document.download', detail: { document: `recommendation-form.${format}` } },
    now,
  );
  await ctx.audit.record(
    {
      ...base,
      action: 'personal_data.disclose',
      detail: { document: 'recommendation-form', fields: ['phone'], contacts: rows.length },
    },
    now,
  );
  return exportedFile(`河南省中小企业公共服务示范平台推荐表（${app.unit.name}）`, format, {
    docx: () => renderRecommendationFormDocx(form),
    pdf: () => renderRecommendationFormPdf(form),
  });
}

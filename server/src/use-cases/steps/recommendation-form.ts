import type { SurveyMethod } from '#contract';
import { buildRecommendationForm, type RecommendationForm } from '../../documents/recommendation-form.js';
import type { Context } from '../context.js';
import type { LoadedApplication } from '../loaders/application.js';

/** 附件3's view model from the city's survey and opinion records, with the fingerprint of the city's package when in it. */
export async function recommendationFormFor(
  ctx: Context,
  app: LoadedApplication,
  fingerprint: string | null,
): Promise<RecommendationForm> {
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
    minSurveyed: app.batch.config.rules.minSurveyed,
    methods: survey ? (JSON.parse(survey.methods) as SurveyMethod[]) : [],
    rows,
    impact: opinion?.impact ?? '',
    opinion: opinion?.opinion ?? '',
    opinionDate: opinion?.opinion_date ?? null,
    fingerprint,
  });
}

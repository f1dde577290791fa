import type {
  ExpertRelation,
  ExpertRoundView,
  ExpertView,
  ReviewRoundSettings,
  ReviewRoundView,
  Rubric,
} from '#contract';
import { maskPhone } from '../domain/masking.js';
import type {
  ExpertRow,
  ReviewAssignmentRow,
  ReviewExclusionRow,
  ReviewPledgeRow,
  ReviewRoundRow,
  RoundApplicationRow,
} from '../repositories/expert-review-repository.js';

/** An expert of the pool; the phone masked unless `fullPhone` (the one expert's view, audited as a disclosure). */
export function presentExpert(
  row: ExpertRow,
  facts: { cityName: string | null; accountUsername: string | null; fullPhone: boolean },
): ExpertView {
  return {
    id: row.id,
    name: row.name,
    unitName: row.unit_name,
    unitUscc: row.unit_uscc,
    cityCode: row.city_code,
    cityName: facts.cityName,
    fields: JSON.parse(row.fields) as string[],
    phone: facts.fullPhone ? row.phone : maskPhone(row.phone),
    email: row.email,
    relations: JSON.parse(row.relations) as ExpertRelation[],
    active: row.active === 1,
    accountUsername: facts.accountUsername,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export interface RoundRecords {
  round: ReviewRoundRow;
  applications: readonly RoundApplicationRow[];
  exclusions: readonly ReviewExclusionRow[];
  assignments: readonly ReviewAssignmentRow[];
  pledges: readonly ReviewPledgeRow[];
  expertNames: ReadonlyMap<string, string>;
}

/** The round as the province sees it. */
export function presentRound(r: RoundRecords): ReviewRoundView {
  const nameOf = (id: string) => r.expertNames.get(id) ?? '';
  const signedAt = new Map(r.pledges.map((p) => [p.expert_id, p.signed_at]));
  const groupNumbers = [...new Set(r.applications.map((a) => a.group_number).filter((g) => g !== null))].sort(
    (a, b) => a - b,
  );
  return {
    id: r.round.id,
    batchId: r.round.batch_id,
    title: r.round.title,
    status: r.round.status,
    settings: JSON.parse(r.round.settings) as ReviewRoundSettings,
    rubric: JSON.parse(r.round.rubric) as Rubric,
    opensOn: r.round.opens_on,
    closesOn: r.round.closes_on,
    seed: r.round.seed,
    drawAttempt: r.round.draw_attempt,
    drawnAt: r.round.drawn_at,
    version: r.round.version,
    applications: r.applications.map((a) => ({
      applicationId: a.application_id,
      label: a.label,
      unitName: a.unit_name,
      platformName: a.platform_name,
      groupNumber: a.group_number,
      exclusions: r.exclusions
        .filter((e) => e.application_id === a.application_id)
        .map((e) => ({
          expertId: e.expert_id,
          expertName: nameOf(e.expert_id),
          accepted: e.accepted === 1,
          reason: e.reason,
        })),
    })),
    groups: groupNumbers.map((number) => {
      const rows = r.assignments.filter((s) => s.group_number === number);
      const current = [...new Set(rows.filter((s) => s.replaced_at === null).map((s) => s.expert_id))];
      const replaced = new Map<string, ReviewAssignmentRow>();
      for (const s of rows) if (s.replaced_at !== null) replaced.set(s.expert_id, s);
      return {
        number,
        applicationIds: r.applications.filter((a) => a.group_number === number).map((a) => a.application_id),
        experts: current.map((id) => ({ expertId: id, name: nameOf(id), signedAt: signedAt.get(id) ?? null })),
        replaced: [...replaced.values()].map((s) => ({
          expertId: s.expert_id,
          name: nameOf(s.expert_id),
          reason: s.replaced_reason ?? '',
          at: s.replaced_at!,
        })),
      };
    }),
  };
}

/** The 承诺书 / 回避声明 an expert signs before any material of a round opens; its version is recorded. */
export const pledge = {
  textVersion: '2026-12-v1',
  text:
    '本人承诺：遵守评审纪律，独立、客观、公正地评审；对评审材料和评审情况保密，不复制、不外传；不私下接触申报单位；' +
    '与所评申报单位存在任职、持股、亲属或其他利害关系，或因其他原因可能影响公正评审的，主动申请回避；' +
    '评审中发现应当回避的情形，立即停止评审并报告省级主管部门。如有违反，愿承担相应责任。',
} as const;

/** A round as the expert sees it: the groups it is drawn for, applications under neutral labels only. */
export function presentExpertRound(
  round: ReviewRoundRow,
  ownAssignments: readonly ReviewAssignmentRow[],
  labels: ReadonlyMap<string, string>,
  signed: ReviewPledgeRow | undefined,
): ExpertRoundView {
  const groups = [...new Set(ownAssignments.map((s) => s.group_number))].sort((a, b) => a - b);
  return {
    roundId: round.id,
    title: round.title,
    status: round.status,
    opensOn: round.opens_on,
    closesOn: round.closes_on,
    pledge: { textVersion: pledge.textVersion, text: pledge.text, signedAt: signed?.signed_at ?? null },
    groups: groups.map((number) => ({
      number,
      labels: ownAssignments
        .filter((s) => s.group_number === number)
        .map((s) => labels.get(s.application_id) ?? '')
        .sort(),
    })),
  };
}

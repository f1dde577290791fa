import type { Selectable } from 'kysely';
import {
  correctableRuleFields,
  fieldLabel,
  ruleCodes,
  ruleTexts,
  type ApplicationDraft,
  type FindingView,
  type ReviewItemView,
  type ReviewView,
  type SurveyContactView,
  type SurveyMethod,
} from '#contract';
import type {
  ApplicationRejectionTable,
  ApplicationReturnTable,
  ApplicationVersionTable,
  InterviewTable,
  OpinionTable,
  RecommendationTable,
  ReviewFindingTable,
  SiteCheckTable,
  SurveyContactTable,
  SurveyTable,
} from '../db/schema.js';
import { maskPhone } from '../domain/masking.js';
import { officialEligibility, type RuleFinding } from '../domain/official-eligibility.js';
import { activeSample, satisfactionPercent, type SurveyOutcome } from '../domain/sampling.js';
import type { Actor } from '../policies/policy.js';
import type { ApplicationRepository, EvidenceRow, RosterRow } from '../repositories/application-repository.js';
import type { LoadedApplication } from '../use-cases/loaders/application.js';
import { claimedFacts } from '../use-cases/steps/claimed-facts.js';
import { presentReturn } from './application.js';

type ApplicationListRow = Awaited<ReturnType<ApplicationRepository['list']>>[number];

/** Another application of the batch that looks like the same platform (domain/duplicates.ts). */
export type DuplicateRow = Pick<ApplicationListRow, 'id' | 'authority_code' | 'authority_name' | 'status' | 'form'>;

/** Everything the city recorded about one application, as read for its review view. */
export interface ReviewRecords {
  app: LoadedApplication;
  /** The official looking at it: another city's duplicates are shown to a city without id and status. */
  viewer: Actor;
  findings: Selectable<ReviewFindingTable>[];
  evidence: EvidenceRow[];
  institutions: number;
  rosterCount: number;
  siteCheck: Selectable<SiteCheckTable> | undefined;
  interview: Selectable<InterviewTable> | undefined;
  /** The survey with its contacts and the roster it was drawn from. */
  survey: { row: Selectable<SurveyTable>; contacts: Selectable<SurveyContactTable>[]; roster: RosterRow[] } | null;
  opinion: Selectable<OpinionTable> | undefined;
  recommendation: Selectable<RecommendationTable> | undefined;
  /** Newest first. */
  versions: Selectable<ApplicationVersionTable>[];
  returned: Selectable<ApplicationReturnTable> | undefined;
  rejection: Selectable<ApplicationRejectionTable> | undefined;
  duplicates: DuplicateRow[];
}

const correctedValueOf = (f: Selectable<ReviewFindingTable>) =>
  f.corrected_value === null ? null : (JSON.parse(f.corrected_value) as number | string);

/** The review with the eligibility re-evaluated on the official's corrections, and what recommendation still needs. */
export function presentReview(records: ReviewRecords): ReviewView {
  const { app, findings, evidence, siteCheck, interview, opinion, recommendation, versions, returned, rejection } =
    records;
  const { row, batch, unit } = app;
  const form = JSON.parse(row.form) as ApplicationDraft;
  const claimed = claimedFacts(form, unit.uscc, records.institutions, records.rosterCount);
  const byKey = new Map(findings.map((f) => [f.item_key, f]));
  const presentFinding = (key: string): FindingView | null => {
    const f = byKey.get(key);
    return f
      ? {
          itemKey: key,
          verdict: f.verdict,
          remark: f.remark,
          correctedValue: correctedValueOf(f),
          updatedAt: f.updated_at,
          updatedBy: f.updated_by,
        }
      : null;
  };
  const claimedOf = (code: string): string | number | null => {
    switch (code) {
      case 'NAME_FORBIDDEN_WORD':
        return form.platformName ?? null;
      case 'CATEGORY_MISSING':
        return (form.categories ?? []).join('、');
      case 'USCC_INVALID':
        return unit.uscc;
      default: {
        const field = correctableRuleFields[code as keyof typeof correctableRuleFields];
        return (claimed as Record<string, string | number | null | undefined>)[field] ?? null;
      }
    }
  };
  const texts = ruleTexts(batch.config);
  const items: ReviewItemView[] = [
    ...ruleCodes.map((code) => ({
      itemKey: `rule:${code}`,
      kind: 'rule' as const,
      label: texts[code].label,
      claimed: claimedOf(code),
      correctable: code in correctableRuleFields,
      finding: presentFinding(`rule:${code}`),
    })),
    ...evidence.map((e) => {
      const type = batch.config.evidenceTypes.find((t) => t.key === e.evidence_type);
      return {
        itemKey: `evidence:${e.id}`,
        kind: 'evidence' as const,
        label: `${type?.label ?? e.evidence_type}：${e.original_name}`,
        claimed: e.original_name,
        correctable: false,
        finding: presentFinding(`evidence:${e.id}`),
      };
    }),
  ];
  const ruleFindings: RuleFinding[] = findings
    .filter((f) => f.item_key.startsWith('rule:'))
    .map((f) => ({
      code: f.item_key.slice(5),
      verdict: f.verdict,
      remark: f.remark,
      correctedValue: correctedValueOf(f),
    }));

  const survey = records.survey ? presentSurvey(records.survey) : null;
  const [a, b] = versions;
  return {
    applicationId: row.id,
    status: row.status,
    version: row.version,
    items,
    officialEligibility: officialEligibility(claimed, ruleFindings, batch.config),
    siteCheck: siteCheck
      ? {
          checkedOn: siteCheck.checked_on,
          officials: JSON.parse(siteCheck.officials) as string[],
          findings: siteCheck.findings,
          conclusion: siteCheck.conclusion,
          scanFileId: siteCheck.scan_file_id,
          recordedAt: siteCheck.recorded_at,
        }
      : null,
    interview: interview
      ? {
          heldOn: interview.held_on,
          place: interview.place,
          officials: JSON.parse(interview.officials) as string[],
          principalName: interview.principal_name,
          principalTitle: interview.principal_title,
          result: interview.result,
          recordedAt: interview.recorded_at,
        }
      : null,
    survey,
    opinion: opinion
      ? {
          impact: opinion.impact,
          opinion: opinion.opinion,
          opinionDate: opinion.opinion_date,
          recordedAt: opinion.recorded_at,
        }
      : null,
    recommendation: recommendation
      ? {
          channel: recommendation.channel,
          designatedAreaId: recommendation.designated_area_id,
          recommendedAt: recommendation.recommended_at,
        }
      : null,
    readiness: {
      siteCheck: Boolean(siteCheck?.scan_file_id),
      interview: Boolean(interview),
      survey: survey !== null && survey.completed >= batch.config.rules.minSurveyed,
      opinion: Boolean(opinion),
    },
    versions: versions.map((v) => ({ version: v.version, receiptNo: v.receipt_no, submittedAt: v.submitted_at })),
    changes:
      a && b
        ? diffSnapshots(
            JSON.parse(b.snapshot) as Snapshot,
            JSON.parse(a.snapshot) as Snapshot,
            (type) => batch.config.evidenceTypes.find((t) => t.key === type)?.label ?? type,
          )
        : [],
    returnRemarks: returned ? presentReturn(returned) : null,
    rejection: rejection ? { reason: rejection.reason, rejectedAt: rejection.rejected_at } : null,
    duplicates: records.duplicates.map((o) => presentDuplicate(o, records.viewer)),
  };
}

/** The drawn enterprises in draw order (unreachable ones replaced by the next), phones masked, and the tally. */
function presentSurvey({
  row: survey,
  contacts,
  roster,
}: NonNullable<ReviewRecords['survey']>): NonNullable<ReviewView['survey']> {
  const order = JSON.parse(survey.draw_order) as number[];
  const byRow = new Map(contacts.map((c) => [c.roster_row_no, c]));
  const outcomes = new Map<number, SurveyOutcome>(contacts.map((c) => [c.roster_row_no, c.outcome]));
  const { drawn } = activeSample(order, survey.sample_size, outcomes);
  const rosterRows = new Map(roster.map((r) => [r.row_no, r]));
  const views: SurveyContactView[] = drawn.map((rowNo, i) => {
    const c = byRow.get(rowNo);
    const r = rosterRows.get(rowNo);
    return {
      drawPosition: i + 1,
      rosterRowNo: rowNo,
      enterpriseName: r?.enterprise_name ?? '',
      rosterContactName: r?.contact_name ?? '',
      rosterPhone: r ? maskPhone(r.phone) : '',
      outcome: c?.outcome ?? 'pending',
      interviewee: c?.interviewee ?? null,
      position: c?.position ?? null,
      phone: c?.phone ? maskPhone(c.phone) : null,
      rating: c?.rating ?? null,
      note: c?.note ?? null,
      recordedAt: c?.recorded_at ?? null,
    };
  });
  const ratings = contacts.filter((c) => c.outcome === 'completed' && c.rating).map((c) => c.rating!);
  return {
    seed: survey.seed,
    methods: JSON.parse(survey.methods) as SurveyMethod[],
    sampleSize: survey.sample_size,
    drawOrder: order,
    contacts: views,
    completed: ratings.length,
    satisfactionPercent: satisfactionPercent(ratings),
  };
}

interface Snapshot {
  form: Record<string, unknown>;
  institutions: unknown[];
  rosterCount: number;
  evidence: SnapshotFile[];
}

interface SnapshotFile {
  evidenceType: string;
  originalName: string;
  sha256: string | null;
}

const fileText = (f: SnapshotFile) => `${f.originalName}（${(f.sha256 ?? '').slice(0, 8)}）`;
const sameContent = (x: SnapshotFile, y: SnapshotFile) => x.sha256 !== null && x.sha256 === y.sha256;

/**
 * The evidence of two versions, file by file within each evidence type: a file of the same content is the
 * same file (even renamed); one of the same name with other content was changed; the rest were removed or
 * added. One row a file: before null when added, after null when removed.
 */
function diffEvidence(
  before: readonly SnapshotFile[],
  after: readonly SnapshotFile[],
  typeLabel: (type: string) => string,
): ReviewView['changes'] {
  const changes: ReviewView['changes'] = [];
  const types = [...new Set([...before, ...after].map((f) => f.evidenceType))];
  for (const type of types) {
    const gone = before.filter((f) => f.evidenceType === type);
    const come = after.filter((f) => f.evidenceType === type);
    const kept = (list: SnapshotFile[], other: SnapshotFile[]) =>
      list.filter((f) => !other.some((o) => sameContent(f, o)));
    const removed = kept(gone, come);
    const added = kept(come, gone);
    const field = `证明材料：${typeLabel(type)}`;
    for (const old of removed) {
      const replacement = added.findIndex((f) => f.originalName === old.originalName);
      const [next] = replacement >= 0 ? added.splice(replacement, 1) : [null];
      changes.push({ field, before: fileText(old), after: next ? fileText(next) : null });
    }
    added.forEach((f) => changes.push({ field, before: null, after: fileText(f) }));
  }
  return changes;
}

/** What changed between two submitted versions, field by field (evidence file by file), in the applicant's words. */
function diffSnapshots(before: Snapshot, after: Snapshot, typeLabel: (type: string) => string): ReviewView['changes'] {
  const changes: ReviewView['changes'] = [];
  const keys = new Set([...Object.keys(before.form), ...Object.keys(after.form)]);
  for (const key of keys) {
    const x = before.form[key];
    const y = after.form[key];
    if (JSON.stringify(x) !== JSON.stringify(y))
      changes.push({ field: fieldLabel([key]), before: x ?? null, after: y ?? null });
  }
  if (before.rosterCount !== after.rosterCount)
    changes.push({ field: '年服务企业数（名单行数）', before: before.rosterCount, after: after.rosterCount });
  if (before.institutions.length !== after.institutions.length)
    changes.push({ field: '集聚服务机构数量', before: before.institutions.length, after: after.institutions.length });
  return [...changes, ...diffEvidence(before.evidence, after.evidence, typeLabel)];
}

/** A city official learns that another city has the platform too and through which channel, but not which application. */
function presentDuplicate(o: DuplicateRow, viewer: Actor): ReviewView['duplicates'][number] {
  const visible = viewer.role === 'province' || o.authority_code === viewer.authorityCode;
  return {
    applicationId: visible ? o.id : null,
    authorityName: o.authority_name,
    channel: (JSON.parse(o.form) as ApplicationDraft).channel ?? 'quota',
    status: visible ? o.status : null,
  };
}

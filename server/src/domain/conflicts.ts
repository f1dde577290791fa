import { normalizeUscc } from '#contract';
import { type ConflictRules } from '#contract';
import { platformNameKey } from './duplicates.js';
import { fieldError } from './errors.js';

/**
 * 回避 as configuration (issue 15 item 3): the conflicts between one application's parties and one expert under
 * the round's rules, each with a code and a Chinese reason naming the party. Every conflict is hard: the draw
 * never assigns such an expert, and the check is made again whenever the expert opens material.
 */

export interface Party {
  name: string;
  uscc: string | null;
}

export interface ApplicationParties {
  applicationId: string;
  operatingUnit: Party;
  /** The 集聚服务机构 named in the application. */
  institutions: readonly Party[];
  /** The applicant's city (行政区划代码). */
  cityCode: string;
  /** Expert ids the applicant asked to exclude, as the province accepted them. */
  requestedExclusions: readonly string[];
}

export const relationKinds = {
  employment: '任职',
  shareholding: '持股',
  kin: '亲属',
  other: '其他利害',
} as const;
export type RelationKind = keyof typeof relationKinds;

/** A relation the expert declared: with whom (USCC or name) and until when (null: it goes on). */
export interface DeclaredRelation {
  kind: RelationKind;
  counterpartUscc: string | null;
  counterpartName: string | null;
  /** YYYY-MM-DD, the last day of the relation; null while it lasts. */
  until: string | null;
}

export interface ExpertProfile {
  id: string;
  unit: Party;
  cityCode: string;
  relations: readonly DeclaredRelation[];
}

export const conflictCodes = {
  SAME_UNIT_USCC: '同单位（统一社会信用代码）',
  SAME_UNIT_NAME: '同单位（名称）',
  DECLARED_RELATION: '申报的利害关系',
  REQUESTED_EXCLUSION: '申报单位申请回避',
  SAME_CITY: '同一城市',
} as const;
export type ConflictCode = keyof typeof conflictCodes;

export interface Conflict {
  code: ConflictCode;
  /** Whose relation it is: the operating unit, one of its 集聚服务机构, or the applicant as a whole. */
  party: 'operating_unit' | 'institution' | 'applicant';
  reason: string;
}

/**
 * A unit name as 回避 compares it: the duplicates key (NFKC — full-width letters, digits and brackets become
 * half-width — without white space), with 有限责任公司 read as 有限公司. Null for an empty name.
 */
export function unitNameKey(name: string | null | undefined): string | null {
  const key = platformNameKey(name);
  return key ? key.replaceAll('有限责任公司', '有限公司') : null;
}

const usccKey = (uscc: string | null | undefined): string | null =>
  uscc ? normalizeUscc(uscc.normalize('NFKC')) || null : null;

/** The first day of the look-back: `years` years before `today` (29 February falls back to the 28th). */
export function lookBackStart(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface NamedParty {
  party: 'operating_unit' | 'institution';
  /** "运营单位" or "集聚服务机构“…”". */
  title: string;
  name: string | null;
  uscc: string | null;
  nameKey: string | null;
  usccKey: string | null;
}

function partiesOf(app: ApplicationParties): NamedParty[] {
  const named = (party: NamedParty['party'], title: string, p: Party): NamedParty => ({
    party,
    title,
    name: p.name.trim() || null,
    uscc: usccKey(p.uscc),
    nameKey: unitNameKey(p.name),
    usccKey: usccKey(p.uscc),
  });
  return [
    named('operating_unit', '运营单位', app.operatingUnit),
    ...app.institutions.map((inst) => named('institution', `集聚服务机构“${inst.name.trim()}”`, inst)),
  ];
}

const identify = (p: NamedParty) => [p.name, p.uscc].filter((x) => x !== null).join('，');

/**
 * The conflicts between an application and an expert on `today` (YYYY-MM-DD) under the round's rules:
 * - same unit: the expert's unit has the USCC, or else the normalised name, of the operating unit or of one of
 *   its 集聚服务机构 (always on);
 * - declared relations (if on): a relation with one of those parties, by USCC or normalised name, that lasts or
 *   ended on or after the first day of the look-back;
 * - requested exclusions (if on): the applicant asked, and the province accepted, that this expert not review it;
 * - same city (if on): the expert's city is the applicant's.
 */
export function findConflicts(
  app: ApplicationParties,
  expert: ExpertProfile,
  rules: ConflictRules,
  today: string,
): Conflict[] {
  const conflicts: Conflict[] = [];
  const parties = partiesOf(app);
  const expertUscc = usccKey(expert.unit.uscc);
  const expertName = unitNameKey(expert.unit.name);
  for (const p of parties) {
    if (expertUscc !== null && expertUscc === p.usccKey) {
      conflicts.push({
        code: 'SAME_UNIT_USCC',
        party: p.party,
        reason: `专家所在单位与${p.title}统一社会信用代码相同（${p.uscc}）`,
      });
    } else if (expertName !== null && expertName === p.nameKey) {
      conflicts.push({
        code: 'SAME_UNIT_NAME',
        party: p.party,
        reason: `专家所在单位与${p.title}名称相同（${p.name}）`,
      });
    }
  }
  if (rules.declaredRelations.enabled) {
    const since = lookBackStart(today, rules.declaredRelations.lookBackYears);
    for (const relation of expert.relations) {
      if (relation.until !== null && relation.until < since) continue;
      const counterpartUscc = usccKey(relation.counterpartUscc);
      const counterpartName = unitNameKey(relation.counterpartName);
      for (const p of parties) {
        const byUscc = counterpartUscc !== null && counterpartUscc === p.usccKey;
        const byName = counterpartName !== null && counterpartName === p.nameKey;
        if (!byUscc && !byName) continue;
        const period = relation.until === null ? '至今' : `截至${relation.until}`;
        conflicts.push({
          code: 'DECLARED_RELATION',
          party: p.party,
          reason: `专家申报与${p.title}（${identify(p)}）存在${relationKinds[relation.kind]}关系（${period}，回避期${rules.declaredRelations.lookBackYears}年）`,
        });
      }
    }
  }
  if (rules.requestedExclusions.enabled && app.requestedExclusions.includes(expert.id)) {
    conflicts.push({
      code: 'REQUESTED_EXCLUSION',
      party: 'applicant',
      reason: '申报单位申请该专家回避，省级主管部门已同意',
    });
  }
  if (rules.sameCity && expert.cityCode === app.cityCode) {
    conflicts.push({
      code: 'SAME_CITY',
      party: 'applicant',
      reason: `专家与申报单位在同一城市（行政区划代码${app.cityCode}），本轮不抽取本市专家`,
    });
  }
  return conflicts;
}

/**
 * Checks the exclusions an applicant requests: only when the round accepts them, at most M, no expert twice.
 * Throws AppError VALIDATION_FAILED on the field `requestedExclusions`.
 */
export function validateRequestedExclusions(expertIds: readonly string[], rules: ConflictRules): void {
  if (expertIds.length === 0) return;
  if (!rules.requestedExclusions.enabled) {
    throw fieldError('requestedExclusions', '本轮评审不接受申请专家回避');
  }
  if (new Set(expertIds).size !== expertIds.length) {
    throw fieldError('requestedExclusions', '申请回避的专家有重复');
  }
  const max = rules.requestedExclusions.maxPerApplication;
  if (expertIds.length > max) {
    throw fieldError('requestedExclusions', `每件申报最多申请${max}名专家回避，现为${expertIds.length}名`);
  }
}

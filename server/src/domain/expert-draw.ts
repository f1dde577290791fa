import { createHash } from 'node:crypto';
import { type ReviewGrouping } from '#contract';
import { fieldError } from './errors.js';

/**
 * 双随机 (随机分组评审、随机抽取专家, 工信厅企业函〔2024〕142号): the applications are grouped at random, and for
 * each group k experts are drawn at random among those eligible for every application of the group; each
 * drawn expert reviews the whole group. Everything random comes from SHA-256 of strings built from the recorded
 * seed, so anyone holding the seed, the application ids and the expert ids can recompute the draw with any
 * SHA-256 tool (keys are lower-case hex digests, compared as strings; ties, which do not happen, by id):
 *
 * 1. Grouping. Applications are sorted by SHA-256("<seed>|application|<application id>"). The number of groups
 *    G is the configured number (at most the number of applications n), or ⌈n / group size⌉. The sorted list
 *    is cut into G consecutive runs: the first (n mod G) runs hold ⌈n / G⌉ applications, the others ⌊n / G⌋.
 *    Groups are numbered 1 … G in that order.
 * 2. Eligibility. An expert is eligible for a group when no application of the group has a conflict (回避) with
 *    the expert and the load cap is at least the group's size. A group with fewer than k eligible experts cannot
 *    be served: the draw fails naming the group (only another seed, more experts or smaller groups help). The
 *    draw also fails when all experts' caps together are below n × k.
 * 3. Drawing, attempt t = 1, 2, … 20. Groups are served in order of fewest eligible experts first (ties by group
 *    number). For group g the experts are sorted by SHA-256("<seed>|<t>|group|<g>|expert|<expert id>") and the
 *    first k eligible ones whose load so far plus the group's size stays within the cap are drawn. Serving
 *    groups one after the other can use up, for an early group, the capacity a later group needed although a
 *    valid assignment exists; then attempt t is dropped and attempt t + 1 starts again from no loads with new
 *    orders. The first attempt that serves every group is the draw (its number is part of the result); after
 *    20 failed attempts the draw fails, naming the group that could not be served in the first attempt.
 * 4. Replacement (an expert declines or a conflict comes to light): the group's order of the draw's attempt is
 *    read from the start and the first expert who is not in the group, has not left it before, is eligible for
 *    every application of the group and has room under the cap takes the place. Nobody chooses.
 */

export interface DrawInput {
  seed: string;
  applicationIds: readonly string[];
  expertIds: readonly string[];
  /** k: experts per application. */
  expertsPerApplication: number;
  /** The most applications one expert reviews. */
  maxLoadPerExpert: number;
  grouping: ReviewGrouping;
  /** Whether the expert must not review the application (any 回避 conflict; all are hard). */
  hasConflict: (expertId: string, applicationId: string) => boolean;
}

export interface DrawGroup {
  /** 1 … G. */
  number: number;
  applicationIds: string[];
  /** The drawn experts, in the order drawn. */
  expertIds: string[];
}

export interface DrawSuccess {
  ok: true;
  /** The attempt (1 … 20) whose orders gave the draw. */
  attempt: number;
  groups: DrawGroup[];
}

export interface DrawFailure {
  ok: false;
  /** The group that could not be served; null when the experts' caps together fall short. */
  groupNumber: number | null;
  reason: string;
}

export const maxDrawAttempts = 20;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Ids sorted by SHA-256("<prefix>|<id>"), ties by id. */
function seededOrder(prefix: string, ids: readonly string[]): string[] {
  return ids
    .map((id) => ({ id, key: sha256(`${prefix}|${id}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((x) => x.id);
}

const expertOrder = (seed: string, attempt: number, group: number, expertIds: readonly string[]) =>
  seededOrder(`${seed}|${attempt}|group|${group}|expert`, expertIds);

/** Step 1: the random grouping. */
export function groupApplications(
  seed: string,
  applicationIds: readonly string[],
  grouping: ReviewGrouping,
): string[][] {
  const n = applicationIds.length;
  if (n === 0) return [];
  const order = seededOrder(`${seed}|application`, applicationIds);
  const g = grouping.mode === 'groupCount' ? Math.min(grouping.groupCount, n) : Math.ceil(n / grouping.groupSize);
  const small = Math.floor(n / g);
  const large = n % g;
  const groups: string[][] = [];
  let start = 0;
  for (let i = 0; i < g; i++) {
    const size = i < large ? small + 1 : small;
    groups.push(order.slice(start, start + size));
    start += size;
  }
  return groups;
}

function assertDistinct(ids: readonly string[], field: string, what: string) {
  if (new Set(ids).size !== ids.length) throw fieldError(field, `${what}有重复`);
}

const eligibleFor = (input: DrawInput, applicationIds: readonly string[]) => (expertId: string) =>
  applicationIds.length <= input.maxLoadPerExpert && applicationIds.every((a) => !input.hasConflict(expertId, a));

/** One attempt of step 3; the number of the first group it cannot serve when it fails. */
function attemptDraw(
  input: DrawInput,
  attempt: number,
  groups: readonly string[][],
  eligible: readonly string[][],
  serviceOrder: readonly number[],
): DrawGroup[] | number {
  const k = input.expertsPerApplication;
  const load = new Map<string, number>();
  const drawn: DrawGroup[] = groups.map((applicationIds, i) => ({ number: i + 1, applicationIds, expertIds: [] }));
  for (const index of serviceOrder) {
    const group = drawn[index]!;
    const size = group.applicationIds.length;
    const allowed = new Set(eligible[index]);
    for (const expertId of expertOrder(input.seed, attempt, group.number, input.expertIds)) {
      if (group.expertIds.length === k) break;
      if (!allowed.has(expertId) || (load.get(expertId) ?? 0) + size > input.maxLoadPerExpert) continue;
      group.expertIds.push(expertId);
      load.set(expertId, (load.get(expertId) ?? 0) + size);
    }
    if (group.expertIds.length < k) return group.number;
  }
  return drawn;
}

/** The 双随机 draw of a review round (see the procedure above). */
export function drawExperts(input: DrawInput): DrawSuccess | DrawFailure {
  assertDistinct(input.applicationIds, 'applicationIds', '申报');
  assertDistinct(input.expertIds, 'expertIds', '专家');
  const k = input.expertsPerApplication;
  const n = input.applicationIds.length;
  const groups = groupApplications(input.seed, input.applicationIds, input.grouping);
  const capacity = input.expertIds.length * input.maxLoadPerExpert;
  if (capacity < n * k) {
    return {
      ok: false,
      groupNumber: null,
      reason: `${input.expertIds.length}名专家每人最多评审${input.maxLoadPerExpert}件，合计${capacity}件次，少于${n}件申报各需${k}名专家的${n * k}件次；请增加专家或提高每位专家评审上限`,
    };
  }
  const eligible = groups.map((g) => input.expertIds.filter(eligibleFor(input, g)));
  for (const [i, g] of groups.entries()) {
    if (eligible[i]!.length >= k) continue;
    const why =
      g.length > input.maxLoadPerExpert
        ? `本组${g.length}件申报超过每位专家评审上限${input.maxLoadPerExpert}件`
        : `与组内全部申报均无回避关系的专家只有${eligible[i]!.length}名`;
    return {
      ok: false,
      groupNumber: i + 1,
      reason: `第${i + 1}组（${g.length}件申报）：${why}，少于每件申报所需的${k}名专家；请换一个随机种子重新分组、增加专家或缩小分组`,
    };
  }
  const serviceOrder = groups.map((_, i) => i).sort((a, b) => eligible[a]!.length - eligible[b]!.length || a - b);
  let firstFailure: number | null = null;
  for (let attempt = 1; attempt <= maxDrawAttempts; attempt++) {
    const result = attemptDraw(input, attempt, groups, eligible, serviceOrder);
    if (typeof result !== 'number') return { ok: true, attempt, groups: result };
    firstFailure ??= result;
  }
  const group = groups[firstFailure! - 1]!;
  return {
    ok: false,
    groupNumber: firstFailure,
    reason: `第${firstFailure}组（${group.length}件申报）：与组内全部申报均无回避关系的专家有${eligible[firstFailure! - 1]!.length}名，但其他组已用去其中多数人的评审上限，按种子重排${maxDrawAttempts}次仍抽不满${k}名；请提高每位专家评审上限、增加专家或缩小分组`,
  };
}

/** Each expert's load (applications to review) in a draw. */
export function expertLoads(groups: readonly DrawGroup[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const g of groups) for (const e of g.expertIds) load.set(e, (load.get(e) ?? 0) + g.applicationIds.length);
  return load;
}

export type ReplacementResult =
  { ok: true; expertId: string; groups: DrawGroup[] } | { ok: false; groupNumber: number; reason: string };

/**
 * Replaces `expertId` in group `groupNumber` of a draw by the next eligible expert in the group's seeded order of
 * the draw's attempt (step 4). `formerExperts` are those who left the group before (they are not drawn again);
 * `input.hasConflict` is read as it stands now. Returns the groups with the replacement made.
 */
export function drawReplacement(
  input: DrawInput,
  draw: DrawSuccess,
  groupNumber: number,
  expertId: string,
  formerExperts: readonly string[] = [],
): ReplacementResult {
  const group = draw.groups.find((g) => g.number === groupNumber);
  if (!group) throw fieldError('groupNumber', `没有第${groupNumber}组`);
  if (!group.expertIds.includes(expertId)) throw fieldError('expertId', `该专家不在第${groupNumber}组`);
  const load = expertLoads(draw.groups);
  const size = group.applicationIds.length;
  const excluded = new Set([...group.expertIds, ...formerExperts]);
  const eligible = eligibleFor(input, group.applicationIds);
  const next = expertOrder(input.seed, draw.attempt, groupNumber, input.expertIds).find(
    (e) => !excluded.has(e) && eligible(e) && (load.get(e) ?? 0) + size <= input.maxLoadPerExpert,
  );
  if (next === undefined) {
    return {
      ok: false,
      groupNumber,
      reason: `第${groupNumber}组（${size}件申报）没有可替换的专家：其余专家均与组内申报有回避关系、已达评审上限或曾退出本组`,
    };
  }
  const groups = draw.groups.map((g) =>
    g.number === groupNumber ? { ...g, expertIds: g.expertIds.map((e) => (e === expertId ? next : e)) } : g,
  );
  return { ok: true, expertId: next, groups };
}

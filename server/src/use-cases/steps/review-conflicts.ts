import { todayInShanghai, type ConflictRules, type ExpertRelation } from '#contract';
import { findConflicts, type ApplicationParties, type Conflict, type ExpertProfile } from '../../domain/conflicts.js';
import type {
  ExpertRow,
  ReviewExclusionRow,
  RoundApplicationRow,
} from '../../repositories/expert-review-repository.js';
import type { Context } from '../context.js';

/** An expert of the pool as 回避 reads it. */
export function expertProfile(row: ExpertRow): ExpertProfile {
  return {
    id: row.id,
    unit: { name: row.unit_name, uscc: row.unit_uscc },
    cityCode: row.city_code,
    relations: (JSON.parse(row.relations) as ExpertRelation[]).map((r) => ({
      kind: r.kind,
      counterpartName: r.counterpartName,
      counterpartUscc: r.counterpartUscc,
      until: r.until,
    })),
  };
}

/** The 回避 of a round as things stand now: each application's parties against each expert. */
export interface RoundConflicts {
  conflictsOf(applicationId: string, expert: ExpertRow): Conflict[];
}

/**
 * Reads the parties of the round's applications (operating unit, 集聚服务机构, city, the exclusions the province
 * accepted) as they are now, so a change to an application or an expert shows in the next check.
 */
export async function roundConflicts(
  ctx: Context,
  rules: ConflictRules,
  applications: readonly RoundApplicationRow[],
  exclusions: readonly ReviewExclusionRow[],
): Promise<RoundConflicts> {
  const institutions = await ctx.expertReviews.institutionsOf(applications.map((a) => a.application_id));
  const parties = new Map<string, ApplicationParties>(
    applications.map((a) => [
      a.application_id,
      {
        applicationId: a.application_id,
        operatingUnit: { name: a.unit_name, uscc: a.uscc },
        institutions: institutions.get(a.application_id) ?? [],
        cityCode: a.region_code,
        requestedExclusions: exclusions
          .filter((e) => e.application_id === a.application_id && e.accepted === 1)
          .map((e) => e.expert_id),
      },
    ]),
  );
  const today = todayInShanghai(ctx.clock.now());
  return {
    conflictsOf: (applicationId, expert) => {
      const app = parties.get(applicationId);
      return app ? findConflicts(app, expertProfile(expert), rules, today) : [];
    },
  };
}

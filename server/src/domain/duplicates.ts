import { normalizeForWordCheck } from './eligibility.js';

/** The platform name as duplicates compare it: NFKC-normalised without white space; none for an empty name. */
export function platformNameKey(platformName: string | null | undefined): string | null {
  return platformName ? normalizeForWordCheck(platformName) : null;
}

export interface DuplicateCandidate {
  id: string;
  uscc: string;
  platformName: string | null | undefined;
}

/**
 * Applications that look like the same platform: the same operating-unit USCC, or the same platform
 * name once NFKC-normalised without white space. Returns, for each flagged application, the others.
 */
export function findDuplicates(apps: readonly DuplicateCandidate[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const add = (key: string, id: string) => groups.set(key, [...(groups.get(key) ?? []), id]);
  for (const a of apps) {
    add(`uscc:${a.uscc}`, a.id);
    const nameKey = platformNameKey(a.platformName);
    if (nameKey !== null) add(`name:${nameKey}`, a.id);
  }
  const result = new Map<string, string[]>();
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) result.set(id, [...new Set([...(result.get(id) ?? []), ...ids.filter((x) => x !== id)])]);
  }
  return result;
}

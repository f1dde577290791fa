import type { ApplicationListItem } from '../../api/types';

/**
 * The server flags what arrived since the official last loaded the list, and that load counts as
 * looking: the next request (a filter, a search, coming back from a review) flags nothing. So the
 * page remembers the flagged applications for this browser tab until the official opens each one.
 */
const keyFor = (userId: string) => `shenbao.new-applications.${userId}`;

function read(userId: string): Set<string> {
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(keyFor(userId)) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

function write(userId: string, ids: Set<string>): void {
  try {
    window.sessionStorage.setItem(keyFor(userId), JSON.stringify([...ids]));
  } catch {
    // storage full or disabled: the flags last as long as the page
  }
}

export function rememberNew(userId: string, items: ApplicationListItem[]): ApplicationListItem[] {
  const ids = read(userId);
  items.forEach((item) => item.isNew && ids.add(item.id));
  write(userId, ids);
  return items.map((item) => ({ ...item, isNew: ids.has(item.id) }));
}

export function markSeen(userId: string, applicationId: string): void {
  const ids = read(userId);
  if (ids.delete(applicationId)) write(userId, ids);
}

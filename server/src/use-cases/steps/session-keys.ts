import { createHash } from 'node:crypto';

/** The key of a session's row: a SHA-256 of the cookie value, which is never stored. */
export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');

/**
 * The opaque reference by which the list of sessions names a session: a SHA-256 of the stored hash
 * under a label of its own, so it reveals neither the cookie value nor the key of the row.
 */
export const sessionRef = (idHash: string): string =>
  createHash('sha256').update(`session-ref\n${idHash}`).digest('base64url').slice(0, 22);

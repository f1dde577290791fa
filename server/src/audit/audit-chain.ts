import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../db/schema.js';

/**
 * The audit log as a hash chain: every entry's hash covers its own content and the previous entry's hash,
 * so changing, removing, inserting or reordering an entry breaks every hash from there on. The chain's
 * head (last seq and hash) is kept in its own row, so cutting off the newest entries is detected too.
 */

/** The hash the first entry chains from. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The stored columns an entry's hash covers: all of them except the hash itself. `detail` is covered as
 * the stored JSON text: a change of spacing or key order is a change.
 */
export type ChainedEntry = Omit<AuditLogTable, 'hash'>;

/** The entry as one JSON array in a fixed order, so the same row always gives the same text. */
export function canonicalEntry(e: ChainedEntry): string {
  return JSON.stringify([
    e.seq,
    e.at,
    e.actor_user_id,
    e.actor_name,
    e.ip,
    e.action,
    e.target_type,
    e.target_id,
    e.detail,
    e.id,
  ]);
}

/** SM3(previous hash ‖ '\n' ‖ canonical entry), hex. */
export function chainHash(previousHash: string, e: ChainedEntry): string {
  return createHash('sm3')
    .update(`${previousHash}\n${canonicalEntry(e)}`, 'utf8')
    .digest('hex');
}

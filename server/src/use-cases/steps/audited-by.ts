import type { Actor } from '../../policies/policy.js';

/** Who an audit entry names: the signed-in user who acted, and the client's address. */
export const auditedBy = (actor: Actor, ip: string | null) => ({
  actorUserId: actor.userId,
  actorName: actor.username,
  ip,
});

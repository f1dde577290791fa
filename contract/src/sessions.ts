import { z } from 'zod';

/** One of the signed-in user's active sessions (登录设备), as the list of sessions shows it. */
export const activeSessionSchema = z.object({
  /** An opaque reference to the session, for ending it; never the cookie or its hash. */
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** The client's address at login (behind a trusted proxy, the one the proxy saw). */
  ip: z.string().nullable(),
  /** Browser and system in words, e.g. “Chrome 131 · Windows 10/11”, from the user agent at login. */
  device: z.string(),
  userAgent: z.string().nullable(),
  /** The session of the request that asked. */
  current: z.boolean(),
});
export type ActiveSession = z.infer<typeof activeSessionSchema>;

/** One of the signed-in user's active sessions (登录设备), as the list of sessions shows it. */
export interface ActiveSession {
  /** An opaque reference to the session, for ending it; never the cookie or its hash. */
  id: string;
  createdAt: string;
  lastSeenAt: string;
  /** The client's address at login (behind a trusted proxy, the one the proxy saw). */
  ip: string | null;
  /** Browser and system in words, e.g. “Chrome 131 · Windows 10/11”, from the user agent at login. */
  device: string;
  userAgent: string | null;
  /** The session of the request that asked. */
  current: boolean;
}

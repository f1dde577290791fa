import type { Config } from '../config.js';

/** What Fastify's `trustProxy` option accepts (its types leave out the hop count). */
type TrustProxyOption = boolean | string[] | ((address: string, hop: number) => boolean);

/**
 * TRUST_PROXY as Fastify's `trustProxy`: nothing trusted, the proxies at the given addresses/CIDRs, or a
 * number of hops. Fastify 5 no longer honours a bare number (a client that reaches the server directly
 * could then name its own address in X-Forwarded-For), so a hop count becomes the function Express
 * builds for it: the nearest `hops` addresses are proxies, whoever they are. That is only safe
 * when nothing but the proxy can reach the server (HOST=127.0.0.1 behind a local nginx, or a firewall);
 * `unsafeHopCount` tells the server to warn otherwise. Addresses are the safer setting.
 */
export function trustProxyOption(setting: Config['trustProxy']): TrustProxyOption {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

/** A hop count while listening on every interface: anyone who reaches the port can choose their address. */
export function unsafeHopCount(config: Pick<Config, 'trustProxy' | 'host'>): boolean {
  return (
    typeof config.trustProxy === 'number' &&
    config.trustProxy > 0 &&
    !['127.0.0.1', '::1', 'localhost'].includes(config.host)
  );
}

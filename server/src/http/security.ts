import { isIP } from 'node:net';

/** True for names and addresses that only this machine can reach. */
export const isLoopbackHost = (host: string): boolean => {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (bare.startsWith('::ffff:')) return bare.slice(7).startsWith('127.');
  return false;
};

/**
 * Why the server must not start with these settings, or undefined when it may: anyone on the
 * network could spend the API key of a server listening beyond loopback without a token.
 */
export const exposureProblem = (host: string, token: string | undefined): string | undefined =>
  isLoopbackHost(host) || token
    ? undefined
    : `HOST=${host} makes Atelier reachable from other machines, so it needs ATELIER_TOKEN: ` +
      `set ATELIER_TOKEN to a long random secret (clients then send "Authorization: Bearer <token>"), ` +
      `or use HOST=127.0.0.1.`;

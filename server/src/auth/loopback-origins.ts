const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The origins a browser may sign in from when ATELIER_PUBLIC_URL is unset: the server prints
 * http://127.0.0.1:<port>, people type localhost, and both are the same machine, so each
 * loopback spelling of the port is trusted (better-auth refuses a sign-up from any origin it
 * does not know with 403 "Invalid origin"), plus a named HOST. A wildcard HOST (0.0.0.0) names
 * no origin: reaching the server by another address needs ATELIER_PUBLIC_URL.
 */
export const loopbackOrigins = (host: string, port: number): string[] => {
  const named =
    host === '0.0.0.0' || host === '::' ? [] : [host.includes(':') ? `[${host}]` : host];
  return [...new Set([...LOOPBACK, ...named])].map((name) => `http://${name}:${port}`);
};

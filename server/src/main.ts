import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config';
import { exposureProblem } from './http/security';
import { startServer } from './http/start';

/** `pnpm start`: the editor and the API on one port (DESIGN.md §2). */
const log = (line: string) => {
  const time = new Date().toTimeString().slice(0, 8);
  process.stdout.write(`${time} ${line}\n`);
};

const fail = (message: string): never => {
  process.stderr.write(`atelier: ${message}\n`);
  process.exit(1);
};

const main = async () => {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // Team mode needs no shared token: every request names a signed-in person or their API token.
  const problem =
    config!.auth === 'accounts' ? undefined : exposureProblem(config!.host, config!.token);
  if (problem) fail(problem);

  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const server = await startServer({
    config: config!,
    version: pkg.version,
    webDist: fileURLToPath(new URL('../../web/dist', import.meta.url)),
    log,
  });

  const why =
    server.provider.kind === 'openai'
      ? `openai (${server.provider.baseURL})`
      : config!.provider === 'simulator'
        ? 'simulator (ATELIER_PROVIDER=simulator)'
        : 'simulator (no OPENAI_API_KEY)';
  // Before the "Atelier on" line, which scripts (and tests) wait for as the ready signal.
  if (server.interrupted > 0)
    log(`${server.interrupted} run(s) from a previous process were marked interrupted`);
  log(`Atelier on ${server.url} — provider: ${why}`);
  if (config!.token) log('API token required (ATELIER_TOKEN is set)');
  if (config!.auth === 'accounts') log('Team mode: people sign in (ATELIER_AUTH=accounts)');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: shutting down (running runs get a few seconds to finish)`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
};

main().catch((error: unknown) => {
  if ((error as { code?: string }).code === 'EADDRINUSE')
    fail(
      `could not start: ${(error as Error).message}. Another program (maybe another Atelier) ` +
        'uses that port: stop it, or choose another with PORT=8788.',
    );
  const message = error instanceof Error ? error.message : String(error);
  fail(`could not start: ${message}`);
});

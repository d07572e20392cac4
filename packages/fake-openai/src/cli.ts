/**
 * `pnpm fake-openai --port 4010 [flags]`: runs the fake Responses API until interrupted and
 * prints its base URL on stdout. `--help` lists the flags (also in README.md).
 * Exit codes: 2 for a bad command line, 1 when the server cannot start.
 */
import { CliUsageError, HELP, parseCliArgs } from './cli-args';
import { createFakeOpenAI } from './server';

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.help) {
    process.stdout.write(HELP);
    return;
  }
  const fake = await createFakeOpenAI(parsed.options);
  process.stdout.write(`${fake.baseURL}\n`);
  process.stderr.write(
    `fake OpenAI Responses API listening (simulator). Use baseURL ${fake.baseURL} with any API key. Ctrl-C stops it.\n`,
  );
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const usage = error instanceof CliUsageError;
  process.stderr.write(
    `fake-openai: ${error instanceof Error ? error.message : String(error)}${usage ? '\nRun with --help for the flags.' : ''}\n`,
  );
  process.exit(usage ? 2 : 1);
});

/** The CLI as a real process (`node --import tsx server/src/cli/main.ts …`), for signal tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { CliResult } from './cli-harness';
import { ROOT } from './run-service-harness';

export interface CliProcess {
  child: ChildProcess;
  /** What it printed so far. */
  stdout(): string;
  stderr(): string;
  done: Promise<CliResult>;
  /** Resolves once stderr matches (rejects if the process ends first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/**
 * Starts the CLI with `env` over a clean environment (no key, token or provider of the
 * machine's), in ROOT with `userCwd` as where the user typed the command (INIT_CWD).
 */
export const startCli = (
  argv: string[],
  env: Record<string, string>,
  userCwd: string = ROOT,
): CliProcess => {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'ATELIER_PROVIDER',
    'ATELIER_TOKEN',
    'ATELIER_API_TOKEN',
    'INIT_CWD',
  ])
    delete base[name];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server/src/cli/main.ts'), ...argv],
    {
      cwd: ROOT,
      env: { ...base, INIT_CWD: userCwd, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const check of waiters) check();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const check of waiters) check();
      resolve({ code: code ?? (signal ? -1 : -2), stdout, stderr });
    });
  });
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`stderr never matched ${pattern} in ${timeoutMs} ms:\n${stderr}`));
      }, timeoutMs);
      const check = () => {
        if (pattern.test(stderr)) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`The CLI ended before stderr matched ${pattern}:\n${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, done, waitFor };
};

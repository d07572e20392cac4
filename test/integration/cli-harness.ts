import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../server/src/cli/main';
import { ROOT } from './run-service-harness';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An environment on the simulator whatever the machine has set. */
export const simulatorEnv = (dataDir: string): Record<string, string | undefined> => ({
  ATELIER_DATA_DIR: dataDir,
  ATELIER_PROVIDER: 'simulator',
  OPENAI_API_KEY: undefined,
});

/** Calls the CLI's main() in this process with `env` as its whole environment, capturing what it prints. */
export const callMain = async (
  argv: string[],
  io: { env: Record<string, string | undefined>; cwd: string; userCwd: string },
): Promise<CliResult> => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (line) => (stderr += `${line}\n`),
    ...io,
  });
  return { code, stdout, stderr };
};

/** main() on the simulator with `dataDir`, in the repository. */
export const runCli = (argv: string[], dataDir: string, userCwd = ROOT): Promise<CliResult> =>
  callMain(argv, { env: simulatorEnv(dataDir), cwd: ROOT, userCwd });

/**
 * main() in `dir` on the simulator with a local data folder of its own (`dir/cli-data`, unused
 * with --server: everything goes to the server) and `token` as ATELIER_API_TOKEN.
 */
export const runCliIn = (dir: string, argv: string[], token?: string): Promise<CliResult> =>
  callMain(argv, {
    env: {
      ATELIER_DATA_DIR: join(dir, 'cli-data'),
      ATELIER_PROVIDER: 'simulator',
      ...(token ? { ATELIER_API_TOKEN: token } : {}),
    },
    cwd: dir,
    userCwd: dir,
  });

/** Runs the CLI as a user's shell would (`node --import tsx server/src/cli/main.ts …`). */
export const spawnCli = (argv: string[], dataDir: string): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ATELIER_DATA_DIR: dataDir,
      ATELIER_PROVIDER: 'simulator',
    };
    delete env.OPENAI_API_KEY;
    delete env.INIT_CWD;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...argv], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

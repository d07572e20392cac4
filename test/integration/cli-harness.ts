import { spawn } from 'node:child_process';
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

/** Calls the CLI's main() in this process, capturing what it prints. */
export const runCli = async (
  argv: string[],
  dataDir: string,
  userCwd = ROOT,
): Promise<CliResult> => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (line) => (stderr += `${line}\n`),
    env: simulatorEnv(dataDir),
    cwd: ROOT,
    userCwd,
  });
  return { code, stdout, stderr };
};

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

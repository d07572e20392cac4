import { resolve } from 'node:path';
import type { Config } from '../config';
import { DatabaseOpenError } from '../db/create-db';
import type { Runtime } from '../runtime/create-runtime';
import { createRuntime } from '../runtime/create-runtime';
import type { CliIO } from './io';

/**
 * The runtime of `atelier run|batch`: the server's own composition root on the same database,
 * with problems (a failed database write) printed as warnings instead of lost. Undefined when
 * the database cannot be opened (said on stderr, with what to do).
 */
export const openRuntime = async (config: Config, io: CliIO): Promise<Runtime | undefined> => {
  let runtime: Runtime;
  try {
    runtime = await createRuntime({
      config: { ...config, dataDir: resolve(io.cwd, config.dataDir) },
      kind: 'cli',
      warn: (line) => io.stderr(`warning: ${line}`),
    });
  } catch (error) {
    if (!(error instanceof DatabaseOpenError)) throw error;
    io.stderr(`${error.message} [database_unusable]`);
    return undefined;
  }
  if (runtime.interrupted > 0)
    io.stderr(
      `${runtime.interrupted} run(s) left unfinished by a process that stopped were marked interrupted`,
    );
  return runtime;
};

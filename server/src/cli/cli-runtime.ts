import { resolve } from 'node:path';
import type { Config } from '../config';
import { DatabaseOpenError } from '../db/create-db';
import type { Runtime, Storage } from '../runtime/create-runtime';
import { createRuntime, openStorage } from '../runtime/create-runtime';
import type { CliIO } from './io';

/**
 * The runtime of `atelier run|batch`: the server's own composition root on the same database,
 * with problems (a failed database write) printed as warnings instead of lost. Undefined when
 * the database cannot be opened (said on stderr, with what to do).
 */
export const openRuntime = async (
  config: Config,
  io: CliIO,
  storage?: Storage,
): Promise<Runtime | undefined> => {
  let runtime: Runtime;
  try {
    runtime = await createRuntime({
      config: { ...config, dataDir: resolve(io.cwd, config.dataDir) },
      kind: 'cli',
      warn: (line) => io.stderr(`warning: ${line}`),
      ...(storage ? { storage } : {}),
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

/** The database alone (the CLI checks a run's inputs before it starts a provider). */
export const openCliStorage = (config: Config, io: CliIO): Storage | undefined => {
  try {
    return openStorage(resolve(io.cwd, config.dataDir));
  } catch (error) {
    if (!(error instanceof DatabaseOpenError)) throw error;
    io.stderr(`${error.message} [database_unusable]`);
    return undefined;
  }
};

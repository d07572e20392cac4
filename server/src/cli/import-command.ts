import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { registry } from '@atelier/nodes';
import { ImportError, importWorkflow } from '../sharing/import-workflow';
import type { Command } from './args';
import { openCliStorage } from './cli-runtime';
import type { CliIO } from './io';
import { EXIT, readConfig, shownPath } from './run-command';

/**
 * `atelier import <file>`: what POST /api/workflows/import does, on the local library. A
 * bundle brings the recipes its document uses (reused when the library has them) and its
 * images; the document is then run by name or id.
 */
export const importCommand = async (
  command: Extract<Command, { kind: 'import' }>,
  io: CliIO,
): Promise<number> => {
  const path = resolve(io.userCwd, command.file);
  let body: Uint8Array;
  try {
    body = new Uint8Array(await readFile(path));
  } catch {
    io.stderr(`Cannot read ${path}.`);
    return EXIT.usage;
  }
  const config = readConfig(io);
  const storage = config && openCliStorage(config, io);
  if (!storage) return EXIT.usage;
  try {
    const report = await importWorkflow(body, { ...storage, registry });
    io.stderr(`${report.message} (database ${shownPath(io, storage.dbPath)})`);
    for (const recipe of report.recipes)
      io.stderr(
        `  recipe "${recipe.name}": ${recipe.id} version ${recipe.version}${recipe.reused ? ' (already in the library)' : ''}`,
      );
    for (const missing of report.missing)
      io.stderr(`  missing: ${missing.title} ${missing.field}: ${missing.reason}`);
    if (command.json) io.stdout(JSON.stringify(report, null, 2));
    else io.stdout(`${report.id} ${report.version} ${report.name}`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.stderr(
      `${command.file}: ${error.message}${error.path ? ` (at ${error.path})` : ''} [${error.code}]`,
    );
    return EXIT.usage;
  } finally {
    storage.db.close();
  }
};

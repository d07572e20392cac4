import type { RecipeInput } from '@atelier/graph';
import { isRecipeNode, recipeSignature } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import type { Command } from './args';
import type { CliIO } from './io';
import { issueLines } from './progress';
import { openCliStorage } from './cli-runtime';
import type { OpenedWorkflow } from './run-command';
import { checkWorkflow, EXIT, loadRef, openLibraryWorkflow, readConfig } from './run-command';
import { remoteInputs } from './remote/remote-inputs';

const show = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '(not set)';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object' && 'blob' in value) {
    const image = value as unknown as { width: number; height: number; mime: string };
    return `${image.mime} ${image.width}x${image.height}`;
  }
  return JSON.stringify(value);
};

/** The inputs of a file, or of a library workflow of ATELIER_DATA_DIR (problems printed). */
const localInputs = async (
  command: Extract<Command, { kind: 'inputs' }>,
  io: CliIO,
  file: OpenedWorkflow | undefined,
): Promise<{ name: string; inputs: RecipeInput[] } | number> => {
  let loaded = file;
  let checked: ReturnType<typeof checkWorkflow> = { ok: true };
  if (!loaded || loaded.workflow.nodes.some(isRecipeNode)) {
    // A library workflow, or a file whose recipes live in the library: open it.
    const config = readConfig(io);
    const storage = config && openCliStorage(config, io);
    if (!storage) return EXIT.usage;
    try {
      loaded ??= openLibraryWorkflow(storage, command.workflow, io);
      if (loaded) checked = checkWorkflow(loaded.workflow, storage);
    } finally {
      storage.db.close();
    }
    if (!loaded) return EXIT.usage;
  } else checked = checkWorkflow(loaded.workflow);
  if (!checked.ok) {
    for (const line of issueLines(checked.issues, command.workflow)) io.stderr(line);
    return EXIT.usage;
  }
  return { name: loaded.workflow.name, inputs: recipeSignature(loaded.workflow, registry) };
};

/**
 * `atelier inputs`: the recipe's named inputs, with kinds and defaults. With --server a
 * library workflow is the server's (no local data folder is opened or made); a file's inputs
 * are its own (its recipe nodes are checked where it runs).
 */
export const inputsCommand = async (
  command: Extract<Command, { kind: 'inputs' }>,
  io: CliIO,
): Promise<number> => {
  const ref = await loadRef(command.workflow, io);
  if (!ref) return EXIT.usage;
  const listed = !command.server
    ? await localInputs(command, io, ref.file)
    : ref.file
      ? { name: ref.file.workflow.name, inputs: recipeSignature(ref.file.workflow, registry) }
      : await remoteInputs(command.server, command.workflow, io);
  if (typeof listed === 'number') return listed;
  const { name, inputs } = listed;
  if (command.json) {
    io.stdout(JSON.stringify(inputs, null, 2));
    return EXIT.ok;
  }
  if (inputs.length === 0) {
    io.stdout(`${name} has no named inputs.`);
    return EXIT.ok;
  }
  io.stdout(`${name}: ${inputs.length} input${inputs.length === 1 ? '' : 's'}`);
  for (const input of inputs) {
    const how = input.kind === 'text' ? `--set ${input.name}=...` : `--set ${input.name}=@file.png`;
    io.stdout(
      `  ${input.name}  ${input.kind}  (${input.node}.${input.field}${input.label ? `, "${input.label}"` : ''})  default ${show(input.default)}  → ${how}`,
    );
  }
  return EXIT.ok;
};

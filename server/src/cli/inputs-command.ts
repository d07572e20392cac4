import { isRecipeNode, recipeSignature } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import type { Command } from './args';
import type { CliIO } from './io';
import { issueLines } from './progress';
import { openCliStorage } from './cli-runtime';
import { checkWorkflow, EXIT, loadRef, openLibraryWorkflow, readConfig } from './run-command';

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

/** `atelier inputs`: the recipe's named inputs, with kinds and defaults. */
export const inputsCommand = async (
  command: Extract<Command, { kind: 'inputs' }>,
  io: CliIO,
): Promise<number> => {
  const ref = await loadRef(command.workflow, io);
  if (!ref) return EXIT.usage;
  let loaded = ref.file;
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
  const inputs = recipeSignature(loaded.workflow, registry);
  if (command.json) {
    io.stdout(JSON.stringify(inputs, null, 2));
    return EXIT.ok;
  }
  if (inputs.length === 0) {
    io.stdout(`${loaded.workflow.name} has no named inputs.`);
    return EXIT.ok;
  }
  io.stdout(`${loaded.workflow.name}: ${inputs.length} input${inputs.length === 1 ? '' : 's'}`);
  for (const input of inputs) {
    const how = input.kind === 'text' ? `--set ${input.name}=...` : `--set ${input.name}=@file.png`;
    io.stdout(
      `  ${input.name}  ${input.kind}  (${input.node}.${input.field}${input.label ? `, "${input.label}"` : ''})  default ${show(input.default)}  → ${how}`,
    );
  }
  return EXIT.ok;
};

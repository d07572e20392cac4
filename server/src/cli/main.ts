import { pathToFileURL } from 'node:url';
import { HELP, parseArgs, UsageError } from './args';
import { batchCommand } from './batch-command';
import { importCommand } from './import-command';
import { inputsCommand } from './inputs-command';
import type { CliIO } from './io';
import { processIO } from './io';
import { EXIT, runCommand } from './run-command';

export type { CliIO } from './io';

/** The `atelier` command line (DESIGN.md §8); returns the exit code. */
export const main = async (argv: readonly string[], io: CliIO = processIO()): Promise<number> => {
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case 'help':
        io.stdout(HELP);
        return EXIT.ok;
      case 'version':
        io.stdout('atelier 0.1.0');
        return EXIT.ok;
      case 'run':
        return await runCommand(command, io);
      case 'batch':
        return await batchCommand(command, io);
      case 'inputs':
        return await inputsCommand(command, io);
      case 'import':
        return await importCommand(command, io);
      default:
        command satisfies never;
        return EXIT.usage;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${HELP}`);
      return EXIT.usage;
    }
    io.stderr(`atelier: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
};

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}

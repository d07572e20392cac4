/** Parsed command line of `atelier`. */
export type Command =
  | { kind: 'help'; topic?: string }
  | { kind: 'version' }
  | {
      kind: 'run';
      workflow: string;
      sets: { name: string; value: string }[];
      out: string;
      json: boolean;
      target?: string;
      force: string[];
    }
  | { kind: 'inputs'; workflow: string; json: boolean };

/** A command line that cannot be understood; the message says what to type instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const takeValue = (args: string[], i: number, flag: string): string => {
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--'))
    throw new UsageError(`${flag} needs a value (see --help).`);
  return value;
};

/** `--set name=value` → {name, value}; the value may contain "=". */
const parseSet = (raw: string): { name: string; value: string } => {
  const at = raw.indexOf('=');
  if (at <= 0)
    throw new UsageError(
      `--set "${raw}": expected name=value (text) or name=@path/to/image.png (an image file).`,
    );
  return { name: raw.slice(0, at), value: raw.slice(at + 1) };
};

export const parseArgs = (argv: readonly string[]): Command => {
  const args = [...argv];
  // `pnpm atelier -- run …` passes the separator through.
  if (args[0] === '--') args.shift();
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return { kind: 'help', topic: command === 'help' ? rest[0] : undefined };
  if (command === '--version' || command === '-v') return { kind: 'version' };
  if (command !== 'run' && command !== 'inputs')
    throw new UsageError(`Unknown command "${command}". Commands: run, inputs (see --help).`);
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', topic: command };

  let workflow: string | undefined;
  const sets: { name: string; value: string }[] = [];
  const force: string[] = [];
  let out = 'out';
  let json = false;
  let target: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? splitInline(arg) : [arg];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = takeValue(rest, i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--set':
      case '-s':
        sets.push(parseSet(value()));
        break;
      case '--out':
      case '-o':
        out = value();
        break;
      case '--json':
        json = true;
        break;
      case '--target':
        target = value();
        break;
      case '--force':
        force.push(...value().split(',').filter(Boolean));
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`Unknown option "${flag}" (see --help).`);
        if (workflow !== undefined)
          throw new UsageError(`One workflow file at a time; got "${workflow}" and "${flag}".`);
        workflow = flag;
    }
  }
  if (workflow === undefined)
    throw new UsageError(`Missing the workflow file: atelier ${command} <workflow.json>`);
  if (command === 'inputs') {
    if (sets.length || force.length || target !== undefined)
      throw new UsageError('`atelier inputs` takes only a workflow file and --json.');
    return { kind: 'inputs', workflow, json };
  }
  return { kind: 'run', workflow, sets, out, json, target, force };
};

/** `--out=dir` → ['--out', 'dir'] (only for options that take a value). */
const splitInline = (arg: string): [string, string | undefined] => {
  const at = arg.indexOf('=');
  const flag = arg.slice(0, at);
  return flag === '--json' ? [arg, undefined] : [flag, arg.slice(at + 1)];
};

export const HELP = `atelier: run Atelier image workflows from the command line.

Usage:
  pnpm atelier run <workflow.json> [--set name=value] [--set name=@image.png]
                                   [--out DIR] [--json] [--target NODE] [--force NODE,...]
  pnpm atelier inputs <workflow.json> [--json]

run      Runs a workflow (atelier.workflow v1) on the same engine and database as the
         server: unchanged nodes come from the cache. Progress goes to stderr; output
         images are written to DIR as <node id>.<png|webp|jpg>.
inputs   Lists the workflow's named inputs (what --set can change).

Options:
  --set name=value     Sets a named text input (each input at most once).
  --set name=@file     Sets a named image or mask input from a PNG/WebP/JPEG file
                       (masks: PNG with alpha under 4 MB, same size as their
                       image), or a text
                       input from a UTF-8 text file.
  --out DIR            Where images go (default ./out).
  --json               Prints a JSON summary of the run on stdout.
  --target NODE        Runs only NODE and what it needs.
  --force NODE,...     Ignores the cache for these nodes.

Environment: OPENAI_API_KEY (without it the built-in simulator answers),
ATELIER_PROVIDER (auto|openai|simulator), ATELIER_DATA_DIR (default ./data).

Exit codes: 0 the run succeeded; 1 it failed or was cancelled; 2 bad command line,
workflow or inputs (nothing was run).
`;

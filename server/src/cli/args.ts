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
      /** Run on this server over HTTP (ATELIER_API_TOKEN authorizes). */
      server?: string;
    }
  | {
      kind: 'batch';
      workflow: string;
      sets: { name: string; value: string }[];
      out: string;
      json: boolean;
      /** Exactly one row source: a CSV/TSV file, or lists crossed (product) or zipped. */
      csv?: string;
      product: { name: string; values: string[] }[];
      zip: { name: string; values: string[] }[];
      maxCost?: number;
      priority?: number;
      /** Start another batch even when the same command made one already. */
      fresh: boolean;
      server?: string;
    }
  | { kind: 'inputs'; workflow: string; json: boolean; server?: string }
  /** Adds a bundle (.atelier.zip: with its recipes and images) or a document to the library. */
  | { kind: 'import'; file: string; json: boolean };

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
  if (command !== 'run' && command !== 'inputs' && command !== 'batch' && command !== 'import')
    throw new UsageError(
      `Unknown command "${command}". Commands: run, batch, inputs, import (see --help).`,
    );
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', topic: command };

  let workflow: string | undefined;
  const sets: { name: string; value: string }[] = [];
  const force: string[] = [];
  let out = 'out';
  let json = false;
  let target: string | undefined;
  let server: string | undefined;
  let csv: string | undefined;
  const product: { name: string; values: string[] }[] = [];
  const zip: { name: string; values: string[] }[] = [];
  let maxCost: number | undefined;
  let priority: number | undefined;
  let fresh = false;
  const batchOnly: string[] = [];
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
      case '--server':
        server = serverUrl(value());
        break;
      case '--csv':
        if (csv !== undefined) throw new UsageError('One --csv file at a time.');
        csv = value();
        batchOnly.push(flag);
        break;
      case '--product':
        product.push(parseList(flag, value()));
        batchOnly.push(flag);
        break;
      case '--zip':
        zip.push(parseList(flag, value()));
        batchOnly.push(flag);
        break;
      case '--max-cost':
        maxCost = parseNumber(flag, value(), 0, 1_000_000);
        batchOnly.push(flag);
        break;
      case '--priority':
        priority = parseNumber(flag, value(), -100, 100);
        if (!Number.isInteger(priority))
          throw new UsageError(`--priority must be a whole number from -100 to 100.`);
        batchOnly.push(flag);
        break;
      case '--new':
        fresh = true;
        batchOnly.push(flag);
        break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`Unknown option "${flag}" (see --help).`);
        if (workflow !== undefined)
          throw new UsageError(`One workflow file at a time; got "${workflow}" and "${flag}".`);
        workflow = flag;
    }
  }
  if (workflow === undefined)
    throw new UsageError(
      `Missing the workflow: atelier ${command} <workflow.json | library id or name>`,
    );
  if (command !== 'batch' && batchOnly.length > 0)
    throw new UsageError(`${batchOnly[0]} belongs to \`atelier batch\` (see --help).`);
  if (command === 'import') {
    if (
      sets.length ||
      force.length ||
      target !== undefined ||
      server !== undefined ||
      batchOnly.length
    )
      throw new UsageError(
        '`atelier import` takes only a file and --json (to import on a server: POST the file to /api/workflows/import).',
      );
    return { kind: 'import', file: workflow, json };
  }
  if (command === 'inputs') {
    if (sets.length || force.length || target !== undefined)
      throw new UsageError('`atelier inputs` takes only a workflow, --json and --server.');
    return { kind: 'inputs', workflow, json, ...(server ? { server } : {}) };
  }
  if (command === 'batch') {
    if (force.length || target !== undefined)
      throw new UsageError('`atelier batch` runs whole rows: --target and --force are for `run`.');
    const sources = (csv !== undefined ? 1 : 0) + (product.length ? 1 : 0) + (zip.length ? 1 : 0);
    if (sources !== 1)
      throw new UsageError(
        sources === 0
          ? 'Give the rows: --csv rows.csv, or lists with --product name=a,b,c (every combination) or --zip name=a,b,c (side by side).'
          : 'Give the rows one way: --csv, --product or --zip.',
      );
    return {
      kind: 'batch',
      workflow,
      sets,
      out,
      json,
      ...(csv !== undefined ? { csv } : {}),
      product,
      zip,
      ...(maxCost !== undefined ? { maxCost } : {}),
      ...(priority !== undefined ? { priority } : {}),
      fresh,
      ...(server ? { server } : {}),
    };
  }
  return { kind: 'run', workflow, sets, out, json, target, force, ...(server ? { server } : {}) };
};

/** `--out=dir` → ['--out', 'dir'] (only for options that take a value). */
const splitInline = (arg: string): [string, string | undefined] => {
  const at = arg.indexOf('=');
  const flag = arg.slice(0, at);
  return flag === '--json' || flag === '--new' ? [arg, undefined] : [flag, arg.slice(at + 1)];
};

/** `--product name=a,b,c`: the values of one input (split on commas; `\,` keeps one). */
const parseList = (flag: string, raw: string): { name: string; values: string[] } => {
  const at = raw.indexOf('=');
  if (at <= 0) throw new UsageError(`${flag} "${raw}": expected name=value1,value2,…`);
  const values = raw
    .slice(at + 1)
    .split(/(?<!\\),/)
    .map((v) => v.replace(/\\,/g, ','))
    .filter((v) => v !== '');
  if (values.length === 0) throw new UsageError(`${flag} "${raw}": give at least one value.`);
  return { name: raw.slice(0, at), values };
};

const parseNumber = (flag: string, raw: string, min: number, max: number): number => {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max)
    throw new UsageError(`${flag} "${raw}": expected a number from ${min} to ${max}.`);
  return value;
};

/** `--server http://host:8787` (a trailing slash or /api is dropped). */
const serverUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--server "${raw}": expected a URL such as http://127.0.0.1:8787.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--server "${raw}": only http:// and https:// servers.`);
  return url.href.replace(/\/+$/, '').replace(/\/api$/, '');
};

export const HELP = `atelier: run Atelier image workflows from the command line.

Usage:
  pnpm atelier run <workflow.json> [--set name=value] [--set name=@image.png]
                                   [--out DIR] [--json] [--target NODE] [--force NODE,...]
  pnpm atelier batch <workflow> --csv rows.csv [--set name=value] [--max-cost USD]
                                [--out DIR] [--json] [--priority N] [--new]
  pnpm atelier batch <workflow> --product name=a,b,c [--product other=x,y] ...
  pnpm atelier inputs <workflow> [--json] [--server URL]
  pnpm atelier import <bundle.atelier.zip | workflow.json> [--json]

<workflow> is a workflow file (atelier.workflow v1) or a library workflow's id or name;
runs of a library workflow are filed under it (the editor's History).

run      Runs a workflow on the same engine and database as the server: unchanged
         nodes come from the cache. Progress goes to stderr; output images are
         written to DIR as <node id>.<png|webp|jpg>.
batch    Runs the workflow once per row (the header names the inputs; --product
         crosses lists, --zip pairs them) on the server's durable queue, never
         spending more than --max-cost. Files go to DIR/<row>/<node or output>.<ext>
         with DIR/manifest.csv. Ctrl-C pauses; the same command again resumes the
         same batch (no finished row runs or is paid twice); --new starts another.
inputs   Lists the workflow's named inputs (what --set can change); with --server,
         those of the server's library workflow.
import   Adds a bundle (with every recipe it uses and its images) or a workflow
         document to the library of ATELIER_DATA_DIR; recipes and documents the
         library has already are reused, not duplicated. Then run it by name.

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
  --csv FILE           Batch rows from a CSV or TSV file; image columns take
                       blob:<sha256> or a file path (relative to the CSV).
  --product name=a,b   Batch rows: every combination of the lists given.
  --zip name=a,b       Batch rows: the i-th value of every list.
  --max-cost USD       The batch's spending cap (never exceeded).
  --server URL         Runs on (inputs: reads from) that Atelier server over HTTP
                       instead of locally; no local data folder is used.
                       ATELIER_API_TOKEN (or ATELIER_TOKEN) is sent as the bearer.

Environment: OPENAI_API_KEY (without it the built-in simulator answers),
ATELIER_PROVIDER (auto|openai|simulator), ATELIER_DATA_DIR (default ./data),
ATELIER_API_TOKEN (with --server).

Exit codes: 0 the run (every row) succeeded; 1 it failed or was cancelled; 2 bad
command line, workflow, inputs or rows (nothing was run); 130 a batch paused by Ctrl-C.
`;

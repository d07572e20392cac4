/**
 * Is the built editor (web/dist) as new as what it is built from? `pnpm start` builds it only
 * when it is missing or stale (a build takes a minute on a busy machine), and the browser tests
 * refuse a stale one. Run as a script (`tsx scripts/web-dist.ts`) it builds web/dist when needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What the editor's bundle is made of: its own folder and the workspace packages it bundles
 * (`@atelier/graph`, `@atelier/nodes`), plus the lockfile (a dependency changed).
 */
export const WEB_BUILD_INPUTS = [
  'web',
  'packages/graph/src',
  'packages/nodes/src',
  'pnpm-lock.yaml',
];

const SKIPPED = new Set(['node_modules', 'dist']);

/** Newest modification time under `path` (a file or a folder; dot files and builds skipped). */
export const newestMtime = (path: string): number => {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
};

export const distIndex = (root = REPO_ROOT) => join(root, 'web/dist/index.html');

/** web/dist exists and was built after the last change to any of its inputs. */
export const isWebDistFresh = (root = REPO_ROOT): boolean => {
  const index = statSync(distIndex(root), { throwIfNoEntry: false });
  if (!index) return false;
  const inputs = Math.max(...WEB_BUILD_INPUTS.map((p) => newestMtime(join(root, p))));
  return index.mtimeMs >= inputs;
};

/**
 * Builds web/dist with `build` when it is missing or stale; says which on stderr.
 * Returns whether it built.
 */
export const buildWebIfStale = (
  build: () => void,
  root = REPO_ROOT,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): boolean => {
  if (isWebDistFresh(root)) {
    log('web/dist is up to date with web/ and the packages it bundles: not rebuilding the editor');
    return false;
  }
  log(
    existsSync(distIndex(root))
      ? 'web/ changed since web/dist was built: building the editor'
      : 'building the editor (web/dist)',
  );
  build();
  return true;
};

/** `pnpm --filter @atelier/web build`, with the pnpm that runs this script when there is one. */
const pnpmBuild = () => {
  const pnpm = process.env.npm_execpath;
  const [command, args] =
    pnpm && /pnpm[^/\\]*\.c?js$/.test(pnpm)
      ? [process.execPath, [pnpm, '--filter', '@atelier/web', 'build']]
      : ['pnpm', ['--filter', '@atelier/web', 'build']];
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  buildWebIfStale(pnpmBuild);

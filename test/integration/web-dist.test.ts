import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, buildWebIfStale, isWebDistFresh } from '../../scripts/web-dist';

/** A repository-shaped folder whose files all date from `at` (seconds). */
const files = ['web/src/main.tsx', 'web/index.html', 'packages/graph/src/a.ts', 'pnpm-lock.yaml'];
let root: string;
const write = (path: string, at: number) => {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, path);
  utimesSync(full, at, at);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'atelier-web-dist-'));
  for (const f of files) write(f, 1_000);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('pnpm start builds the editor only when it must', () => {
  it('builds when web/dist is missing (a fresh clone)', () => {
    let builds = 0;
    expect(isWebDistFresh(root)).toBe(false);
    expect(
      buildWebIfStale(
        () => builds++,
        root,
        () => {},
      ),
    ).toBe(true);
    expect(builds).toBe(1);
  });

  it('does not build again when web/dist is newer than every source', () => {
    write('web/dist/index.html', 2_000);
    let builds = 0;
    const said: string[] = [];
    expect(
      buildWebIfStale(
        () => builds++,
        root,
        (l) => said.push(l),
      ),
    ).toBe(false);
    expect(builds).toBe(0);
    expect(said.join('\n')).toMatch(/not rebuilding/);
  });

  it.each(['web/src/main.tsx', 'packages/graph/src/a.ts', 'pnpm-lock.yaml'])(
    'builds again after %s changed',
    (changed) => {
      write('web/dist/index.html', 2_000);
      write(changed, 3_000);
      let builds = 0;
      expect(
        buildWebIfStale(
          () => builds++,
          root,
          () => {},
        ),
      ).toBe(true);
      expect(builds).toBe(1);
    },
  );

  it('ignores what a build writes and dependencies (web/dist, node_modules)', () => {
    write('web/dist/index.html', 2_000);
    write('web/dist/assets/index.js', 3_000);
    write('web/node_modules/x/index.js', 3_000);
    expect(isWebDistFresh(root)).toBe(true);
  });

  it('is what the start script runs before the server', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toMatch(/^tsx scripts\/web-dist\.ts && tsx server\/src\/main\.ts$/);
  });
});

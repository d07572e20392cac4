import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ARTEFACTS_DIR, artefactPath, fileTag } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('.e2e.test.ts'));
const source = (file: string) => readFileSync(join(here, file), 'utf8');

/** The names a file gives its pictures: `screenshot('…')` (the harness) and `artefactPath('…')`. */
const shotNames = (text: string) =>
  [...text.matchAll(/(?:\.screenshot|artefactPath)\((['`])([^'`]+)\1/g)].map((m) => m[2]!);

describe('e2e screenshots are named after their file', () => {
  it('puts the running file before the name', () => {
    expect(fileTag()).toBe('artefact-names');
    expect(fileTag('/x/test/e2e/canvas-menus.e2e.test.ts')).toBe('canvas-menus');
    expect(artefactPath('40-node-menu')).toBe(
      join(ARTEFACTS_DIR, 'artefact-names-40-node-menu.png'),
    );
  });

  it('no test file writes a picture into test-results/e2e by hand', () => {
    const byHand = files.filter((f) => /ARTEFACTS_DIR[^;\n]*\.png/.test(source(f)));
    expect(byHand).toEqual([]);
  });

  it('no two pictures of the whole e2e suite share a file name', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const file of files)
      for (const name of shotNames(source(file))) {
        const path = artefactPath(name).replace(`${fileTag()}-`, `${fileTag(file)}-`);
        if (seen.has(path)) clashes.push(`${path}: ${seen.get(path)} and ${file}`);
        seen.set(path, file);
      }
    expect(seen.size).toBeGreaterThan(40);
    expect(clashes).toEqual([]);
  });
});

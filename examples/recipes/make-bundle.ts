/**
 * Writes examples/poster-pair.atelier.zip (committed) from the two readable documents here:
 * poster-pair.json, whose recipe nodes pin `wf_example_poster` version 1, and poster.json,
 * carried as that recipe. Importing the bundle (Library → Import, POST /api/workflows/import
 * or `pnpm atelier import`) adds Poster to the library, or reuses it when the library has it,
 * and re-pins the recipe nodes to its id there.
 * Run: `npx tsx examples/recipes/make-bundle.ts` from the repository root after editing either file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeBundle } from '../../server/src/sharing/bundle';

export const EXAMPLE_RECIPE = { workflowId: 'wf_example_poster', version: 1 };
const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const read = (name: string) => JSON.parse(readFileSync(here(name), 'utf8')) as { name: string };

/** The bundle's bytes (its manifest's export time fixed, so the file only changes with its sources). */
export const exampleBundle = (): Uint8Array => {
  const recipe = read('poster.json');
  const bytes = writeBundle({
    name: 'Poster pair',
    document: read('poster-pair.json'),
    images: [],
    recipes: [{ ...EXAMPLE_RECIPE, name: recipe.name, document: recipe }],
    exportedAt: '2026-12-01T00:00:00.000Z',
  });
  return bytes;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(here('../poster-pair.atelier.zip'), exampleBundle());
  console.log('wrote examples/poster-pair.atelier.zip');
}

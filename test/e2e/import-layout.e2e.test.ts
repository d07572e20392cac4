/**
 * Imported documents open with no card over another, in a real Chromium: the README's
 * poster-pair bundle (two recipe cards, taller than the positions of a hand-written file
 * assume), and a plain file whose positions were saved for much smaller cards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectCount, nodes, openEditor } from './editor';
import { REPO_ROOT } from './harness';
import { harnessForTests } from './harness-for-tests';

const POLL = { timeout: 30_000, interval: 200 } as const;

/** Every card on the canvas (notes and groups aside), in flow coordinates of the screen. */
const cardBoxes = (page: Page) =>
  page.$$eval('.react-flow__node', (els) =>
    els
      .filter((el) => !(el.getAttribute('data-id') ?? '').startsWith('@'))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.getAttribute('data-id'), x: r.x, y: r.y, w: r.width, h: r.height };
      }),
  );
type Box = Awaited<ReturnType<typeof cardBoxes>>[number];
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
/** Pairs of cards that cover each other, as "a/b". */
const overlapping = async (page: Page) => {
  const boxes = await cardBoxes(page);
  return boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter((b) => overlap(a, b))
      .map((b) => `${a.id}/${b.id}`),
  );
};

/** Two generate cards saved 120 px apart: their real cards are several times taller. */
const STACKED = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Stacked',
  nodes: [
    { id: 'brief', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'A teapot' } },
    { id: 'g1', type: 'generate', position: { x: 360, y: 0 }, data: {} },
    { id: 'g2', type: 'generate', position: { x: 360, y: 120 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'brief', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    { id: 'e2', source: 'brief', sourceHandle: 'text', target: 'g2', targetHandle: 'prompt' },
  ],
  inputs: [],
};

describe('an imported document shows no card over another', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-e2e-import-layout-'));
  const h = harnessForTests({ viewport: { width: 1440, height: 900 } }, (h) =>
    openEditor(h.page, h.server.url),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the README example poster-pair.atelier.zip: its two recipe cards apart, saved', async () => {
    const { page } = h;
    await page
      .getByTestId('import-file')
      .setInputFiles(join(REPO_ROOT, 'examples/poster-pair.atelier.zip'));
    await expectCount(nodes(page), 3);
    await expect.poll(() => page.getByTestId('save-state').textContent(), POLL).toContain('saved');
    await expect.poll(() => overlapping(page), POLL).toEqual([]);
    // Nothing moved later on: still apart and still saved once every card is measured.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.react-flow__node')].every(
        (el) => el.getBoundingClientRect().height > 0,
      ),
    );
    expect(await overlapping(page)).toEqual([]);
    expect(await page.getByTestId('save-state').textContent()).toContain('saved');
    await h.screenshot('01-poster-pair-imported');
  });

  it('a plain file saved for smaller cards opens with them apart, before any Tidy', async () => {
    const { page } = h;
    const file = join(dir, 'stacked.atelier.json');
    writeFileSync(file, JSON.stringify(STACKED));
    await page.getByTestId('import-file').setInputFiles(file);
    await expect.poll(() => page.locator('[data-id="g2"]').count(), POLL).toBe(1);
    await expect.poll(() => overlapping(page), POLL).toEqual([]);
    await h.screenshot('02-stacked-file-imported');
  });
});

/**
 * Each example recipe, opened and run at 1024×768 as a designer would (import, fill the run
 * form with new images and text, run): no card grows over another or under the minimap, each
 * field shows what the run used, a fit keeps the cards readable with their images, a reload
 * brings the outputs back, no toast overflows, and the page logs no error.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  blobIdOf,
  cardBoxes,
  clickEmptyPane,
  openEditor,
  overlap,
  overlapping,
  runAndWait,
  waitForStillness,
} from './editor';
import { REPO_ROOT } from './harness';
import { harnessForTests } from './harness-for-tests';

const EXAMPLES = join(REPO_ROOT, 'examples');
const ASSETS = join(EXAMPLES, 'assets');

/** What the run form gets for each example's image inputs (new images, not the saved ones). */
const FILES: Record<string, string> = {
  photo: join(ASSETS, 'product.png'),
  product_photo: join(ASSETS, 'product.png'),
  mask: join(ASSETS, 'product-mask.png'),
};

/** Screen boxes of the cards on screen, and of the canvas overlays they must not lie under. */
const screenBoxes = (page: Page) =>
  page.evaluate(() => {
    const box = (el: Element, id: string) => {
      const r = el.getBoundingClientRect();
      return { id, x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const cards = [...document.querySelectorAll('.react-flow__node')].map((el) =>
      box(el, el.getAttribute('data-id') ?? '?'),
    );
    const overlays = ['.react-flow__minimap', '.react-flow__controls']
      .map((s) => document.querySelector(s))
      .filter((el): el is Element => !!el)
      .map((el) => box(el, el.className.toString()));
    return { cards, overlays };
  });

describe('each example at 1024×768', { timeout: 300_000 }, () => {
  const h = harnessForTests(
    {
      viewport: { width: 1024, height: 768 },
      fake: { latency: { perPartialImageMs: 0 } },
      // Eight images in a minute: above the Tier 1 pacing the server applies to OpenAI.
      env: { ATELIER_IMAGES_PER_MINUTE: '1000' },
    },
    (h) => openEditor(h.page, `${h.server.url}/?blank`),
  );

  it('logs no error while the editor loads (favicon included)', () => {
    expect(h.pageProblems).toEqual([]);
  });

  for (const example of [
    'weather-poster',
    'product-variants',
    'masked-background-swap',
    'edit-chain',
  ]) {
    it(`runs ${example}: cards never overlap, fields show the run's inputs, a fit stays readable`, async () => {
      const { page } = h;
      await page.getByTestId('import-file').setInputFiles(join(EXAMPLES, `${example}.json`));
      await page.getByTestId('toast').filter({ hasText: 'Imported' }).first().waitFor();
      await waitForStillness(page);

      // Run it with new inputs from the run form: new images, and a new first text.
      const changedText = `A new value for ${example}`;
      let textChanged: string | undefined;
      await runAndWait(page, async () => {
        await page.keyboard.press('ControlOrMeta+Enter');
        const form = page.getByTestId('run-form');
        await form.waitFor();
        for (const input of await form.locator('[data-testid^="input-"]').all()) {
          const name = (await input.getAttribute('data-testid'))!.slice('input-'.length);
          if ((await input.getAttribute('type')) === 'file') {
            await input.setInputFiles(FILES[name]!);
            await form.locator(`img[alt="${name}"]`).waitFor();
          } else if (!textChanged) {
            await input.fill(changedText);
            textChanged = name;
          }
        }
        await page.getByTestId('run-form-submit').click();
      });
      await waitForStillness(page);
      await h.screenshot(`20-${example}-after-run-1024`);

      // 1. No card lies over another, in the whole document and on screen; none under the minimap.
      // Every card in the document (not just those shown) that the editor has measured.
      const measured = (await cardBoxes(page)).filter((b) => b.width > 0 && b.height > 0);
      expect(overlapping(measured)).toEqual([]);
      const shown = await screenBoxes(page);
      expect(overlapping(shown.cards)).toEqual([]);
      for (const overlay of shown.overlays)
        expect(shown.cards.filter((c) => overlap(c, overlay)).map((c) => c.id)).toEqual([]);

      // 2. Each field exposed as an input shows what the run used.
      const inputs = await page.evaluate(
        () =>
          (
            window as unknown as {
              __atelier: {
                useDocument: {
                  getState(): { inputs: { name: string; node: string; field: string }[] };
                };
              };
            }
          ).__atelier.useDocument.getState().inputs,
      );
      for (const input of inputs) {
        // Bring the node into view (off-screen cards are not rendered), as an error link does.
        await page.evaluate(
          (id) =>
            (
              window as unknown as {
                __atelier: { useSession: { getState(): { focusNode(id: string): void } } };
              }
            ).__atelier.useSession
              .getState()
              .focusNode(id),
          input.node,
        );
        await page.getByTestId(`node-${input.node}`).waitFor();
        const shownValue = page.getByTestId(`run-input-${input.node}-${input.field}`);
        if (input.name in FILES) {
          await shownValue.waitFor({ state: 'attached' });
          const runImage = await page.evaluate(
            (name) =>
              (
                window as unknown as {
                  __atelier: {
                    useSession: {
                      getState(): { run?: { inputs?: Record<string, { blob: string }> } };
                    };
                  };
                }
              ).__atelier.useSession.getState().run?.inputs?.[name]?.blob,
            input.name,
          );
          expect(await blobIdOf(shownValue)).toBe(runImage);
        } else if (input.name === textChanged) {
          expect(await shownValue.textContent()).toBe(`Run input: ${changedText}`);
        }
      }

      // 4. Shift+F: readable cards (not the far-zoom overview) with their images.
      await clickEmptyPane(page);
      await page.keyboard.press('Shift+F');
      await waitForStillness(page);
      await h.screenshot(`21-${example}-fit-1024`);
      expect(await page.locator('.node-card.overview').count()).toBe(0);
      // Its result images are on screen, whole, inside the canvas.
      const inView = await page.locator('[data-testid^="output-image-"]').evaluateAll((imgs) => {
        const canvas = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
        return imgs.filter((img) => {
          const r = img.getBoundingClientRect();
          return (
            r.left >= canvas.left &&
            r.right <= canvas.right &&
            r.top >= canvas.top &&
            r.bottom <= canvas.bottom
          );
        }).length;
      });
      expect(inView).toBeGreaterThan(0);
      const zoom = await page.evaluate(() => {
        const t = document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '';
        return Number(/scale\(([\d.]+)\)/.exec(t)?.[1]);
      });
      expect(zoom).toBeGreaterThanOrEqual(0.75);

      // 5. No toast runs out of its box or off the window.
      const toasts = await page.getByTestId('toast').evaluateAll((els) =>
        els.map((el) => ({
          overflow: el.scrollWidth > el.clientWidth + 1,
          right: el.getBoundingClientRect().right,
        })),
      );
      for (const toast of toasts) {
        expect(toast.overflow).toBe(false);
        expect(toast.right).toBeLessThanOrEqual(1024);
      }
    });
  }

  it('brings the last run’s outputs back after a reload', async () => {
    const { page } = h;
    const before = await page.locator('[data-testid^="output-image-"]').count();
    expect(before).toBeGreaterThan(0);
    // The editor's own address (the test opened `/?blank`, which starts empty on purpose).
    await page.goto(h.server.url);
    await page.locator('.react-flow__pane').waitFor();
    await expect
      .poll(() => page.locator('[data-testid^="output-image-"]').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await h.screenshot('22-outputs-after-reload');
    expect(h.pageProblems).toEqual([]);
  });
});

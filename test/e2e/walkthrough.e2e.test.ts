/**
 * The designer walkthrough of issue 10: a masked product-shot recipe built from an empty canvas
 * as a designer would — New workflow, a reference photo uploaded, a mask and an edit pulled out
 * of the photo's wire (node search filtered to what fits), the mask uploaded, the instruction
 * typed on the edit card, the photo exposed as a recipe input, Tidy and Fit from the canvas
 * menu, a run, the edit renamed from its menu, Save — at 1440×900 and again at 1024×768.
 * Each step is a screenshot in test-results/e2e/ (walk-<width>-<step>.png).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  clickEmptyPane,
  connect,
  documentNodeIds,
  expectStatus,
  handle,
  nodeCard,
  openEditor,
  runAndWait,
  showOnCanvas,
  waitForStillness,
} from './editor';
import { REPO_ROOT } from './harness';
import { harnessForTests } from './harness-for-tests';

const ASSETS = join(REPO_ROOT, 'examples', 'assets');

/** Drags a wire out of a handle and lets go on empty canvas `dx`, `dy` away; picks `type`. */
const pullNode = async (
  page: Page,
  from: { node: string; side: 'in' | 'out'; port: string },
  offset: { dx: number; dy: number },
  type: string,
): Promise<string> => {
  const before = new Set(await documentNodeIds(page));
  const box = (await handle(page, from.node, from.side, from.port).boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  // Dropped on the visible canvas (not under the inspector or off the window's edge).
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const drop = {
    x: Math.max(pane.x + 40, Math.min(start.x + offset.dx, pane.x + pane.width - 60)),
    y: Math.max(pane.y + 40, Math.min(start.y + offset.dy, pane.y + pane.height - 60)),
  };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(drop.x, drop.y, { steps: 12 });
  await page.mouse.up();
  await page.getByTestId('node-search').waitFor();
  await page.keyboard.type(type);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await documentNodeIds(page)).length).toBe(before.size + 1);
  return (await documentNodeIds(page)).find((id) => !before.has(id))!;
};

const upload = async (page: Page, node: string, field: string, file: string) => {
  await showOnCanvas(page, page.getByTestId(`upload-${node}-${field}`));
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByTestId(`upload-${node}-${field}`).click(),
  ]);
  await chooser.setFiles(file);
  await page.getByTestId(`thumb-${node}-${field}`).waitFor();
};

describe(
  'the designer walkthrough: a masked product shot from an empty canvas',
  { timeout: 600_000 },
  () => {
    const h = harnessForTests({
      viewport: { width: 1440, height: 900 },
      fake: { latency: { perPartialImageMs: 0 } },
    });

    // The narrow window first: its steps drop new cards at points that assume the canvas as a
    // new session leaves it (after the wide walk, the view it restores put drops on cards).
    for (const [width, height] of [
      [1024, 768],
      [1440, 900],
    ] as const) {
      it(`builds, runs and saves it at ${width}×${height}`, async () => {
        const { page } = h;
        await page.setViewportSize({ width, height });
        await openEditor(page, `${h.server.url}/?blank`);
        const shot = (step: string) => h.screenshot(`${width}-${step}`);
        let step = 0;
        const next = (name: string) => shot(`${String(++step).padStart(2, '0')}-${name}`);

        // New workflow, named.
        await page.getByTestId('new-workflow').click();
        const confirm = page.getByTestId('confirm-dialog-confirm');
        const named = page.getByTestId('name-dialog-confirm');
        await expect
          .poll(async () => (await confirm.count()) + (await named.count()))
          .toBeGreaterThan(0);
        if (await confirm.count()) await confirm.click();
        await named.waitFor();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type(`Masked product shot ${width}`);
        await named.click();
        await expect.poll(async () => (await documentNodeIds(page)).length).toBe(0);
        await next('empty-canvas');

        // The photo: the canvas menu, Add node here…, "reference".
        const at = await page.evaluate(() => {
          const r = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
          return { x: r.left + r.width * 0.12, y: r.top + r.height * 0.3 };
        });
        await page.mouse.click(at.x, at.y, { button: 'right' });
        await page.getByTestId('menu-add-node').click();
        await page.getByTestId('node-search').waitFor();
        await page.keyboard.type('reference');
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await documentNodeIds(page)).length).toBe(1);
        const photo = (await documentNodeIds(page))[0]!;
        await upload(page, photo, 'image', join(ASSETS, 'product.png'));
        await next('photo-uploaded');

        // The mask and the edit, each pulled out of the photo's wire.
        const mask = await pullNode(
          page,
          { node: photo, side: 'out', port: 'image' },
          { dx: 140, dy: -60 },
          'mask',
        );
        await clickEmptyPane(page);
        await upload(page, mask, 'mask', join(ASSETS, 'product-mask.png'));
        await next('mask-pulled-from-wire');
        await clickEmptyPane(page);
        const edit = await pullNode(
          page,
          { node: photo, side: 'out', port: 'image' },
          { dx: 60, dy: 340 },
          'edit',
        );
        await next('edit-pulled-from-wire');

        // Tidy from the canvas menu, so the cards stand apart; then the mask into the edit.
        const empty = async () =>
          page.evaluate(() => {
            const pane = document.querySelector('.react-flow__pane')!;
            const r = pane.getBoundingClientRect();
            for (let fy = 0.9; fy >= 0.1; fy -= 0.05)
              for (let fx = 0.9; fx >= 0.1; fx -= 0.05) {
                const x = r.left + r.width * fx;
                const y = r.top + r.height * fy;
                if (document.elementFromPoint(x, y) === pane) return { x, y };
              }
            throw new Error('no empty spot');
          });
        let spot = await empty();
        await page.mouse.click(spot.x, spot.y, { button: 'right' });
        await page.getByTestId('menu-tidy').click();
        await waitForStillness(page);
        await connect(page, { node: mask, port: 'mask' }, { node: edit, port: 'mask' });

        // The instruction, typed on the edit card.
        await page
          .getByTestId(`field-${edit}-instruction`)
          .fill('Replace the background with warm sunlit marble, soft shadow under the product');
        await next('wired-and-instructed');

        // The photo becomes the recipe's input.
        await page.getByTestId(`expose-${photo}-image`).click();
        const exposeName = page.getByTestId(`expose-${photo}-image-name`);
        if (await exposeName.count()) {
          await exposeName.fill('product_photo');
          await page.getByTestId(`expose-${photo}-image-confirm`).click();
        }

        // Fit, then run from the form with the saved photo.
        spot = await empty();
        await page.mouse.click(spot.x, spot.y, { button: 'right' });
        await page.getByTestId('menu-fit').click();
        await waitForStillness(page);
        await next('recipe-before-run');
        const status = await runAndWait(page, async () => {
          await page.keyboard.press('ControlOrMeta+Enter');
          const form = page.getByTestId('run-form');
          await expect
            .poll(async () => (await form.count()) + (await page.getByTestId('run-bar').count()))
            .toBeGreaterThan(0);
          if (await form.count()) await page.getByTestId('run-form-submit').click();
        });
        expect(status).toBe('succeeded');
        await expectStatus(page, edit, 'succeeded');
        await waitForStillness(page);
        await next('after-run');

        // Rename the edit from its menu, then save.
        await nodeCard(page, edit).locator('.node-header').click({ button: 'right' });
        await page.getByTestId('menu-rename').click();
        await page.getByTestId(`title-input-${edit}`).waitFor();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type('Background swap');
        await page.keyboard.press('Enter');
        await page.getByTestId('save').click();
        await page.getByTestId('toast').filter({ hasText: 'Saved' }).first().waitFor();
        await next('saved');
        expect(h.pageProblems).toEqual([]);
      });
    }
  },
);

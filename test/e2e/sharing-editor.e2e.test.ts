/**
 * Handing a recipe to a teammate from the editor: export the bundle in one browser profile on
 * one server, import it in another profile on a second server (fresh data directory) and run
 * it at once with no upload; a plain .atelier.json names what it left behind, on the nodes
 * too; dropping an output (or an image downloaded with its recipe) on a canvas brings the
 * recipe back; forks show where they came from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickToolbar,
  documentNodeIds,
  expectCount,
  nodes,
  openEditor,
  runAndWait,
} from './editor';
import {
  ARTEFACTS_DIR,
  artefactPath,
  fakeOpenAIEnv,
  ensureWebBuilt,
  launchBrowser,
  newProfilePage,
  startServer,
  type ServerHandle,
} from './harness';
import { asset, maskedBackgroundSwap } from './masked-background-swap';

/** Polls wait as long as the page may need (vitest's default is 1 s). */
const POLL = { timeout: 30_000, interval: 100 };

/** Drops a file on the canvas as a person dragging it from their desktop would. */
const dropFile = (page: Page, bytes: Buffer, name: string, type: string) =>
  page.evaluate(
    ({ bytes, name, type }) => {
      const target = document.querySelector('[data-testid="canvas"]')!;
      const box = target.getBoundingClientRect();
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type }));
      const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, ...at }));
      target.dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, ...at }),
      );
    },
    { bytes: [...bytes], name, type },
  );

describe(
  'sharing from the editor, between two servers and two browser profiles',
  { timeout: 240_000 },
  () => {
    let fake: FakeOpenAI;
    let a: ServerHandle;
    let b: ServerHandle;
    let browser: Browser;
    let mine: Page;
    let theirs: Page;
    let workflowId = '';
    let bundlePath = '';
    let jsonPath = '';

    const api = async <T>(server: ServerHandle, path: string, init?: RequestInit): Promise<T> => {
      const res = await fetch(`${server.url}${path}`, init);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };

    beforeAll(async () => {
      await ensureWebBuilt();
      fake = await createFakeOpenAI();
      const env = fakeOpenAIEnv(fake);
      [a, b] = await Promise.all([startServer(env), startServer(env)]);
      const document = await maskedBackgroundSwap((bytes) =>
        api<object>(a, '/api/blobs', { method: 'POST', body: new Uint8Array(bytes) }),
      );
      workflowId = (
        await api<{ id: string }>(a, '/api/workflows', {
          method: 'POST',
          body: JSON.stringify(document),
        })
      ).id;
      browser = await launchBrowser();
      const profile = () =>
        newProfilePage(browser, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
      [mine, theirs] = await Promise.all([profile(), profile()]);
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await Promise.all([a?.stop(), b?.stop()]);
      await fake?.close();
    }, 60_000);

    it('runs the recipe on my server and exports it as a bundle and as a plain file', async () => {
      await openEditor(mine, `${a.url}/?open=${workflowId}`);
      await expect.poll(() => documentNodeIds(mine), POLL).toHaveLength(4);
      const status = await runAndWait(mine, async () => {
        await mine.getByTestId('run').click();
        await mine.getByTestId('run-form-submit').click();
      });
      expect(status).toBe('succeeded');
      await mine.getByTestId('output-image-swap').waitFor();

      await clickToolbar(mine, 'export');
      const [bundle] = await Promise.all([
        mine.waitForEvent('download'),
        mine.getByTestId('export-bundle').click(),
      ]);
      expect(bundle.suggestedFilename()).toBe('Masked background swap.atelier.zip');
      bundlePath = join(ARTEFACTS_DIR, 'shared.atelier.zip');
      await bundle.saveAs(bundlePath);
      await clickToolbar(mine, 'export');
      const [plain] = await Promise.all([
        mine.waitForEvent('download'),
        mine.getByTestId('export-json').click(),
      ]);
      jsonPath = join(ARTEFACTS_DIR, 'shared.atelier.json');
      await plain.saveAs(jsonPath);
    });

    it('a teammate imports the bundle on their server and runs it at once, uploading nothing', async () => {
      await openEditor(theirs, `${b.url}/?blank`);
      await theirs.getByTestId('import-file').setInputFiles(bundlePath);
      await expect.poll(() => documentNodeIds(theirs), POLL).toHaveLength(4);
      const photo = theirs.getByTestId('thumb-photo-image');
      await expect
        .poll(
          () => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
          POLL,
        )
        .toBe(1024);
      expect(await theirs.locator('[data-testid^="missing-"]').count()).toBe(0);
      // The last outputs came along.
      await theirs.getByTestId('output-image-swap').waitFor();
      const status = await runAndWait(theirs, async () => {
        await theirs.getByTestId('run').click();
        await theirs.getByTestId('run-form-submit').click();
      });
      expect(status).toBe('succeeded');
      expect(b.output()).not.toMatch(/POST \/api\/blobs/);
      await theirs.screenshot({ path: artefactPath('imported-bundle') });
    });

    it('a plain .atelier.json says which images stayed behind, in a dialog and on the nodes', async () => {
      const fresh = await startServer({ ATELIER_PROVIDER: 'simulator' });
      try {
        await openEditor(theirs, `${fresh.url}/?blank`);
        await theirs.getByTestId('import-file').setInputFiles(jsonPath);
        const dialog = theirs.getByTestId('import-errors');
        await dialog.waitFor();
        const text = (await dialog.textContent()) ?? '';
        expect(text).toMatch(/2 images are not on this server/);
        expect(text).toMatch(/Reference image \(photo\): the image is missing/);
        expect(text).toMatch(/Mask \(mask\): the mask is missing/);
        await theirs.screenshot({ path: artefactPath('plain-missing') });
        await theirs.getByTestId('import-errors-close').click();
        await theirs.getByTestId('missing-photo-image').waitFor();
        await theirs.getByTestId('missing-mask-mask').waitFor();
      } finally {
        await fresh.stop();
      }
    });

    it('dropping one of my outputs on the canvas offers its recipe and opens it as one undo step', async () => {
      const blob = /\/api\/blobs\/([0-9a-f]{64})/.exec(
        (await mine.getByTestId('output-image-swap').getAttribute('src'))!,
      )![1]!;
      const bytes = Buffer.from(await (await fetch(`${a.url}/api/blobs/${blob}`)).arrayBuffer());
      await openEditor(mine, `${a.url}/?blank`);
      await expectCount(nodes(mine), 0);
      await dropFile(mine, bytes, 'output.png', 'image/png');
      await mine.getByTestId('recipe-offer').waitFor();
      expect(await mine.getByTestId('recipe-offer').textContent()).toMatch(
        /made on this server by “Masked background swap” \(version 1\)/,
      );
      await mine.getByTestId('recipe-offer-open').click();
      await expect.poll(() => documentNodeIds(mine), POLL).toHaveLength(4);
      await mine.keyboard.press('ControlOrMeta+z');
      await expect.poll(() => documentNodeIds(mine), POLL).toHaveLength(0);

      // An image this server did not make stays an image.
      await dropFile(mine, asset('product.png'), 'photo.png', 'image/png');
      await expect.poll(() => documentNodeIds(mine), POLL).toHaveLength(1);
    });

    it('an output downloaded with its recipe brings the recipe back on another server', async () => {
      await openEditor(mine, `${a.url}/?open=${workflowId}`);
      await expect.poll(() => documentNodeIds(mine), POLL).toHaveLength(4);
      const runs = await api<{ id: string }[]>(a, `/api/runs?workflowId=${workflowId}`);
      // Show the last run's outputs (History → the run), then open the output large.
      await mine.getByTestId('open-history').click();
      await mine.getByTestId(`history-item-${runs[0]!.id}`).click();
      await mine.getByTestId('output-image-swap').click();
      await mine.getByTestId('lightbox').waitFor();
      const original = mine.getByTestId('lightbox-download');
      const [plain] = await Promise.all([mine.waitForEvent('download'), original.click()]);
      const [withRecipe] = await Promise.all([
        mine.waitForEvent('download'),
        mine.getByTestId('lightbox-download-recipe').click(),
      ]);
      const plainBytes = readFileSync((await plain.path())!);
      const recipeBytes = readFileSync((await withRecipe.path())!);
      expect(recipeBytes.equals(plainBytes)).toBe(false);
      expect(recipeBytes.includes(Buffer.from('atelier:recipe'))).toBe(true);

      await openEditor(theirs, `${b.url}/?blank`);
      await dropFile(theirs, recipeBytes, 'with-recipe.png', 'image/png');
      await theirs.getByTestId('recipe-offer').waitFor();
      expect(await theirs.getByTestId('recipe-offer').textContent()).toMatch(
        /carries the recipe “Masked background swap”/,
      );
      await theirs.getByTestId('recipe-offer-open').click();
      await expect.poll(() => documentNodeIds(theirs), POLL).toHaveLength(4);
    });

    it('a fork records and shows where it came from', async () => {
      await openEditor(mine, `${a.url}/?open=${workflowId}`);
      await mine.getByTestId('open-library').click();
      await mine.getByTestId(`library-fork-${workflowId}`).click();
      // The fork opens on the canvas, and the library lists it with its origin.
      await expect
        .poll(() => mine.getByTestId('workflow-name').inputValue(), POLL)
        .toBe('Masked background swap (fork)');
      const forked = mine.locator('[data-testid^="library-forked-"]');
      await forked.first().waitFor();
      expect(await forked.first().textContent()).toMatch(/forked from “Masked background swap” v1/);
      await mine.screenshot({ path: artefactPath('fork-in-library') });
    });
  },
);

/**
 * A masked edit from the browser: upload a reference image, paint a mask over it with the
 * mouse in the MaskPainter, run an edit, and check with sharp that every pixel outside the
 * painted region is unchanged in the result.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addNodeByKeyboard,
  blobIdOf,
  documentNodeIds,
  clearCanvas,
  clickEmptyPane,
  connect,
  expectStatus,
  openEditor,
  runAndWait,
  tidy,
} from './editor';
import { harnessForTests } from './harness-for-tests';

// A size the image models make as is: with `size: auto` an edit comes back at the model's
// standard size nearest the input's shape (as the real API does), and only an edit at the
// input's own size can keep the unmasked pixels identical.
const WIDTH = 1536;
const HEIGHT = 1024;

/** A deterministic, busy picture: gradients plus a checker, so any change shows. */
const inputPng = (): Promise<Buffer> => {
  const rgb = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) {
      const o = (y * WIDTH + x) * 3;
      const checker = ((x >> 5) + (y >> 5)) % 2 === 0 ? 40 : 0;
      rgb[o] = (x * 255) / WIDTH;
      rgb[o + 1] = (y * 255) / HEIGHT;
      rgb[o + 2] = 120 + checker;
    }
  return sharp(rgb, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .png()
    .toBuffer();
};

const rgba = async (bytes: Buffer) => {
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

describe('painting a mask and running a masked edit in the browser', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-e2e-mask-'));
  const inputFile = join(dir, 'input.png');
  let refId = '';
  let maskId = '';
  let promptId = '';
  let editId = '';

  const h = harnessForTests({}, async (h) => {
    writeFileSync(inputFile, await inputPng());
    await openEditor(h.page, h.server.url);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uploads a reference image with the file chooser', async () => {
    const { page } = h;
    await clearCanvas(page);
    refId = await addNodeByKeyboard(page, 'reference');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId(`upload-${refId}-image`).click(),
    ]);
    await chooser.setFiles(inputFile);
    await page.getByTestId(`thumb-${refId}-image`).waitFor();
  });

  it('pastes an image into the selected reference node instead of adding one; Ctrl+Z takes it back', async () => {
    const { page } = h;
    const thumb = page.getByTestId(`thumb-${refId}-image`);
    const uploaded = await blobIdOf(thumb);
    const other = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#3a7' },
    })
      .png()
      .toBuffer();
    await page.evaluate(
      ({ id, bytes }) => {
        const stores = (
          window as unknown as {
            __atelier: { useDocument: { getState(): { selectOnly(ids: string[]): void } } };
          }
        ).__atelier;
        stores.useDocument.getState().selectOnly([id]);
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
        window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
      },
      { id: refId, bytes: [...other] },
    );
    await expect.poll(() => blobIdOf(thumb)).not.toBe(uploaded);
    expect(await documentNodeIds(page)).toEqual([refId]);
    await clickEmptyPane(page);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => blobIdOf(thumb)).toBe(uploaded);
  });

  it('wires reference → mask → edit and instruction → edit by dragging handles', async () => {
    const { page } = h;
    await clickEmptyPane(page);
    maskId = await addNodeByKeyboard(page, 'mask');
    await clickEmptyPane(page);
    promptId = await addNodeByKeyboard(page, 'prompt');
    await page
      .getByTestId(`field-${promptId}-text`)
      .fill('Replace the band with a glowing neon sign');
    await clickEmptyPane(page);
    editId = await addNodeByKeyboard(page, 'edit');
    await tidy(page);
    const wire = [
      [refId, 'image', maskId, 'image'],
      [refId, 'image', editId, 'image'],
      [promptId, 'text', editId, 'instruction'],
      [maskId, 'mask', editId, 'mask'],
    ] as const;
    for (const [from, out, to, input] of wire)
      await connect(page, { node: from, port: out }, { node: to, port: input });
    await h.screenshot('10-mask-workflow');
  });

  it('paints a mask with the mouse and saves a PNG of the image size with alpha 0 or 255', async () => {
    const { page } = h;
    await page.getByTestId(`paint-mask-${maskId}`).click();
    const painter = page.getByTestId('mask-painter');
    await painter.waitFor();
    // Bigger brush by keyboard (the default scales with the image), then one step back.
    const brush = async () => Number(await page.getByTestId('mask-size').inputValue());
    const initial = await brush();
    for (let i = 0; i < 3; i++) await page.keyboard.press(']');
    await expect.poll(brush).toBeGreaterThan(initial);
    const bigger = await brush();
    await page.keyboard.press('[');
    await expect.poll(brush).toBeLessThan(bigger);
    const diameter = await brush();
    const canvas = page.getByTestId('mask-canvas');
    const box = (await canvas.boundingBox())!;
    // A horizontal stroke through the middle, from 25% to 75% of the width.
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.5, { steps: 12 });
    await page.mouse.up();
    const status = page.locator('.mask-painter-status');
    await expect
      .poll(() => status.textContent())
      .toMatch(new RegExp(`^[1-9][\\d.]*% of ${WIDTH}×${HEIGHT}`));
    const strokePercent = ((await status.textContent()) ?? '').split('%')[0]!;
    await h.screenshot('11-mask-painter');
    // Invert, clear and an eraser stroke each change the mask; Ctrl+Z takes each one back.
    const percent = async () => Number(((await status.textContent()) ?? '').split('%')[0]);
    await page.getByTestId('mask-invert').click();
    await expect.poll(percent).toBeCloseTo(100 - Number(strokePercent), 0);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(percent).toBe(Number(strokePercent));
    await page.getByTestId('mask-clear').click();
    // A mask that marks nothing cannot be saved: an edit through it could change nothing.
    await expect.poll(() => status.textContent()).toMatch(/^Nothing marked yet/);
    expect(await page.getByTestId('mask-save').isDisabled()).toBe(true);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(percent).toBe(Number(strokePercent));
    await page.keyboard.press('e');
    await expect
      .poll(() => page.getByTestId('mask-eraser').getAttribute('aria-pressed'))
      .toBe('true');
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.7, { steps: 6 });
    await page.mouse.up();
    await expect.poll(percent).toBeLessThan(Number(strokePercent));
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(percent).toBe(Number(strokePercent));
    await page.getByTestId('mask-save').click();
    await painter.waitFor({ state: 'detached' });
    const thumb = page.getByTestId(`thumb-${maskId}-mask`);
    await thumb.waitFor();
    // Opening the painter again continues from the saved mask; Cancel changes nothing.
    const savedBlob = await blobIdOf(thumb);
    await page.getByTestId(`paint-mask-${maskId}`).click();
    await painter.waitFor();
    await expect.poll(percent).toBe(Number(strokePercent));
    await page.getByTestId('mask-cancel').click();
    await painter.waitFor({ state: 'detached' });
    expect(await blobIdOf(thumb)).toBe(savedBlob);

    const mask = await rgba(
      Buffer.from(
        await (await fetch(`${h.server.url}/api/blobs/${await blobIdOf(thumb)}`)).arrayBuffer(),
      ),
    );
    expect([mask.width, mask.height]).toEqual([WIDTH, HEIGHT]);
    const alphaAt = (x: number, y: number) => mask.data[(y * WIDTH + x) * 4 + 3];
    let painted = 0;
    const alphas = new Set<number>();
    for (let k = 3; k < mask.data.length; k += 4) {
      alphas.add(mask.data[k]!);
      if (mask.data[k] === 0) painted++;
    }
    expect([...alphas].sort((a, b) => a - b)).toEqual([0, 255]);
    // The stroke: half the width long, `diameter` wide, with round caps.
    const expected = (WIDTH / 2) * diameter + Math.PI * (diameter / 2) ** 2;
    expect(painted).toBeGreaterThan(expected * 0.85);
    expect(painted).toBeLessThan(expected * 1.15);
    const [midX, midY] = [WIDTH / 2, HEIGHT / 2];
    expect(alphaAt(midX, midY)).toBe(0);
    expect(alphaAt(WIDTH / 4 + 10, midY)).toBe(0);
    expect(alphaAt(midX, midY - diameter)).toBe(255);
    expect(alphaAt(WIDTH / 4 - diameter, midY)).toBe(255);
    expect(alphaAt(5, 5)).toBe(255);
  });

  it('runs the edit and leaves every unmasked pixel of the input unchanged', async () => {
    const { page } = h;
    const callsBefore = h.apiCalls();
    expect(await runAndWait(page)).toBe('succeeded');
    await expectStatus(page, editId, 'succeeded');
    const output = page.getByTestId(`output-image-${editId}`);
    await output.waitFor();
    await tidy(page);
    await h.screenshot('12-masked-edit-result');
    expect(h.apiCalls() - callsBefore).toBe(1);
    // The request carried the image and the mask (a masked edit always sends both).
    const body = JSON.stringify(h.fake.requestLog.at(-1)?.body ?? {});
    expect(body).toContain('input_image_mask');

    const blob = (id: string) =>
      fetch(`${h.server.url}/api/blobs/${id}`).then(async (r) =>
        Buffer.from(await r.arrayBuffer()),
      );
    const [input, result, mask] = await Promise.all([
      rgba(await inputPng()),
      blob(await blobIdOf(output)).then(rgba),
      blob(await blobIdOf(page.getByTestId(`thumb-${maskId}-mask`))).then(rgba),
    ]);
    expect([result.width, result.height]).toEqual([WIDTH, HEIGHT]);
    let keptDiffer = 0;
    let changed = 0;
    let maskedPixels = 0;
    for (let p = 0; p < WIDTH * HEIGHT; p++) {
      const o = p * 4;
      const same =
        input.data[o] === result.data[o] &&
        input.data[o + 1] === result.data[o + 1] &&
        input.data[o + 2] === result.data[o + 2];
      if (mask.data[o + 3] === 255) keptDiffer += same ? 0 : 1;
      else {
        maskedPixels++;
        changed += same ? 0 : 1;
      }
    }
    expect(keptDiffer).toBe(0);
    // And the edit did something where the mask allowed it.
    expect(changed).toBeGreaterThan(maskedPixels / 2);
  });
});

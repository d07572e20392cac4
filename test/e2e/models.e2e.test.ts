/**
 * A workflow saved with a model OpenAI has shut down, opened in a real Chromium: the card
 * says so before anything runs, Run is refused without an API call, one click switches to
 * the live replacement (one undo step), and the model picker lists live models.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearCanvas, expectCount, nodes, openEditor } from './editor';
import { harnessForTests } from './harness-for-tests';

const RECIPE = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Saved in November',
  nodes: [
    { id: 'brief', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'A teapot' } },
    {
      id: 'hero',
      type: 'generate',
      position: { x: 360, y: 0 },
      data: { image_model: 'gpt-image-1.5', size: '1024x1024', quality: 'low' },
    },
  ],
  edges: [
    { id: 'e1', source: 'brief', sourceHandle: 'text', target: 'hero', targetHandle: 'prompt' },
  ],
  inputs: [],
};

describe('a shut-down model in the editor', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-e2e-models-'));
  const h = harnessForTests({}, (h) => openEditor(h.page, h.server.url));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is named on the card before any call, refused at Run, and switched in one click', async () => {
    const { page } = h;
    const file = join(dir, 'november.atelier.json');
    writeFileSync(file, JSON.stringify(RECIPE));
    await clearCanvas(page);
    await page.getByTestId('import-file').setInputFiles(file);
    await expectCount(nodes(page), 2);

    const notices = page.getByTestId('model-notices-hero');
    await expect
      .poll(() => notices.textContent())
      .toContain('gpt-image-1.5 was shut down by OpenAI on 2026-12-01');
    await h.screenshot('13-shut-down-model-on-card');

    const calls = h.apiCalls();
    await page.getByTestId('run').click();
    const dialog = page.getByTestId('import-errors');
    await expect.poll(() => dialog.textContent()).toContain('switch to gpt-image-2.6-sunburst');
    expect(h.apiCalls()).toBe(calls);
    await page.getByTestId('import-errors-close').click();

    await page.getByTestId('switch-model-hero-image_model').click();
    // The model fields sit in the card's folded settings.
    await page.getByTestId('settings-hero').click();
    const picker = page.getByTestId('field-hero-image_model');
    await expect.poll(() => picker.inputValue()).toBe('gpt-image-2.6-sunburst');
    await expect.poll(() => notices.count()).toBe(0);

    // One undo step brings the document back exactly.
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => notices.count()).toBe(1);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect.poll(() => picker.inputValue()).toBe('gpt-image-2.6-sunburst');
  });

  it('lists live image models in the picker, with the configured default first', async () => {
    const options = await h.page
      .getByTestId('field-hero-image_model')
      .locator('option')
      .allTextContents();
    expect(options[0]).toBe('Default (gpt-image-2.6-sunburst)');
    expect(options).toEqual(
      expect.arrayContaining(['gpt-image-2.6-flare', 'gpt-image-2.5-sunburst']),
    );
    // Dead models are not offered.
    expect(options.some((o) => o.startsWith('gpt-image-1.5'))).toBe(false);
  });
});

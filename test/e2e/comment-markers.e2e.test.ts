/**
 * Comment markers: a person starts a thread on a node from the inspector and sees its marker
 * on the card (count, unresolved), opens the thread from the marker and resolves it; after a
 * run, comments on the output image from the marker on the image, and finds the marker again
 * in the output view and on the run's thumbnail in History.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nodeCard, openSavedWorkflow, runAndWait } from './editor';
import { harnessForTests } from './harness-for-tests';

const POLL = { timeout: 40_000, interval: 200 };

const poster = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a lighthouse' } },
    { id: 'g1', type: 'generate', position: { x: 420, y: 0 }, data: {} },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [],
};

const write = async (page: Page, text: string) => {
  await page.getByTestId('comment-text').fill(text);
  await page.getByTestId('comment-send').click();
  await expect
    .poll(() => page.getByTestId('comment').allTextContents(), POLL)
    .toContainEqual(expect.stringContaining(text));
};

const backToEditor = async (page: Page) => {
  await page.getByTestId('review-close').click();
  await page.getByTestId('review-overlay').waitFor({ state: 'detached' });
};

describe('comment markers on the canvas and on output images', { timeout: 240_000 }, () => {
  const h = harnessForTests({}, (h) => openSavedWorkflow(h, poster));

  it('a comment on a node shows on its card; the marker opens the thread, resolving it shows', async () => {
    const page = h.page;
    expect(await page.getByTestId('comments-p1').count()).toBe(0);
    await nodeCard(page, 'p1').locator('.node-header').click();
    await page.getByTestId('comment-node').click();
    await page.getByTestId('node-threads-view').waitFor();
    await write(page, 'Warmer light, please');
    await backToEditor(page);

    const marker = page.getByTestId('comments-p1');
    await expect.poll(() => marker.getAttribute('data-state'), POLL).toBe('open');
    expect((await marker.textContent())?.trim()).toContain('1');
    expect(await page.getByTestId('comments-g1').count()).toBe(0);
    await h.screenshot('45-node-comment-marker');

    await marker.click();
    await page.getByTestId('node-threads-view').waitFor();
    expect(await page.getByTestId('comment').first().textContent()).toContain(
      'Warmer light, please',
    );
    await page.getByTestId('thread-resolve').click();
    await expect
      .poll(() => page.locator('[data-testid^="thread-"][data-resolved="true"]').count(), POLL)
      .toBe(1);
    await backToEditor(page);
    await expect.poll(() => marker.getAttribute('data-state'), POLL).toBe('resolved');
  });

  it('a comment on an output image shows on the image, in the output view and in History', async () => {
    const page = h.page;
    expect(await runAndWait(page)).toBe('succeeded');
    const runId = (await page.getByTestId('run-bar').getAttribute('data-run-id')) ?? '';
    const marker = page.getByTestId('output-comments-g1');
    await expect.poll(() => marker.getAttribute('data-state'), POLL).toBe('none');

    await marker.click();
    await page.getByTestId('output-view').waitFor();
    await write(page, 'Love this one @You');
    const inView = page.getByTestId('output-view-comments');
    await expect.poll(() => inView.getAttribute('data-state'), POLL).toBe('open');
    await h.screenshot('46-output-view-marker');
    await backToEditor(page);

    await expect.poll(() => marker.getAttribute('data-state'), POLL).toBe('open');
    expect((await marker.textContent())?.trim()).toContain('1');
    await h.screenshot('47-output-image-marker');

    await page.getByTestId('open-history').click();
    const thumb = page.getByTestId(`history-comments-${runId}-g1`);
    await expect.poll(() => thumb.getAttribute('data-state'), POLL).toBe('open');
    await h.screenshot('48-history-marker');
    await thumb.click();
    await page.getByTestId('output-view').waitFor();
    expect(await page.getByTestId('comment').first().textContent()).toContain('Love this one');
    await backToEditor(page);
  });
});

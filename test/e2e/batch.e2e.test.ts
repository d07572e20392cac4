/**
 * The Batch panel as a designer uses it: opens a saved recipe, pastes six rows copied from a
 * spreadsheet into the grid, reads the preflight (rows, calls, cost) before Start, starts,
 * watches the progress bar fill, opens one result's run on the canvas, downloads the zip, and
 * after a reload finds the batch again.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickToolbar, saveWorkflow } from './editor';
import { harnessForTests } from './harness-for-tests';

const POLL = { timeout: 60_000, interval: 100 };

/** subject and style → generate, the image named `poster`. */
const recipe = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Animal posters',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'A fox' } },
    { id: 'p2', type: 'prompt', position: { x: 0, y: 220 }, data: { text: 'ink drawing' } },
    {
      id: 'g1',
      type: 'generate',
      position: { x: 360, y: 0 },
      data: { size: '1024x1024', quality: 'low', partial_images: 0 },
    },
  ],
  edges: [
    { id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    { id: 'e2', source: 'p2', sourceHandle: 'text', target: 'g1', targetHandle: 'context' },
  ],
  inputs: [
    { name: 'subject', node: 'p1', field: 'text' },
    { name: 'style', node: 'p2', field: 'text' },
  ],
  outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
};

/** What a spreadsheet puts on the clipboard: a header line and tab-separated rows. */
const SPREADSHEET = [
  'subject\tstyle',
  'A red fox\tink drawing',
  'A snowy owl\twatercolour',
  'A lynx\tlinocut',
  'A hare\tpixel art',
  'A badger\toil painting',
  'A heron\tpencil sketch',
].join('\n');

/** Pastes text into the focused element as Ctrl+V would (a paste event with clipboard data). */
const paste = (page: Page, testId: string, text: string) =>
  page.getByTestId(testId).evaluate((el, value) => {
    (el as HTMLInputElement).focus();
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);

describe('the Batch panel', { timeout: 240_000 }, () => {
  let workflowId = '';
  // Two rows at a time, each taking a moment: the progress bar has steps to show.
  const h = harnessForTests(
    { fake: { latency: { firstByteMs: 700 } }, env: { ATELIER_BATCH_SLOTS: '2' } },
    async (h) => (workflowId = await saveWorkflow(h, recipe)),
  );

  it('runs a pasted 6-row grid, shows progress, opens a result and downloads the zip', async () => {
    const { page } = h;
    await page.goto(`${h.server.url}/?blank`);
    await page.getByTestId('open-library').click();
    await page.getByTestId(`library-open-${workflowId}`).click();
    await expect.poll(() => page.getByTestId('save-state').textContent(), POLL).toMatch(/saved/);

    await clickToolbar(page, 'open-batch');
    await expect.poll(() => page.getByTestId('batch-col-subject').isVisible(), POLL).toBe(true);
    await paste(page, 'batch-cell-0-subject', SPREADSHEET);
    await expect
      .poll(() => page.getByTestId('batch-cell-5-style').inputValue(), POLL)
      .toBe('pencil sketch');
    expect(await page.getByTestId('batch-cell-0-subject').inputValue()).toBe('A red fox');
    expect(await page.locator('[data-testid^="batch-row-"]').count()).toBe(6);

    // The preflight, before Start: 6 rows, 6 calls, nothing cached, a price.
    await expect
      .poll(() => page.getByTestId('batch-preflight').getAttribute('data-state'), POLL)
      .toBe('ok');
    expect(await page.getByTestId('batch-preflight-rows').textContent()).toBe('6 rows');
    expect(await page.getByTestId('batch-preflight-calls').textContent()).toBe('6 API calls');
    expect(await page.getByTestId('batch-preflight-cached').textContent()).toBe('0 cached');
    expect(await page.getByTestId('batch-preflight-cost').textContent()).toMatch(/\$\d/);
    expect(h.apiCalls()).toBe(0);
    await h.screenshot('30-batch-grid-preflight');

    await page.getByTestId('batch-start').click();
    await expect
      .poll(() => page.getByTestId('batch-progress').getAttribute('data-status'), POLL)
      .toMatch(/queued|running|succeeded/);
    // Progress: rows done climb to 6 (each step seen is at most the total).
    const bar = page.getByRole('progressbar', { name: 'Rows done' });
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), POLL)
      .toBeGreaterThan(0);
    await h.screenshot('31-batch-progress');
    await expect
      .poll(() => page.getByTestId('batch-progress').getAttribute('data-status'), POLL)
      .toBe('succeeded');
    expect(await bar.getAttribute('aria-valuenow')).toBe('6');
    expect(await page.getByTestId('batch-done').textContent()).toBe('6 / 6 rows');
    expect(await page.getByTestId('batch-cost').textContent()).toMatch(/\$\d.* so far/);
    expect(h.apiCalls()).toBe(6);

    // The results grid: a row per input row, a column named after the recipe's output.
    await expect.poll(() => page.locator('[data-testid^="batch-thumb-"]').count(), POLL).toBe(6);
    expect(await page.getByTestId('batch-result-col-poster').textContent()).toBe('poster');
    await page.getByTestId('batch-filter-failed').click();
    expect(await page.locator('[data-testid^="batch-result-"][data-status]').count()).toBe(0);
    await page.getByTestId('batch-filter-succeeded').click();
    expect(await page.locator('[data-testid^="batch-result-"][data-status]').count()).toBe(6);
    await h.screenshot('32-batch-results');

    // Download all: results.zip with manifest.csv (entries are stored, so readable as bytes).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('batch-download').click(),
    ]);
    const zip = readFileSync((await download.path())!);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const text = zip.toString('latin1');
    expect(text).toContain('manifest.csv');
    expect(text).toContain('row,subject,style,outputs,status,cost,run,error');
    // Each row's images by node, and its named outputs by name.
    for (let row = 1; row <= 6; row++) expect(text).toContain(`${row}/poster.png`);
    expect(text).toMatch(/\n3,A lynx,linocut,3\/g1\.png 3\/poster\.png,succeeded,/);

    // A thumbnail opens that row's run on the canvas.
    const rows = (await (
      await fetch(`${h.server.url}/api/batches/${await batchId(page)}/rows`)
    ).json()) as { index: number; runId: string }[];
    await page.getByTestId('batch-thumb-2-poster').click();
    await expect
      .poll(
        () =>
          page.evaluate(
            () => (window as unknown as Atelier).__atelier.useSession.getState().run?.id,
          ),
        POLL,
      )
      .toBe(rows.find((r) => r.index === 2)!.runId);
    expect(await page.getByTestId('batch-panel').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('node-g1').locator('img').count(), POLL)
      .toBeGreaterThan(0);
    await h.screenshot('33-batch-result-opened');

    // After a reload (the autosaved document comes back) the batch is there again.
    await page.goto(`${h.server.url}/`);
    await clickToolbar(page, 'open-batch');
    await expect
      .poll(() => page.getByTestId('batch-progress').getAttribute('data-status'), POLL)
      .toBe('succeeded');
    await expect.poll(() => page.locator('[data-testid^="batch-thumb-"]').count(), POLL).toBe(6);
    expect(await page.getByTestId('batch-list').locator('option').count()).toBe(2);

    // Review from the grid: star one output, filter by starred, compare two rows' runs.
    await page.getByTestId('batch-star-4-poster').click();
    await expect
      .poll(() => page.getByTestId('batch-star-4-poster').getAttribute('aria-pressed'), POLL)
      .toBe('true');
    await page.getByTestId('batch-filter-starred').click();
    await expect
      .poll(() => page.locator('[data-testid^="batch-result-"][data-status]').count(), POLL)
      .toBe(1);
    expect(await page.getByTestId('batch-result-4').count()).toBe(1);
    await h.screenshot('34-batch-starred');
    await page.getByTestId('batch-filter-all').click();
    await page.getByTestId('batch-pick-0').check();
    await page.getByTestId('batch-pick-1').check();
    await page.getByTestId('batch-compare').click();
    await expect.poll(() => page.getByTestId('compare-view').count(), POLL).toBe(1);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toBe(
      `#/compare/${rows.find((r) => r.index === 0)!.runId}/${rows.find((r) => r.index === 1)!.runId}`,
    );
    await h.screenshot('35-batch-compare');
    expect(h.pageProblems).toEqual([]);
  });
});

const batchId = (page: Page) =>
  page.evaluate(() => localStorage.getItem('atelier.batch.open') ?? '');

/** The stores the editor exposes to tests (web/TESTIDS.md). */
interface Atelier {
  __atelier: { useSession: { getState(): { run?: { id: string } } } };
}

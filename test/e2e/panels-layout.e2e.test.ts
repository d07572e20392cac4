/**
 * What a new user met around the canvas, in a real Chromium: the first Save of a canvas nobody
 * named asks a name in the app's dialog; toasts sit over the canvas, never over the inspector's
 * (or a side panel's) header or the minimap; History's compare box sits beside its run, not on a
 * line of its own (each layout check is shown to fail with the old rules put back); the Batch
 * panel warns when a cap covers no row, and Resume at the cap says how much to raise it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickEmptyPane,
  clickToolbar,
  nodeCard,
  openSavedWorkflow,
  openEditor,
  runAndWait,
  screenshotFailures,
} from './editor';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ viewport: { width: 1024, height: 768 } });
}, 300_000);
afterAll(async () => {
  await h?.close();
}, 60_000);
screenshotFailures(() => h);

const POLL = { timeout: 60_000, interval: 100 } as const;

const poster = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Lighthouse poster',
  nodes: [
    {
      id: 'p1',
      type: 'prompt',
      position: { x: 0, y: 0 },
      data: { text: 'A lighthouse at dusk' },
    },
    { id: 'g1', type: 'generate', position: { x: 320, y: 0 }, data: { size: '1024x1024' } },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [],
};

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const overlaps = (a: Box, b: Box) =>
  a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

/** The boxes of every toast and of what they must leave visible. */
const boxes = (page: Page, header: string) =>
  page.evaluate((header) => {
    const box = (el: Element | null) => {
      if (!el) return undefined;
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    return {
      toasts: [...document.querySelectorAll('[data-testid="toast"]')].map((el) => box(el)!),
      header: box(document.querySelector(header)),
      minimap: box(document.querySelector('.react-flow__minimap')),
    };
  }, header);

type Session = {
  setState(patch: { toasts: { id: number; kind: string; message: string }[] }): void;
};
const session = (page: Page, toasts: { kind: string; message: string }[]) =>
  page.evaluate((toasts) => {
    const store = (window as unknown as { __atelier: { useSession: Session } }).__atelier
      .useSession;
    // Set in the store, not through toast(): these do not time out while they are measured.
    store.setState({ toasts: toasts.map((t, i) => ({ id: 1_000_000 + i, ...t })) });
  }, toasts);

/** Shows three toasts, one of them long, as the app shows its own. */
const raiseToasts = (page: Page) =>
  session(page, [
    { kind: 'success', message: 'Saved “Lighthouse poster” (version 2)' },
    {
      kind: 'error',
      message:
        'The run of “Hero shot” failed: moderation_blocked — the request was rejected by the safety system; change the prompt and run again.',
    },
    { kind: 'info', message: 'Opened “Lighthouse poster”' },
  ]);
const clearToasts = (page: Page) => session(page, []);

/** Where the toasts were before: fixed at the window's top right, under the top bar. */
const OLD_TOASTS =
  '.toasts{position:fixed!important;top:64px!important;right:16px!important;left:auto!important}';

describe('around the canvas', { timeout: 240_000 }, () => {
  it('asks a name, prefilled, on the first Save of a canvas nobody named', async () => {
    const { page } = h;
    await openEditor(page, `${h.server.url}/?blank`);
    expect(await page.getByTestId('workflow-name').inputValue()).toBe('Untitled');
    await page.getByTestId('save').click();
    const name = page.getByTestId('name-dialog-input');
    await name.waitFor();
    expect(await name.inputValue()).toBe('Untitled');
    await h.screenshot('70-save-asks-a-name');
    await name.fill('Harbour study');
    await page.getByTestId('name-dialog-confirm').click();
    await expect.poll(() => page.getByTestId('save-state').textContent(), POLL).toBe('v1 · saved');
    expect(await page.getByTestId('workflow-name').inputValue()).toBe('Harbour study');
    const names = (await (await fetch(`${h.server.url}/api/workflows`)).json()) as {
      name: string;
    }[];
    expect(names.map((w) => w.name)).toContain('Harbour study');
    expect(names.map((w) => w.name)).not.toContain('Untitled');
  });

  it("keeps toasts off the inspector's header and the minimap, at 1024 and 1440 px", async () => {
    const { page } = h;
    await openSavedWorkflow(h, poster);
    for (const [width, height] of [
      [1024, 768],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await nodeCard(page, 'g1').locator('.node-header').click();
      await page.locator('[data-testid="inspector"] h2').waitFor();
      await raiseToasts(page);
      await expect.poll(() => page.getByTestId('toast').count(), POLL).toBeGreaterThanOrEqual(3);
      const now = await boxes(page, '[data-testid="inspector"] h2');
      expect(now.header).toBeDefined();
      expect(now.minimap).toBeDefined();
      for (const toast of now.toasts) {
        expect(overlaps(toast, now.header!)).toBe(false);
        expect(overlaps(toast, now.minimap!)).toBe(false);
        expect(toast.right).toBeLessThanOrEqual(width);
      }
      // The canvas under a toast still takes the pointer (a drag starting there is not lost);
      // only the toast's ✕ does.
      const through = await page.getByTestId('toast').evaluateAll((els) =>
        els.map((el) => {
          const text = el.querySelector('span')!.getBoundingClientRect();
          const close = el.querySelector('button')!.getBoundingClientRect();
          const at = (x: number, y: number) => document.elementFromPoint(x, y);
          return {
            text: !!at(text.left + 4, text.top + text.height / 2)?.closest(
              '.react-flow__pane, .react-flow__node',
            ),
            close: at(close.left + close.width / 2, close.top + close.height / 2)?.tagName,
          };
        }),
      );
      for (const t of through) expect(t).toEqual({ text: true, close: 'BUTTON' });
      await h.screenshot(`71-toasts-beside-inspector-${width}`);
      // The check has teeth: the old place covers the inspector's title.
      const old = await page.addStyleTag({ content: OLD_TOASTS });
      const before = await boxes(page, '[data-testid="inspector"] h2');
      await old.evaluate((el) => (el as Element).remove());
      expect(before.toasts.some((t) => overlaps(t, before.header!))).toBe(true);
      await clearToasts(page);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  it('puts the compare box beside its run in History, and toasts off its header', async () => {
    const { page } = h;
    await openSavedWorkflow(h, { ...poster, name: 'Harbour poster' });
    await clickEmptyPane(page);
    // Two runs (the second from the cache), so History holds two to pick.
    for (let i = 0; i < 2; i++) expect(await runAndWait(page)).toBe('succeeded');
    await clickToolbar(page, 'open-history');
    const picks = page.locator('[data-testid^="history-pick-"]');
    await expect.poll(() => picks.count(), POLL).toBeGreaterThanOrEqual(2);
    const rows = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-testid^="history-pick-"]')].map((pick) => {
          const id = pick.getAttribute('data-testid')!.slice('history-pick-'.length);
          const item = document.querySelector(`[data-testid="history-item-${id}"]`)!;
          const a = pick.getBoundingClientRect();
          const b = item.getBoundingClientRect();
          return {
            beside: a.right <= b.left,
            within: a.top >= b.top && a.bottom <= b.bottom,
          };
        }),
      );
    for (const row of await rows()) expect(row).toEqual({ beside: true, within: true });
    await picks.nth(0).check();
    await picks.nth(1).check();
    expect(await page.getByTestId('history-compare').isEnabled()).toBe(true);

    await raiseToasts(page);
    await expect.poll(() => page.getByTestId('toast').count(), POLL).toBeGreaterThanOrEqual(3);
    const now = await boxes(page, '[data-testid="history-panel"] h2');
    expect(now.header).toBeDefined();
    for (const toast of now.toasts) expect(overlaps(toast, now.header!)).toBe(false);
    await h.screenshot('72-history-compare-boxes');

    // The checks have teeth: with the old rules the box sits on a line of its own, and the
    // toasts cover the panel's header.
    const old = await page.addStyleTag({
      content: `.history-row{display:block!important}${OLD_TOASTS}`,
    });
    const broken = await rows();
    const covered = await boxes(page, '[data-testid="history-panel"] h2');
    await old.evaluate((el) => (el as Element).remove());
    expect(broken.every((row) => !row.beside && !row.within)).toBe(true);
    expect(covered.toasts.some((t) => overlaps(t, covered.header!))).toBe(true);
    // No uncaught error on the page. (Console 404s are left out: leaving a workflow can DELETE
    // a presence entry the server already let go of, which is not this file's matter.)
    expect(h.pageProblems.filter((p) => p.startsWith('pageerror'))).toEqual([]);
  });

  it('warns before Start when the cap covers no row, and says on Resume to raise it by what is needed', async () => {
    const { page } = h;
    await openSavedWorkflow(h, {
      ...poster,
      name: 'Subjects',
      inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
      outputs: [{ name: 'shot', node: 'g1', port: 'image' }],
    });
    await clickToolbar(page, 'open-batch');
    await page.getByTestId('batch-cell-0-subject').waitFor();
    // Two rows, as a spreadsheet puts them on the clipboard (a header line names the input).
    await page.getByTestId('batch-cell-0-subject').evaluate((el) => {
      (el as HTMLInputElement).focus();
      const data = new DataTransfer();
      data.setData('text/plain', 'subject\nA harbour at dawn\nA harbour at night');
      el.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await page.getByTestId('batch-max-cost').fill('0.001');
    const warning = page.getByTestId('batch-cap-warning');
    await warning.waitFor({ timeout: 60_000 });
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await warning.textContent()).toMatch(
      /^The cap of \$0\.0010 does not cover even one row: the first row is estimated at \$[\d.]+, so no row would run\. Set the cap to at least \$[\d.]+\.$/,
    );
    await h.screenshot('73-batch-cap-warning');
    const calls = h.apiCalls();

    // Started anyway, it stops at its cap before any row; Resume alone would stop again.
    await page.getByTestId('batch-start').click();
    await expect
      .poll(() => page.getByTestId('batch-progress').getAttribute('data-status'), POLL)
      .toBe('budget_reached');
    await page.getByTestId('batch-resume').click();
    const advice = page.getByTestId('batch-resume-advice');
    await advice.waitFor();
    const [, needed, to] =
      /the rows left need about \$([\d.]+) more\. Raise the cap by at least \$[\d.]+ \(to \$([\d.]+) or more\)/.exec(
        (await advice.textContent()) ?? '',
      ) ?? [];
    expect(Number(needed)).toBeGreaterThan(0);
    expect(await page.getByTestId('batch-raise-cap').inputValue()).toBe(String(Number(to)));
    expect(h.apiCalls()).toBe(calls);
    await h.screenshot('74-batch-resume-advice');

    // Raising it as told lets the batch finish.
    await page.getByTestId('batch-raise-cap-go').click();
    await expect
      .poll(() => page.getByTestId('batch-progress').getAttribute('data-status'), {
        ...POLL,
        timeout: 120_000,
      })
      .toBe('succeeded');
    expect(h.apiCalls()).toBe(calls + 2);
  });
});

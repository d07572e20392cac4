/**
 * The top bar at the window sizes designers use: it never runs off the window (Run stays in
 * reach), the workflow's whole name shows, and what has no room moves into "More", from where
 * it still works.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickToolbar, openEditor } from './editor';
import { artefactPath, newBrowserContext } from './harness';
import { harnessForTests } from './harness-for-tests';

const h = harnessForTests();

// Long enough to push buttons into More once typed (the bar fits itself again), short enough
// to show whole (longer names show their start, and whole as the tooltip).
const NAME = 'Product shot, masked — autumn (fork)';

/** The bar's overflow and where its key parts are, in CSS pixels. */
const barLayout = (page: Page) =>
  page.evaluate(() => {
    const bar = document.querySelector('.topbar')!;
    const right = (id: string) =>
      document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().right;
    const name = document.querySelector<HTMLInputElement>('[data-testid="workflow-name"]')!;
    return {
      overflow: bar.scrollWidth - bar.clientWidth,
      window: window.innerWidth,
      run: right('run'),
      nameCut: name.scrollWidth > name.clientWidth,
      nameTitle: name.title,
    };
  });

describe('the top bar', { timeout: 120_000 }, () => {
  it.each([
    [1024, 768],
    [1440, 900],
    [1600, 1000],
  ])('fits a %i×%i window, with Run in reach and the name', async (width, height) => {
    const context = await newBrowserContext(h.browser, { viewport: { width, height } });
    try {
      const page = await context.newPage();
      await openEditor(page, `${h.server.url}/`);
      await page.getByTestId('workflow-name').fill(NAME);
      await page.getByTestId('run').waitFor();
      const layout = await barLayout(page);
      expect(layout.overflow).toBe(0);
      expect(layout.run).toBeLessThanOrEqual(layout.window);
      // The whole name shows from 1440 px; narrower, its start, and all of it as the tooltip.
      expect(layout.nameTitle).toBe(NAME);
      if (width >= 1440) expect(layout.nameCut).toBe(false);

      // Whatever sits in More still works from there: Usage opens its page, the menu closes.
      await clickToolbar(page, 'open-usage');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/usage');
      expect(await page.locator('.more-menu').count()).toBe(0);
      await page.evaluate(() => history.back());
      if (width === 1024) {
        await page.getByTestId('toolbar-more').click();
        await page.locator('.more-menu').waitFor();
        await page.screenshot({ path: artefactPath('60-top-bar-1024-more') });
        await page.keyboard.press('Escape');
        await expect.poll(() => page.locator('.more-menu').count()).toBe(0);
      }
    } finally {
      await context.close();
    }
  });

  it('fits again when someone else opens the same workflow and their badge joins the bar', async () => {
    const contexts = await Promise.all(
      [0, 1].map(() => newBrowserContext(h.browser, { viewport: { width: 1440, height: 900 } })),
    );
    try {
      const [mine, theirs] = await Promise.all(contexts.map((c) => c.newPage()));
      await openEditor(mine!, `${h.server.url}/`);
      await mine!.getByTestId('workflow-name').fill(NAME);
      await clickToolbar(mine!, 'save');
      await expect.poll(() => mine!.getByTestId('save-state').textContent()).toBe('v1 · saved');
      const id = await mine!.evaluate(async (name) => {
        const list = (await (await fetch('/api/workflows')).json()) as {
          id: string;
          name: string;
        }[];
        return list.find((w) => w.name === name)!.id;
      }, NAME);
      await openEditor(theirs!, `${h.server.url}/?open=${id}`);
      await mine!.getByTestId('presence').waitFor({ timeout: 60_000 });
      const layout = await barLayout(mine!);
      expect(layout.overflow).toBe(0);
      expect(layout.run).toBeLessThanOrEqual(layout.window);
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });
});

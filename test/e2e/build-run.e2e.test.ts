/**
 * One person's session in a real Chromium against the real server (fake OpenAI behind it):
 * build prompt → generate from an empty canvas by keyboard and mouse, run it and watch the
 * partial then the final image, rerun from the cache with zero API calls, undo/redo, and
 * export then re-import the workflow.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addNodeByKeyboard,
  clearCanvas,
  clickEmptyPane,
  clickToolbar,
  connect,
  edges,
  expectCount,
  expectStatus,
  nodeCard,
  nodes,
  openEditor,
  runAndWait,
  tidy,
} from './editor';
import { cspViolations, E2E_API_KEY, REPO_ROOT } from './harness';
import { harnessForTests } from './harness-for-tests';

const PROMPT = 'A red fox reading a newspaper in a snowy forest';

describe('building and running a workflow in the browser', { timeout: 180_000 }, () => {
  let promptId = '';
  let generateId = '';
  const downloads = mkdtempSync(join(tmpdir(), 'atelier-e2e-downloads-'));

  const h = harnessForTests({}, (h) => openEditor(h.page, h.server.url));
  afterAll(() => rmSync(downloads, { recursive: true, force: true }));

  it('builds prompt → generate from an empty canvas with the palette, typing and a dragged connection', async () => {
    const { page } = h;
    await clearCanvas(page);
    await h.screenshot('01-empty-canvas');

    promptId = await addNodeByKeyboard(page, 'prompt');
    // A new prompt node takes the keyboard focus in its text field: just type.
    const text = page.getByTestId(`field-${promptId}-text`);
    await expect.poll(() => text.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(PROMPT);
    await expect.poll(() => text.inputValue()).toBe(PROMPT);

    // Nothing selected, so the new node is not wired automatically: the connection is dragged.
    await clickEmptyPane(page);
    generateId = await addNodeByKeyboard(page, 'generate');
    await expectCount(edges(page), 0);
    await tidy(page);
    await connect(page, { node: promptId, port: 'text' }, { node: generateId, port: 'prompt' });
    await h.screenshot('02-prompt-to-generate');
  });

  it('runs it, showing a partial image and then the final image inside the node', async () => {
    const { page } = h;
    const callsBefore = h.apiCalls();
    await clickEmptyPane(page);
    // Polling can miss a short-lived preview on a loaded machine; a MutationObserver in the
    // page records every partial preview the node ever showed.
    await page.evaluate((id) => {
      const seen: string[] = [];
      (window as unknown as { __partialsSeen: string[] }).__partialsSeen = seen;
      new MutationObserver(() => {
        const img = document.querySelector<HTMLImageElement>(`[data-testid="partial-image-${id}"]`);
        if (img?.src && !seen.includes(img.src)) seen.push(img.src);
      }).observe(document.body, { childList: true, subtree: true, attributes: true });
    }, generateId);
    await page.keyboard.press('ControlOrMeta+Enter');
    const partial = page.getByTestId(`partial-image-${generateId}`);
    const final = page.getByTestId(`output-image-${generateId}`);
    await partial.or(final).first().waitFor({ timeout: 60_000 });
    if (await partial.isVisible()) await h.screenshot('03-partial-image');
    await final.waitFor({ timeout: 60_000 });
    const partialsSeen = await page.evaluate(
      () => (window as unknown as { __partialsSeen: string[] }).__partialsSeen,
    );
    expect(partialsSeen.length).toBeGreaterThan(0);
    expect(partialsSeen).not.toContain(await final.getAttribute('src'));
    await expectStatus(page, generateId, 'succeeded');
    // The succeeded mark reads as success: the inbox's unread style once painted every
    // `.badge` red, so a finished card looked failed.
    const mark = await nodeCard(page, generateId)
      .locator('.badge.done')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(mark).not.toBe('rgb(220, 38, 38)');
    await h.screenshot('04-final-image');
    expect(h.apiCalls() - callsBefore).toBe(1);
    expect(h.fake.stats.partialImages).toBeGreaterThan(0);
    // The image really is the final one: it loads and has the requested (default) size.
    const size = await page
      .getByTestId(`output-image-${generateId}`)
      .evaluate((img: HTMLImageElement) =>
        img.complete ? { w: img.naturalWidth, h: img.naturalHeight } : null,
      );
    expect(size).toEqual({ w: 1024, h: 1024 });
  });

  it('reruns the unchanged graph from the cache with zero API calls', async () => {
    const { page } = h;
    const callsBefore = h.apiCalls();
    const status = await runAndWait(page);
    expect(status).toBe('succeeded');
    await page.getByTestId(`cached-${generateId}`).waitFor();
    await page.getByTestId(`output-image-${generateId}`).waitFor();
    expect(await nodeCard(page, generateId).getAttribute('data-cached')).toBe('true');
    await h.screenshot('05-rerun-cached');
    expect(h.apiCalls()).toBe(callsBefore);
  });

  it('undoes and redoes a deletion and the dragged connection', async () => {
    const { page } = h;
    // Delete the generate node (with its edge) by keyboard, then undo and redo it.
    await nodeCard(page, generateId).locator('.node-title').click();
    await page.keyboard.press('Delete');
    await expectCount(nodes(page), 1);
    await expectCount(edges(page), 0);
    await page.keyboard.press('ControlOrMeta+z');
    await expectCount(nodes(page), 2);
    await expectCount(edges(page), 1);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expectCount(nodes(page), 1);
    await page.getByTestId('undo').click();
    await expectCount(nodes(page), 2);
    await expectCount(edges(page), 1);
    // One step further back: the connection that was dragged goes, and comes back on redo.
    await page.getByTestId('undo').click();
    await expectCount(edges(page), 0);
    await expectCount(nodes(page), 2);
    await h.screenshot('06-undone-connection');
    await page.getByTestId('redo').click();
    await expectCount(edges(page), 1);
    await expect.poll(() => page.getByTestId(`field-${promptId}-text`).inputValue()).toBe(PROMPT);
  });

  it('exports the workflow as a file and imports it back into an emptied canvas', async () => {
    const { page } = h;
    await page.getByTestId('workflow-name').fill('Affiche für Café #1');
    // Export asks: the bundle (with images, for a saved workflow) or the plain document.
    await clickToolbar(page, 'export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-json').click(),
    ]);
    // Named after the workflow, letters of any script kept, the rest dashed.
    expect(download.suggestedFilename()).toBe('Affiche-für-Café-1.atelier.json');
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      version: number;
      nodes: Array<{ id: string; type: string; data: Record<string, unknown> }>;
      edges: Array<{ source: string; sourceHandle: string; target: string; targetHandle: string }>;
    };
    expect(exported.format).toBe('atelier.workflow');
    expect(exported.version).toBe(1);
    expect(exported.nodes.map((n) => n.type).sort()).toEqual(['generate', 'prompt']);
    expect(exported.nodes.find((n) => n.type === 'prompt')?.data.text).toBe(PROMPT);
    expect(exported.edges).toEqual([
      expect.objectContaining({
        source: promptId,
        sourceHandle: 'text',
        target: generateId,
        targetHandle: 'prompt',
      }),
    ]);
    // The key never leaves the server (DESIGN.md §2).
    expect(readFileSync(file, 'utf8')).not.toContain(E2E_API_KEY);

    await clearCanvas(page);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      clickToolbar(page, 'import'),
    ]);
    await chooser.setFiles(file);
    await expectCount(nodes(page), 2);
    await expectCount(edges(page), 1);
    await expect.poll(() => page.getByTestId(`field-${promptId}-text`).inputValue()).toBe(PROMPT);
    await h.screenshot('07-reimported');

    // The imported graph is the same graph: running it costs nothing.
    const callsBefore = h.apiCalls();
    expect(await runAndWait(page)).toBe('succeeded');
    await page.getByTestId(`cached-${generateId}`).waitFor();
    expect(h.apiCalls()).toBe(callsBefore);

    // A recipe wider than the screen is seen whole after import: the canvas renders only the
    // cards in view, so all six are in the DOM only once the view fits the new document.
    await page
      .getByTestId('import-file')
      .setInputFiles(join(REPO_ROOT, 'examples/edit-chain.json'));
    await expectCount(nodes(page), 6);
    await h.screenshot('08-imported-example-fits');
  });

  it("runs all of the above under the server's Content-Security-Policy, and refuses to be framed", async () => {
    const res = await fetch(h.server.url);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // The session so far (building, running, images, export/import) broke no rule.
    // zod probes once whether `new Function` works ("script-src eval"); the policy refuses
    // it, as it should, and zod validates without it. Nothing else may have been blocked.
    const violations = await cspViolations(h.page);
    expect(violations.filter((v) => v !== 'script-src eval')).toEqual([]);
    expect(h.pageProblems.filter((p) => /content security policy/i.test(p))).toEqual([]);
    // And it is enforced: a script injected into the page does not run.
    expect(
      await h.page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'globalThis.__injected = true';
        document.head.append(script);
        script.remove();
        return (globalThis as { __injected?: boolean }).__injected === true;
      }),
    ).toBe(false);

    // Another site framing the editor gets Chromium's error page instead of it.
    const other = await h.context.newPage();
    try {
      await other.setContent(`<iframe src="${h.server.url}/" width="400" height="300"></iframe>`);
      await expect
        .poll(() => other.frames()[1]?.url() ?? '', { timeout: 10_000 })
        .toMatch(/^chrome-error:/);
    } finally {
      await other.close();
    }
  });
});

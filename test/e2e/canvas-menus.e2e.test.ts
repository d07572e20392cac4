/**
 * At 1024×768, what a person does with the mouse's right button and with loose wires: the node
 * and canvas menus (whole on screen, by keyboard too, closed by Escape or a click outside), a
 * wire released on empty canvas offering only the node types that fit and wiring the choice,
 * the edit node's instruction typed on its card; and what they must be able to trust: a wire
 * passing a card is drawn over it, and no toast runs out of its box.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addNodeByKeyboard,
  clearCanvas,
  clickEmptyPane,
  documentNodeIds,
  handle,
  nodeCard,
  openEditor,
  waitForStillness,
} from './editor';
import { REPO_ROOT } from './harness';
import { harnessForTests } from './harness-for-tests';

const W = 1024;
const H = 768;

type Doc = {
  nodes: {
    id: string;
    type: string;
    position: { x: number; y: number };
    data: Record<string, unknown>;
  }[];
  edges: { source: string; sourceHandle: string; target: string; targetHandle: string }[];
};
const documentOf = (page: Page): Promise<Doc> =>
  page.evaluate(() => {
    const s = (
      window as unknown as { __atelier: { useDocument: { getState(): Doc } } }
    ).__atelier.useDocument.getState();
    return { nodes: s.nodes, edges: s.edges };
  });

/** The box of a menu must lie inside the window. */
const expectOnScreen = async (page: Page, testId: string) => {
  const box = (await page.getByTestId(testId).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(W);
  expect(box.y + box.height).toBeLessThanOrEqual(H);
};

/** A point of the pane with nothing on it, away from (x, y) fractions of the canvas. */
const emptyPoint = (page: Page, fx: number, fy: number) =>
  page.evaluate(
    ([fx, fy]) => {
      const pane = document.querySelector('.react-flow__pane')!;
      const r = pane.getBoundingClientRect();
      for (let d = 0; d < 0.4; d += 0.02)
        for (const [dx, dy] of [
          [d, 0],
          [0, d],
          [-d, 0],
          [0, -d],
        ]) {
          const x = r.left + r.width * (fx! + dx!);
          const y = r.top + r.height * (fy! + dy!);
          if (document.elementFromPoint(x, y) === pane) return { x, y };
        }
      throw new Error('no empty point');
    },
    [fx, fy],
  );

describe('menus and loose wires at 1024×768', { timeout: 300_000 }, () => {
  const h = harnessForTests({ viewport: { width: W, height: H } }, (h) =>
    openEditor(h.page, `${h.server.url}/?blank`),
  );

  it('opens a node menu on right-click, whole on screen, closed by Escape; Duplicate and Rename work', async () => {
    const { page } = h;
    await clearCanvas(page);
    const p = await addNodeByKeyboard(page, 'prompt');
    await clickEmptyPane(page);
    await nodeCard(page, p).locator('.node-header').click({ button: 'right' });
    const menu = page.getByTestId('node-menu');
    await menu.waitFor();
    await expectOnScreen(page, 'node-menu');
    await h.screenshot('40-node-menu');
    // The menu has the focus: Escape closes it.
    await expect.poll(() => menu.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    await nodeCard(page, p).locator('.node-header').click({ button: 'right' });
    await page.getByTestId('menu-duplicate').click();
    await expect.poll(async () => (await documentNodeIds(page)).length).toBe(2);

    // By keyboard: the selected node, Shift+F10, Enter on the first item (Rename…).
    await clickEmptyPane(page);
    await nodeCard(page, p).locator('.node-id').click();
    await page.keyboard.press('Shift+F10');
    await menu.waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId(`title-input-${p}`).waitFor();
    await page.keyboard.type('Hero prompt');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId(`title-${p}`).textContent()).toBe('Hero prompt');

    // Delete from the menu takes the node away, and Ctrl+Z brings it back.
    await nodeCard(page, p).locator('.node-header').click({ button: 'right' });
    await page.getByTestId('menu-delete').click();
    await expect.poll(async () => (await documentNodeIds(page)).includes(p)).toBe(false);
    await clickEmptyPane(page);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(async () => (await documentNodeIds(page)).includes(p)).toBe(true);
  });

  it('opens the canvas menu in a corner without leaving the window; a click outside closes it; Add node here and Paste here place at the cursor', async () => {
    const { page } = h;
    const corner = await page.evaluate(() => {
      const r = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      return { x: r.right - 6, y: r.bottom - 6 };
    });
    await page.mouse.click(corner.x, corner.y, { button: 'right' });
    const menu = page.getByTestId('canvas-menu');
    await menu.waitFor();
    await expectOnScreen(page, 'canvas-menu');
    const elsewhere = await emptyPoint(page, 0.3, 0.3);
    await page.mouse.click(elsewhere.x, elsewhere.y);
    await menu.waitFor({ state: 'detached' });

    const at = await emptyPoint(page, 0.35, 0.75);
    await page.mouse.click(at.x, at.y, { button: 'right' });
    await menu.waitFor();
    await h.screenshot('41-canvas-menu');
    const before = new Set(await documentNodeIds(page));
    // Keyboard: the first item (Add node here…) is active; Enter opens the node search there.
    await page.keyboard.press('Enter');
    await page.getByTestId('node-search').waitFor();
    await page.keyboard.type('generate');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await documentNodeIds(page)).length).toBe(before.size + 1);
    const added = (await documentNodeIds(page)).find((id) => !before.has(id))!;
    const box = (await nodeCard(page, added).boundingBox())!;
    // The card's left edge is at the cursor (it is centred a little above it).
    expect(Math.abs(box.x - at.x)).toBeLessThan(6);
    expect(box.y).toBeLessThan(at.y);

    // Copy it, then "Paste here" from the menu opened elsewhere: the copy's corner is there.
    await clickEmptyPane(page);
    await nodeCard(page, added).locator('.node-id').click();
    await page.keyboard.press('ControlOrMeta+c');
    const there = await emptyPoint(page, 0.7, 0.3);
    await page.mouse.click(there.x, there.y, { button: 'right' });
    await menu.waitFor();
    await page.getByTestId('menu-paste').click();
    await expect.poll(async () => (await documentNodeIds(page)).length).toBe(before.size + 2);
    const copy = (await documentNodeIds(page)).find((id) => !before.has(id) && id !== added)!;
    const pasted = (await nodeCard(page, copy).boundingBox())!;
    expect(Math.abs(pasted.x - there.x)).toBeLessThan(6);
    expect(Math.abs(pasted.y - there.y)).toBeLessThan(6);
    await h.screenshot('49-paste-here');
  });

  it('offers, for a wire released on empty canvas, only the node types that take it, and wires the choice', async () => {
    const { page } = h;
    await clearCanvas(page);
    const ref = await addNodeByKeyboard(page, 'reference');
    await clickEmptyPane(page);
    const from = (await handle(page, ref, 'out', 'image').boundingBox())!;
    const paneRight = await page.evaluate(
      () => document.querySelector('.react-flow__pane')!.getBoundingClientRect().right,
    );
    const drop = { x: Math.min(from.x + 200, paneRight - 60), y: from.y + 40 };
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(drop.x, drop.y, { steps: 12 });
    await page.mouse.up();
    const search = page.getByTestId('node-search');
    await search.waitFor();
    await expectOnScreen(page, 'node-search');
    await h.screenshot('42-wire-drop-search');

    // Exactly the types whose definitions have an image input (from the server's catalogue).
    const types = (await (await fetch(`${h.server.url}/api/node-types`)).json()) as unknown;
    const list = (Array.isArray(types) ? types : (types as { nodeTypes: unknown[] }).nodeTypes) as {
      type: string;
      inputs: { kind: string }[];
    }[];
    const expected = list
      .filter((t) => t.type !== 'recipe' && t.inputs.some((p) => p.kind === 'image'))
      .map((t) => `node-search-${t.type}`)
      .sort();
    const offered = await search
      .locator('[data-testid^="node-search-"]')
      .evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-testid')!).filter((id) => id !== 'node-search-input'),
      );
    expect(offered.sort()).toEqual(expected);
    expect(offered).not.toContain('node-search-prompt');

    await page.keyboard.type('edit');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await documentNodeIds(page)).length).toBe(2);
    let doc = await documentOf(page);
    const edit = doc.nodes.find((n) => n.type === 'edit')!;
    expect(doc.edges).toContainEqual(
      expect.objectContaining({
        source: ref,
        sourceHandle: 'image',
        target: edit.id,
        targetHandle: 'image',
      }),
    );
    const editBox = (await nodeCard(page, edit.id).boundingBox())!;
    expect(Math.abs(editBox.x - drop.x)).toBeLessThan(6);

    // The instruction is typed on the card…
    const typed = page.getByTestId(`field-${edit.id}-instruction`);
    await typed.fill('Put it on a marble counter');
    // …and a prompt wired into its input (dragged backwards out of the input) overrides it.
    await clickEmptyPane(page);
    const input = (await handle(page, edit.id, 'in', 'instruction').boundingBox())!;
    const back = { x: Math.max(input.x - 200, 30), y: input.y + 160 };
    await page.mouse.move(input.x + input.width / 2, input.y + input.height / 2);
    await page.mouse.down();
    await page.mouse.move(back.x, back.y, { steps: 12 });
    await page.mouse.up();
    await search.waitFor();
    expect(await search.getByTestId('node-search-prompt').count()).toBe(1);
    expect(await search.getByTestId('node-search-reference').count()).toBe(0);
    await search.getByTestId('node-search-prompt').click();
    await expect.poll(async () => (await documentNodeIds(page)).length).toBe(3);
    doc = await documentOf(page);
    const prompt = doc.nodes.find((n) => n.type === 'prompt')!;
    expect(doc.edges).toContainEqual(
      expect.objectContaining({ source: prompt.id, target: edit.id, targetHandle: 'instruction' }),
    );
    await page.getByTestId(`inline-wired-${edit.id}-instruction`).waitFor();
    await h.screenshot('43-wire-drop-wired');
  });

  it('draws every wire that passes a card over that card (examples at a readable fit)', async () => {
    const { page } = h;
    let crossings = 0;
    for (const example of [
      'masked-background-swap',
      'edit-chain',
      'product-variants',
      'weather-poster',
    ]) {
      await page
        .getByTestId('import-file')
        .setInputFiles(join(REPO_ROOT, 'examples', `${example}.json`));
      await page.getByTestId('toast').filter({ hasText: 'Imported' }).first().waitFor();
      await waitForStillness(page);
      const found = await page.evaluate(() => {
        const cards = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map(
          (el) => ({
            id: el.dataset.id!,
            r: el.getBoundingClientRect(),
          }),
        );
        const problems: string[] = [];
        let crossing = 0;
        for (const path of document.querySelectorAll<SVGPathElement>('.react-flow__edge-path')) {
          const edge = path.closest('.react-flow__edge');
          const id = path.id || edge?.getAttribute('data-id') || '';
          const [source, target] = [
            edge?.getAttribute('data-source'),
            edge?.getAttribute('data-target'),
          ];
          const m = path.getScreenCTM();
          if (!m) continue;
          const length = path.getTotalLength();
          for (let at = 0; at <= length; at += 12) {
            const p = new DOMPoint(
              path.getPointAtLength(at).x,
              path.getPointAtLength(at).y,
            ).matrixTransform(m);
            const under = cards.find(
              (c) =>
                c.id !== source &&
                c.id !== target &&
                p.x > c.r.left + 4 &&
                p.x < c.r.right - 4 &&
                p.y > c.r.top + 4 &&
                p.y < c.r.bottom - 4,
            );
            if (!under) continue;
            crossing++;
            // The same wire, drawn in the layer above the cards, is what a person sees there.
            const over = document.querySelector<SVGPathElement>(
              `.wire-over[data-edge="${CSS.escape(id)}"]`,
            );
            if (!over) {
              problems.push(`${id} passes under ${under.id} with nothing drawn over it`);
              break;
            }
            const style = over.getAttribute('style');
            over.setAttribute(
              'style',
              'pointer-events: stroke; stroke-width: 10px; stroke-dasharray: none',
            );
            const top = document.elementFromPoint(p.x, p.y);
            over.setAttribute('style', style ?? '');
            if (top !== over) {
              problems.push(
                `${id} is hidden by ${under.id} (${top?.outerHTML.slice(0, 80)}) at ${Math.round(p.x)},${Math.round(p.y)}`,
              );
              break;
            }
          }
        }
        return { crossing, problems };
      });
      expect(found.problems, example).toEqual([]);
      if (example === 'masked-background-swap') {
        // photo → swap passes the mask card: the case that read as mask → swap.
        expect(found.crossing).toBeGreaterThan(0);
        await h.screenshot('44-wire-over-card');
      }
      crossings += found.crossing;
    }
    expect(crossings).toBeGreaterThan(0);
  });

  it('keeps every toast inside its box and the window: long messages, long URLs', async () => {
    const { page } = h;
    const url = `https://cdn.example.com/${'very-long-path-segment/'.repeat(12)}image.png?signature=${'a1b2c3'.repeat(20)}`;
    await page.evaluate((url) => {
      const session = (
        window as unknown as {
          __atelier: { useSession: { getState(): { toast(m: string, k?: string): void } } };
        }
      ).__atelier.useSession.getState();
      session.toast(`Could not fetch the image at ${url}: the server answered 403.`, 'error');
      session.toast('x'.repeat(300), 'info');
      session.toast(
        'The run of “Hero shot with a much longer title than anyone would type” failed: moderation_blocked — the request was rejected by the safety system; change the prompt and run again.',
        'error',
      );
    }, url);
    const measure = () =>
      page.getByTestId('toast').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          const text = el.querySelector('span')!;
          return {
            box: el.scrollWidth <= el.clientWidth + 1,
            text: text.getBoundingClientRect().right <= r.right + 1,
            window: r.left >= 0 && r.right <= innerWidth,
          };
        }),
      );
    await expect.poll(async () => (await measure()).length).toBeGreaterThanOrEqual(3);
    await h.screenshot('45-long-toasts-1024');
    for (const t of await measure()) expect(t).toEqual({ box: true, text: true, window: true });

    // The check has teeth: without the wrapping rules the same toasts do overflow.
    const off = await page.addStyleTag({
      content: '.toast{overflow-wrap:normal!important}.toast>span{min-width:auto!important}',
    });
    const broken = await measure();
    await off.evaluate((el) => (el as Element).remove());
    expect(broken.some((t) => !t.box || !t.text || !t.window)).toBe(true);
  });
});

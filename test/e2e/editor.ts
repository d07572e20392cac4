/**
 * What a person does in the editor, as small functions over Playwright (test ids from
 * web/TESTIDS.md). Every wait polls a locator or a value; nothing sleeps for a fixed time.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeEach, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTEFACTS_DIR, fileTag, problemsOf, type Harness } from './harness';

const POLL = { timeout: 30_000, interval: 100 } as const;

/**
 * Clicks a top-bar button by test id, through its "More" menu when the window had no room for
 * it inline (web/src/app/FittingGroup.tsx decides that before the first paint).
 */
export const clickToolbar = async (page: Page, testId: string): Promise<void> => {
  if ((await page.getByTestId(testId).count()) === 0)
    await page.getByTestId('toolbar-more').click();
  await page.getByTestId(testId).click();
};

/** Opens the top bar's "More" menu when it holds buttons, to read them (Escape closes it). */
export const openToolbarMore = async (page: Page): Promise<void> => {
  const more = page.getByTestId('toolbar-more');
  if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) !== 'true')
    await more.click();
};

/**
 * When a test of the file fails: saves test-results/e2e/FAILED-<file>-<test>[-<page>].png for
 * every open page and FAILED-<file>-<test>.log, and prints what the pages met (HTTP errors, page errors,
 * where each page is) with the server's last output: CI keeps only what the run prints.
 */
export const screenshotFailures = (harness: () => Harness | undefined): void =>
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      // Named after the file too: two files may have a test of the same name.
      const name = `${fileTag(task.file.name)}-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      const h = harness();
      if (!h) return;
      const report = [...h.pageProblems];
      const contexts = h.browser.contexts();
      for (const [c, context] of contexts.entries()) {
        for (const [p, page] of context.pages().entries()) {
          const suffix = contexts.length === 1 && p === 0 ? '' : `-${c}.${p}`;
          await page
            .screenshot({ path: join(ARTEFACTS_DIR, `FAILED-${name}${suffix}.png`) })
            .catch(() => undefined);
          report.push(`page ${c}.${p} at ${page.url()}`);
          // What the person was told: error texts, alerts and toasts on screen.
          const told = await page
            .evaluate(() =>
              [...document.querySelectorAll('.error-text, [role="alert"], [role="alertdialog"]')]
                .map((e) => e.textContent?.trim() ?? '')
                .filter(Boolean),
            )
            .catch(() => []);
          report.push(...told.map((text) => `  shown: ${text.slice(0, 300)}`));
        }
        report.push(...problemsOf(context).map((line) => `  context ${c}: ${line}`));
      }
      const server = h.server.output().split('\n').slice(-60).join('\n');
      const text = [...report, '--- server output (last 60 lines) ---', server].join('\n');
      writeFileSync(join(ARTEFACTS_DIR, `FAILED-${name}.log`), text);
      console.error(`e2e failure report for "${task.name}":\n${text}`);
    });
  });

export const nodes = (page: Page): Locator => page.locator('.react-flow__node');
export const edges = (page: Page): Locator => page.locator('.react-flow__edge');
export const nodeCard = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);

export const expectCount = async (locator: Locator, count: number, timeout = 30_000) =>
  expect.poll(() => locator.count(), { ...POLL, timeout }).toBe(count);

export const openEditor = async (page: Page, url: string): Promise<void> => {
  await page.goto(url);
  await page.getByTestId('canvas').waitFor();
  await page.locator('.react-flow__pane').waitFor();
};

/** Saves `document` in the harness server's library over HTTP; answers the workflow's id. */
export const saveWorkflow = async (h: Harness, document: unknown): Promise<string> => {
  const res = await fetch(`${h.server.url}/api/workflows`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(document),
  });
  return ((await res.json()) as { id: string }).id;
};

/** saveWorkflow, then opens it in the harness's editor (`/?open=<id>`); answers its id. */
export const openSavedWorkflow = async (h: Harness, document: unknown): Promise<string> => {
  const id = await saveWorkflow(h, document);
  await openEditor(h.page, `${h.server.url}/?open=${id}`);
  return id;
};

/** Clicks an empty spot of the pane: clears the selection and takes focus out of fields. */
export const clickEmptyPane = async (page: Page): Promise<void> => {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    const box = pane?.getBoundingClientRect();
    if (!pane || !box) throw new Error('no .react-flow__pane');
    for (let fy = 0.9; fy >= 0.1; fy -= 0.05)
      for (let fx = 0.1; fx <= 0.9; fx += 0.05) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    throw new Error('no empty spot on the pane');
  });
  await page.mouse.click(point.x, point.y);
};

/** Select everything, delete it: an empty canvas, by keyboard. */
export const clearCanvas = async (page: Page): Promise<void> => {
  await clickEmptyPane(page);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await expectCount(nodes(page), 0);
  await expect.poll(async () => (await documentNodeIds(page)).length, POLL).toBe(0);
};

/**
 * Node ids of the document, from the editor's store (`window.__atelier`, web/TESTIDS.md). The
 * canvas renders only the nodes in view, so the DOM alone cannot say what the document holds.
 */
export const documentNodeIds = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const atelier = (
      window as unknown as {
        __atelier?: { useDocument: { getState(): { nodes: Array<{ id: string }> } } };
      }
    ).__atelier;
    if (!atelier) throw new Error('window.__atelier is missing (web/TESTIDS.md)');
    return atelier.useDocument.getState().nodes.map((n) => n.id);
  });

/** Whether the whole of `locator` lies inside the canvas's box (what a person can see). */
const isInCanvas = (locator: Locator): Promise<boolean> =>
  locator.evaluate((el) => {
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return (
      !!canvas &&
      box.left >= canvas.left &&
      box.top >= canvas.top &&
      box.right <= canvas.right &&
      box.bottom <= canvas.bottom
    );
  });

/** `/`, type the node type, Enter: adds a node by keyboard; returns its id, once it is on screen. */
export const addNodeByKeyboard = async (page: Page, query: string): Promise<string> => {
  const before = new Set(await documentNodeIds(page));
  await page.keyboard.press('/');
  await expect
    .poll(
      () => page.getByTestId('palette-search').evaluate((el) => el === document.activeElement),
      POLL,
    )
    .toBe(true);
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await documentNodeIds(page)).length, POLL).toBe(before.size + 1);
  const added = (await documentNodeIds(page)).filter((id) => !before.has(id));
  if (added.length !== 1) throw new Error(`Expected one new node, got ${added.join(', ')}`);
  const id = added[0]!;
  // The editor places a new node inside the visible canvas (centred, beside what is there):
  // it is rendered and its title is on screen without any panning or fit-view.
  await nodeCard(page, id).waitFor();
  await expect.poll(() => isInCanvas(nodeCard(page, id).locator('.node-header')), POLL).toBe(true);
  return id;
};

export const handle = (page: Page, node: string, side: 'in' | 'out', port: string): Locator =>
  nodeCard(page, node).getByTestId(`port-${side}-${port}`).locator('.react-flow__handle');

/**
 * The centre of a handle, once nothing covers it. A toast ("Uploaded 1024×1024 png") can sit
 * over a handle for a few seconds; a person waits for it to go, and a press there would land
 * on the toast, not the handle (the walkthrough's mask → edit wire missed that way under load).
 */
const grabPoint = async (locator: Locator) => {
  await locator.scrollIntoViewIfNeeded();
  let point: { x: number; y: number } | null = null;
  await expect
    .poll(
      async () => {
        point = await locator.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const x = r.left + r.width / 2;
          const y = r.top + r.height / 2;
          const hit = document.elementFromPoint(x, y);
          return hit && (hit === el || el.contains(hit)) ? { x, y } : null;
        });
        return point !== null;
      },
      { ...POLL, message: `${String(locator)} stays covered by another element` },
    )
    .toBe(true);
  return point!;
};

/**
 * Zooms the canvas out (the mouse wheel over it, as a person would) until every locator is on
 * the visible canvas: a card can sit above the view or under the inspector after a fit that
 * keeps the image cards readable.
 */
export const showOnCanvas = async (page: Page, ...targets: Locator[]): Promise<void> => {
  const pane = page.locator('.react-flow__pane');
  const visible = async () => {
    const area = (await pane.boundingBox())!;
    for (const target of targets) {
      const box = await target.boundingBox();
      if (!box) return false;
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      if (x < area.x + 4 || x > area.x + area.width - 4) return false;
      if (y < area.y + 4 || y > area.y + area.height - 4) return false;
    }
    return true;
  };
  for (let tries = 0; tries < 10 && !(await visible()); tries++) {
    const area = (await pane.boundingBox())!;
    // Near the canvas's left edge, where no card is (a card's fields keep the wheel).
    await page.mouse.move(area.x + 24, area.y + area.height / 2);
    await page.mouse.wheel(0, 250);
    await waitForStillness(page);
  }
};

/** Drags from an output handle to an input handle with the mouse, as a person would. */
export const connect = async (
  page: Page,
  from: { node: string; port: string },
  to: { node: string; port: string },
): Promise<void> => {
  const before = await edges(page).count();
  await showOnCanvas(
    page,
    handle(page, from.node, 'out', from.port),
    handle(page, to.node, 'in', to.port),
  );
  const start = await grabPoint(handle(page, from.node, 'out', from.port));
  const end = await grabPoint(handle(page, to.node, 'in', to.port));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
  await expectCount(edges(page), before + 1);
};

/** Polls until node boxes and the viewport stop moving (after a layout or fit-view animation). */
export const waitForStillness = async (page: Page): Promise<void> => {
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await page.evaluate(() =>
          JSON.stringify([
            document.querySelector('.react-flow__viewport')?.getAttribute('style'),
            [...document.querySelectorAll('.react-flow__node')].map((n) => {
              const r = n.getBoundingClientRect();
              return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
            }),
          ]),
        );
        const still = now === last;
        last = now;
        return still;
      },
      { interval: 250, timeout: 30_000 },
    )
    .toBe(true);
};

/** Shift+L: the editor's auto-layout (nodes side by side, none covering another's handles). */
export const tidy = async (page: Page): Promise<void> => {
  await clickEmptyPane(page);
  await page.keyboard.press('Shift+L');
  await waitForStillness(page);
};

export type NodeStatus =
  'idle' | 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export const expectStatus = async (
  page: Page,
  node: string,
  status: NodeStatus,
  timeout = 60_000,
) =>
  expect
    .poll(() => nodeCard(page, node).getAttribute('data-status'), { ...POLL, timeout })
    .toBe(status);

const runId = async (page: Page): Promise<string> => {
  const bar = page.getByTestId('run-bar');
  return (await bar.count()) ? ((await bar.getAttribute('data-run-id')) ?? '') : '';
};

const TERMINAL = /^(succeeded|failed|cancelled|interrupted)$/;

/**
 * Starts a run with `start` (a click or a key press) and waits until a NEW run (another run
 * id in the run bar) has finished; returns its status.
 */
export const runAndWait = async (
  page: Page,
  start: () => Promise<void> = () => page.getByTestId('run').click(),
  timeout = 90_000,
): Promise<string> => {
  const previous = await runId(page);
  await start();
  await expect.poll(() => runId(page), { ...POLL, timeout }).not.toBe(previous);
  const status = page.getByTestId('run-status');
  await expect
    .poll(async () => (await status.textContent())?.trim() ?? '', { ...POLL, timeout })
    .toMatch(TERMINAL);
  return ((await status.textContent()) ?? '').trim();
};

/** The blob id behind an <img src="/api/blobs/<id>">. */
export const blobIdOf = async (img: Locator): Promise<string> => {
  const src = await img.getAttribute('src');
  const match = /\/api\/blobs\/([0-9a-f]{64})/.exec(src ?? '');
  if (!match) throw new Error(`Not a blob URL: ${src}`);
  return match[1]!;
};

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Every card's box in flow coordinates, as the editor measured it (web/TESTIDS.md `__atelier`);
 * a card not measured yet has width and height 0.
 */
export const cardBoxes = (page: Page): Promise<Box[]> =>
  page.evaluate(() => {
    type N = {
      id: string;
      position: { x: number; y: number };
      measured?: { width?: number; height?: number };
    };
    const atelier = (
      window as unknown as { __atelier: { useDocument: { getState(): { nodes: N[] } } } }
    ).__atelier;
    return atelier.useDocument.getState().nodes.map((n) => ({
      id: n.id,
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? 0,
      height: n.measured?.height ?? 0,
    }));
  });

/** Whether two boxes lie on each other (touching by a pixel does not count). */
export const overlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width - 1 &&
  b.x < a.x + a.width - 1 &&
  a.y < b.y + b.height - 1 &&
  b.y < a.y + a.height - 1;

/** Pairs of boxes that lie on each other ("a×b"). */
export const overlapping = (boxes: Box[]): string[] =>
  boxes.flatMap((a, i) =>
    boxes
      .slice(i + 1)
      .filter((b) => overlap(a, b))
      .map((b) => `${a.id}×${b.id}`),
  );

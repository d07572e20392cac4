/**
 * Browser benchmark, in Debian's Chromium: how long the editor takes to load and render a
 * 1,000-node workflow, and the frame times while a person pans it with the mouse.
 * Run alone with `npx tsx test/bench/browser.bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { ensureWebBuilt, launchBrowser, newBrowserContext, startServer } from '../e2e/harness';
import { bigWorkflow } from '../e2e/workflows';
import type { BenchResult } from './result';

/** The editor's shared autosave slot (web/src/lib/autosave.ts): a tab with no slot of its own opens it. */
const AUTOSAVE_KEY = 'atelier.document.v1';
const GROUPS = 200; // × 5 nodes
const PAN_FRAMES = 120;

const quantile = (sorted: number[], q: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at]!;
};

/**
 * Resolves, in the page, once the editor has rendered the document: the number of node
 * elements has been non-zero and unchanged for 15 frames. The canvas renders only the nodes
 * in view (onlyRenderVisibleElements), so "rendered" means every visible node is in the DOM.
 * Returns performance.now() of the frame where the count last changed, and the count.
 */
const waitForRender = (page: Page): Promise<{ at: number; count: number }> =>
  page.evaluate(
    () =>
      new Promise<{ at: number; count: number }>((resolve) => {
        let count = -1;
        let at = 0;
        let still = 0;
        const check = (now: number) => {
          const n = document.querySelectorAll('.react-flow__node').length;
          if (n !== count) {
            count = n;
            at = now;
            still = 0;
          } else if (n > 0 && ++still >= 15) return resolve({ at, count });
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );

/** A point on the empty pane (dragging there pans; dragging a node would move it). */
const emptyPanePoint = (page: Page): Promise<{ x: number; y: number }> =>
  page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    const box = pane?.getBoundingClientRect();
    if (!pane || !box) throw new Error('The editor has no .react-flow__pane');
    for (let fy = 0.3; fy <= 0.7; fy += 0.02)
      for (let fx = 0.3; fx <= 0.7; fx += 0.02) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    throw new Error('No empty spot on the pane to drag from');
  });

/** Drags the pane in a loop, one mouse move per frame, and returns rAF deltas (ms). */
const panFrameTimes = async (page: Page): Promise<number[]> => {
  const start = await emptyPanePoint(page);
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= PAN_FRAMES; i++) {
    // A circle of 200 px radius: every move shifts the whole viewport.
    const angle = (i / PAN_FRAMES) * 2 * Math.PI;
    await page.mouse.move(start.x + 200 * Math.sin(angle), start.y + 200 * (1 - Math.cos(angle)));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames;
  });
};

/** Measures the editor served at `url` (exported so it can be pointed at any server). */
export async function measure(url: string): Promise<BenchResult[]> {
  const browser = await launchBrowser();
  try {
    const doc = bigWorkflow(GROUPS);
    const nodeCount = doc.nodes.length;
    const context = await newBrowserContext(browser, { viewport: { width: 1600, height: 1000 } });
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      AUTOSAVE_KEY,
      JSON.stringify({ workflow: doc }),
    ] as const);
    const page = await context.newPage();

    // Cold-ish load: the first visit compiles the bundle; measure the second.
    await page.goto(url);
    await waitForRender(page);
    await page.reload();
    const rendered = await waitForRender(page);
    const inDocument = await page.evaluate(() => {
      const stored = localStorage.getItem('atelier.document.v1');
      return stored
        ? (JSON.parse(stored) as { workflow: { nodes: unknown[] } }).workflow.nodes.length
        : 0;
    });
    if (inDocument !== nodeCount)
      throw new Error(`The editor holds ${inDocument} nodes, expected ${nodeCount}`);

    const fitFrames = (await panFrameTimes(page)).sort((a, b) => a - b);
    // At 100% zoom only the visible nodes render (onlyRenderVisibleElements).
    await page.evaluate(() => {
      const zoomIn = document.querySelector<HTMLButtonElement>('.react-flow__controls-zoomin');
      for (let i = 0; i < 12; i++) zoomIn?.click();
    });
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const zoomedFrames = (await panFrameTimes(page)).sort((a, b) => a - b);
    await context.close();

    const frameResults = (key: string, label: string, frames: number[]): BenchResult[] => [
      {
        name: `browser.pan_${key}.frame_median`,
        value: quantile(frames, 0.5),
        unit: 'ms',
        target: 1000 / 30,
        better: 'lower',
        note: `rAF deltas while dragging the pane, ${nodeCount} nodes, ${label}; ${frames.length} frames`,
      },
      {
        name: `browser.pan_${key}.frame_p95`,
        value: quantile(frames, 0.95),
        unit: 'ms',
        target: 50,
        better: 'lower',
        note: `headless Chromium, software rendering (--disable-gpu)`,
      },
    ];
    return [
      {
        name: 'browser.load_render_1000_nodes',
        value: rendered.at,
        unit: 'ms',
        target: 3000,
        better: 'lower',
        note: `navigation start → the view settled with ${rendered.count} of ${nodeCount} nodes on screen (document of ${nodeCount} nodes, ${doc.edges.length} edges, from autosave)`,
      },
      ...frameResults(
        'fit',
        `initial fit view (zoom 0.1), ${rendered.count} nodes on screen`,
        fitFrames,
      ),
      ...frameResults('zoomed', 'zoomed in near 100%', zoomedFrames),
    ];
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  await ensureWebBuilt();
  const server = await startServer({ ATELIER_PROVIDER: 'simulator' });
  try {
    return await measure(server.url);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (results) => {
      for (const r of results) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

/**
 * A recipe handed to a teammate by link, in a real Chromium with a fresh profile that has no
 * server token (the server requires ATELIER_TOKEN): the view link shows a read-only canvas
 * and refuses writes; the run link is an app page that uploads, runs with live partial
 * images and downloads the output's original bytes; revoking it closes both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFakeOpenAI, type FakeOpenAI } from '@atelier/fake-openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeOpenAIEnv,
  artefactPath,
  ensureWebBuilt,
  launchBrowser,
  newProfilePage,
  REPO_ROOT,
  startServer,
  type ServerHandle,
} from './harness';
import { maskedBackgroundSwap } from './masked-background-swap';

const TOKEN = 'e2e-owner-token-0123456789abcdef0123456789';
/** Polls wait as long as the page may need (vitest's default is 1 s). */
const POLL = { timeout: 30_000, interval: 100 };

describe('share links in the browser, without the server token', { timeout: 180_000 }, () => {
  let fake: FakeOpenAI;
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;
  let workflowId = '';
  let output = '';

  const owner = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TOKEN}`, ...init.headers },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const share = (access: 'view' | 'run') =>
    owner<{ id: string; url: string }>(`/api/workflows/${workflowId}/shares`, {
      method: 'POST',
      body: JSON.stringify({ access }),
    });

  beforeAll(async () => {
    await ensureWebBuilt();
    fake = await createFakeOpenAI({ latency: { perPartialImageMs: 400 } });
    server = await startServer({ ...fakeOpenAIEnv(fake), ATELIER_TOKEN: TOKEN });
    const document = await maskedBackgroundSwap((bytes) =>
      owner<object>('/api/blobs', { method: 'POST', body: new Uint8Array(bytes) }),
    );
    workflowId = (
      await owner<{ id: string }>('/api/workflows', {
        method: 'POST',
        body: JSON.stringify(document),
      })
    ).id;
    const run = await owner<{ id: string }>('/api/runs', {
      method: 'POST',
      body: JSON.stringify({ workflowId }),
    });
    for (;;) {
      const record = await owner<{
        status: string;
        nodes: Record<string, { outputs?: { image?: { blob: string } } }>;
      }>(`/api/runs/${run.id}`);
      if (record.status === 'succeeded') {
        output = record.nodes.swap!.outputs!.image!.blob;
        break;
      }
      if (record.status !== 'running' && record.status !== 'queued') throw new Error(record.status);
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchBrowser();
    // A teammate's browser: a fresh profile with no token, no cookie.
    page = await newProfilePage(browser, {
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
  }, 60_000);

  it('a view link shows the recipe read-only with its latest output, and refuses writes', async () => {
    const link = await share('view');
    await page.goto(link.url);
    await expect
      .poll(() => page.getByTestId('share-title').textContent(), POLL)
      .toBe('Masked background swap');
    await expect.poll(() => page.getByTestId('share-node').count(), POLL).toBe(4);
    // The latest output is on the canvas, loaded through the link.
    const shown = page.locator(`img[src$="/blobs/${output}"]`);
    await expect
      .poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL)
      .toBe(1024);
    // Nothing to edit: no fields, nodes cannot be dragged.
    expect(await page.locator('.share-canvas input, .share-canvas textarea').count()).toBe(0);
    // Dragging a node moves the view at most (panning), never the node against the others.
    const [first, second] = [
      page.getByTestId('share-node').nth(0),
      page.getByTestId('share-node').nth(1),
    ];
    const gap = async () => {
      const [a, b] = [await first.boundingBox(), await second.boundingBox()];
      return { dx: Math.round(b!.x - a!.x), dy: Math.round(b!.y - a!.y) };
    };
    const before = await gap();
    const box = (await first.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 220, box.y + 150, { steps: 5 });
    await page.mouse.up();
    expect(await gap()).toEqual(before);
    await expect.poll(() => page.getByText('Versions').count(), POLL).toBe(1);
    await page.screenshot({ path: artefactPath('view') });

    // Writes from this page are refused: the library needs the server token, the link is read-only.
    const token = new URL(link.url).pathname.split('/').pop()!;
    const statuses = await page.evaluate(
      async ({ id, token }) => [
        (await fetch(`/api/workflows/${id}`, { method: 'PUT', body: '{}' })).status,
        (await fetch(`/api/s/${token}/runs`, { method: 'POST', body: '{}' })).status,
        (await fetch(`/api/workflows/${id}`)).status,
      ],
      { id: workflowId, token },
    );
    expect(statuses).toEqual([401, 403, 401]);
    // Forking needs access to the server: the page says so.
    await page.getByRole('button', { name: 'Fork into my library' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), POLL)
      .toMatch(/needs access to the server/);
  });

  it('a run link is an app page: upload, run with live partial images, download the original bytes', async () => {
    const link = await share('run');
    await page.goto(link.url);
    await expect.poll(() => page.getByRole('button', { name: 'Run' }).count(), POLL).toBe(1);
    // Made from the named inputs; nothing of the graph.
    expect(await page.locator('.react-flow').count()).toBe(0);
    await page.getByLabel('Photo').setInputFiles(join(REPO_ROOT, 'examples/assets/product.png'));
    await page.getByLabel('New background').fill('A snowy street at night');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByTestId('share-partial').first().waitFor();
    const result = page.getByTestId('share-output');
    await result.waitFor();
    await expect
      .poll(() => page.getByTestId('share-run-status').textContent(), POLL)
      .toMatch(/succeeded/);
    const src = (await result.getAttribute('src'))!;
    const blob = src.split('/').pop()!;
    expect(blob).not.toBe(output); // a new image, from the new instruction
    await page.screenshot({ path: artefactPath('app') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download' }).click(),
    ]);
    const downloaded = readFileSync((await download.path())!);
    const original = Buffer.from(
      await (
        await fetch(`${server.url}/api/blobs/${blob}`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).arrayBuffer(),
    );
    expect(downloaded.equals(original)).toBe(true);

    // The owner's record says it was made through that link.
    const runs = await owner<{ via?: string }[]>(`/api/runs?workflowId=${workflowId}`);
    expect(runs[0]!.via).toBe(`share:${link.id}`);

    // Revoked: the page now says the link is gone.
    await owner(`/api/shares/${link.id}`, { method: 'DELETE' });
    await page.reload();
    await expect
      .poll(() => page.getByRole('alert').textContent(), POLL)
      .toMatch(/does not exist or is no longer shared/);
  });
});

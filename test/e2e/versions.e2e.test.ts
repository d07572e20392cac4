/**
 * Two people on one workflow (solo mode: two browser contexts of one person, i.e. two tabs
 * named "You"): each sees the other's presence; one saves first; the other's save opens the
 * conflict dialog with the diff, and keeps theirs as the newest. Then the Versions panel shows
 * who saved what and why, compares two versions on the canvas, and restores the first one.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickToolbar, nodeCard, openEditor, saveWorkflow } from './editor';
import { artefactPath, newProfilePage } from './harness';
import { harnessForTests } from './harness-for-tests';

const POLL = { timeout: 40_000, interval: 200 };

const poster = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a lighthouse' } },
    { id: 'p2', type: 'prompt', position: { x: 0, y: 260 }, data: { text: 'pastel' } },
  ],
  edges: [],
  inputs: [],
};

/** Types into a node's text field as a person would (select all, type). */
const typeInto = async (page: Page, node: string, field: string, text: string) => {
  const input = page.getByTestId(`field-${node}-${field}`);
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.fill(text);
};

describe('working on one workflow from two browsers', { timeout: 240_000 }, () => {
  let other: Page;
  let id = '';
  const h = harnessForTests({}, async (h) => {
    id = await saveWorkflow(h, { ...poster, message: 'first draft' });
    other = await newProfilePage(h.browser, { viewport: { width: 1600, height: 1000 } });
    await Promise.all([
      openEditor(h.page, `${h.server.url}/?open=${id}`),
      openEditor(other, `${h.server.url}/?open=${id}`),
    ]);
  });

  it('each sees that the other has the workflow open', async () => {
    for (const page of [h.page, other]) {
      await page.getByTestId('presence-viewer').first().waitFor();
      await expect
        .poll(() => page.getByTestId('presence-viewer').first().getAttribute('title'), POLL)
        .toMatch(/^You \(another tab\) since /);
      expect(await page.getByTestId('presence-viewer').allTextContents()).toEqual(['Y']);
    }
    await h.screenshot('40-presence');
  });

  it('the one who saves second gets the conflict with the diff, and keeps theirs as newest', async () => {
    await typeInto(h.page, 'p1', 'text', 'a windmill');
    await h.page.getByTestId('save').click();
    await expect
      .poll(() => h.page.getByTestId('save-state').textContent(), POLL)
      .toBe('v2 · saved');

    await typeInto(other, 'p2', 'text', 'neon at night');
    await other.getByTestId('save').click();
    const dialog = other.getByTestId('conflict-dialog');
    await dialog.waitFor();
    expect(await other.getByTestId('conflict-who').textContent()).toMatch(
      /You saved version 2 since you opened version 1/,
    );
    const diff = await other.getByTestId('conflict-diff').textContent();
    // Mine against theirs: my p2 edit, and their p1 edit that keeping mine would undo.
    expect(diff).toContain('data.text: “pastel” → “neon at night”');
    expect(diff).toContain('data.text: “a windmill” → “a lighthouse”');
    // Nothing I typed is gone while I decide.
    expect(await other.getByTestId('field-p2-text').inputValue()).toBe('neon at night');
    await other.screenshot({ path: artefactPath('41-conflict-dialog') });

    await other.getByTestId('conflict-keep-mine').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => other.getByTestId('save-state').textContent(), POLL).toBe('v3 · saved');
    const latest = (await (await fetch(`${h.server.url}/api/workflows/${id}`)).json()) as {
      version: number;
      document: { nodes: { id: string; data: { text: string } }[] };
    };
    expect(latest.version).toBe(3);
    expect(latest.document.nodes.map((n) => n.data.text)).toEqual([
      'a lighthouse',
      'neon at night',
    ]);
  });

  it('the Versions panel shows who saved what and why, compares two versions and restores one', async () => {
    const page = h.page;
    await clickToolbar(page, 'open-versions');
    await page.getByTestId('version-3').waitFor();
    expect(await page.getByTestId('version-author-3').textContent()).toBe('You');
    expect(await page.getByTestId('version-message-3').textContent()).toBe('Kept over version 2');
    expect(await page.getByTestId('version-message-1').textContent()).toBe('first draft');

    await page.getByTestId('version-pick-1').check();
    await page.getByTestId('version-pick-3').check();
    await page.getByTestId('versions-compare').click();
    await page.getByTestId('comparison').waitFor();
    expect(await page.getByTestId('comparison-title').textContent()).toBe('v1 → v3');
    expect(await page.getByTestId('diff-list').textContent()).toContain(
      'data.text: “pastel” → “neon at night”',
    );
    // This page still shows version 2: open v3 to see its highlights.
    await page.getByTestId('comparison-open').click();
    await expect.poll(() => nodeCard(page, 'p2').getAttribute('data-diff'), POLL).toBe('changed');
    expect(await nodeCard(page, 'p1').getAttribute('data-diff')).toBeNull();
    await h.screenshot('42-version-diff');

    await page.getByTestId('version-restore-1').click();
    await page.getByTestId('confirm-dialog-confirm').click();
    await page.getByTestId('version-4').waitFor();
    expect(await page.getByTestId('version-message-4').textContent()).toBe('Restored version 1');
    await expect.poll(() => page.getByTestId('save-state').textContent(), POLL).toBe('v4 · saved');
    expect(await page.getByTestId('field-p2-text').inputValue()).toBe('pastel');
  });

  it('from a version diff, "Compare runs" opens a run of each version side by side', async () => {
    const page = h.page;
    const runOf = async (version: number) => {
      const res = await fetch(`${h.server.url}/api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workflowId: id, version }),
      });
      expect(res.status).toBe(202);
      const runId = ((await res.json()) as { id: string }).id;
      await expect
        .poll(
          async () =>
            (
              (await (await fetch(`${h.server.url}/api/runs/${runId}`)).json()) as {
                status: string;
              }
            ).status,
          POLL,
        )
        .toBe('succeeded');
      return runId;
    };
    // v2 has no run yet: the diff says so instead of linking.
    await page.getByTestId('version-diff-2').click();
    await expect
      .poll(() => page.getByTestId('comparison-title').textContent(), POLL)
      .toBe('v1 → v2');
    await page.getByTestId('comparison-runs-missing').waitFor();
    expect(await page.getByTestId('comparison-runs-missing').textContent()).toContain('v1 or v2');

    const a = await runOf(1);
    const b = await runOf(3);
    await page.getByTestId('version-pick-1').uncheck();
    await page.getByTestId('version-pick-3').uncheck();
    await page.getByTestId('version-pick-1').check();
    await page.getByTestId('version-pick-3').check();
    await page.getByTestId('versions-compare').click();
    await expect
      .poll(() => page.getByTestId('comparison-title').textContent(), POLL)
      .toBe('v1 → v3');
    const link = page.getByTestId('comparison-runs');
    expect(await link.getAttribute('href')).toBe(`#/compare/${a}/${b}`);
    await link.click();
    await page.getByTestId('compare-view').waitFor();
    expect(await page.getByTestId('compare-run-a').textContent()).toContain('v1');
    expect(await page.getByTestId('compare-run-b').textContent()).toContain('v3');
    expect(await page.getByTestId('compare-change-p2-data.text').textContent()).toContain(
      'neon at night',
    );
    await h.screenshot('43-compare-runs-from-diff');
    await page.getByTestId('review-close').click();
    await page.getByTestId('review-overlay').waitFor({ state: 'detached' });
  });

  it('a recipe node whose pinned version changed is highlighted, listed, and resolved in a conflict', async () => {
    const page = h.page;
    const send = async (method: string, path: string, doc: unknown) => {
      const res = await fetch(`${h.server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(doc),
      });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return (await res.json()) as { id: string; version: number };
    };
    const shot = (text: string) => ({
      format: 'atelier.workflow',
      version: 1,
      name: 'Product shot',
      nodes: [{ id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text } }],
      edges: [],
      inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
      outputs: [{ name: 'caption', node: 'p1', port: 'text' }],
    });
    const uses = (version: number, subject: string) => ({
      format: 'atelier.workflow',
      version: 1,
      name: 'Shots',
      nodes: [
        {
          id: 'r1',
          type: 'recipe',
          position: { x: 0, y: 0 },
          data: { workflowId: recipe, version, inputs: { subject } },
        },
      ],
      edges: [],
      inputs: [],
    });
    const recipe = (await send('POST', '/api/workflows', shot('a cup'))).id;
    await send('PUT', `/api/workflows/${recipe}`, shot('a cup on oak'));
    const shots = (await send('POST', '/api/workflows', uses(1, 'a vase'))).id;
    await send('PUT', `/api/workflows/${shots}`, uses(2, 'a vase'));

    await openEditor(page, `${h.server.url}/?open=${shots}`);
    await expect.poll(() => page.getByTestId('recipe-pin-r1').textContent(), POLL).toMatch(/v2/);
    await clickToolbar(page, 'open-versions');
    await page.getByTestId('version-diff-2').click();
    await expect
      .poll(() => page.getByTestId('comparison-title').textContent(), POLL)
      .toBe('v1 → v2');
    await expect.poll(() => nodeCard(page, 'r1').getAttribute('data-diff'), POLL).toBe('changed');
    const list = await page.getByTestId('diff-list').textContent();
    expect(list).toContain('Recipe r1 (“Product shot”)');
    expect(list).toContain('pinned version: v1 → v2');
    await h.screenshot('44-recipe-node-diff');

    // Someone pins v1 again and saves first; my edit of the recipe's input then conflicts.
    await send('PUT', `/api/workflows/${shots}`, uses(1, 'a vase'));
    const field = page.getByTestId('field-r1-inputs.subject');
    await field.click();
    await field.press('ControlOrMeta+a');
    await field.fill('a lamp');
    await page.getByTestId('save').click();
    await page.getByTestId('conflict-dialog').waitFor();
    const diff = await page.getByTestId('conflict-diff').textContent();
    expect(diff).toContain('Recipe r1 (“Product shot”)');
    expect(diff).toContain('input subject: “a vase” → “a lamp”');
    expect(diff).toContain('pinned version: v1 → v2');
    await page.getByTestId('conflict-theirs').click();
    await page.getByTestId('conflict-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('recipe-pin-r1').textContent(), POLL).toMatch(/v1/);
    expect(await page.getByTestId('field-r1-inputs.subject').inputValue()).toBe('a vase');
  });

  it('a closed tab leaves the presence list', async () => {
    await other.close({ runBeforeUnload: true });
    await expect.poll(() => h.page.getByTestId('presence-viewer').count(), POLL).toBe(0);
  });
});

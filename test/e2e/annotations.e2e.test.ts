/**
 * Sticky notes and groups: a person wraps two cards in a group (Ctrl+G) and names it, adds a
 * note from the palette and writes in it, drags the group by its title and sees its cards move
 * (and the card outside stay), undoes and redoes the drag as one step each, saves, reloads and
 * finds note, group and positions back; the shared view link shows them read-only.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickEmptyPane, nodeCard, openSavedWorkflow, waitForStillness } from './editor';
import { artefactPath } from './harness';
import { harnessForTests } from './harness-for-tests';

const POLL = { timeout: 40_000, interval: 200 };

const poster = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Annotated poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a lighthouse' } },
    { id: 'p2', type: 'prompt', position: { x: 0, y: 260 }, data: { text: 'at dusk' } },
    { id: 'g1', type: 'generate', position: { x: 520, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' },
    { id: 'e2', source: 'p2', sourceHandle: 'text', target: 'g1', targetHandle: 'context' },
  ],
  inputs: [],
};

type Doc = {
  nodes: { id: string; position: { x: number; y: number } }[];
  notes?: { id: string; text: string; color?: string; size?: { width: number; height: number } }[];
  groups?: { id: string; title: string; position: { x: number; y: number } }[];
};

const box = async (locator: Locator) => {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
};
const editorDoc = (page: Page): Promise<Doc> =>
  page.evaluate(() => {
    const atelier = (window as unknown as { __atelier: { useDocument: { getState(): Doc } } })
      .__atelier;
    const s = atelier.useDocument.getState();
    return JSON.parse(JSON.stringify({ nodes: s.nodes, notes: s.notes, groups: s.groups })) as Doc;
  });
const positionOf = async (page: Page, id: string) =>
  (await editorDoc(page)).nodes.find((n) => n.id === id)!.position;

describe('sticky notes and groups', { timeout: 300_000 }, () => {
  let id = '';
  const h = harnessForTests({}, async (h) => {
    id = await openSavedWorkflow(h, poster);
    await nodeCard(h.page, 'p2').waitFor();
  });

  it('groups the selection, names it, adds a note and writes in it', async () => {
    const page = h.page;
    await waitForStillness(page);
    await nodeCard(page, 'p1').locator('.node-header').click();
    await nodeCard(page, 'p2')
      .locator('.node-header')
      .click({ modifiers: ['Shift'] });
    await page.keyboard.press('ControlOrMeta+g');
    const title = page.locator('[data-testid^="group-title-editor-"]');
    await title.waitFor();
    await title.fill('Subject');
    await title.press('Enter');
    await expect.poll(async () => (await editorDoc(page)).groups?.[0]?.title, POLL).toBe('Subject');
    await expect
      .poll(() => page.locator('[data-testid^="group-title-"]').first().textContent())
      .toContain('Subject');

    await page.getByTestId('add-note').click();
    const editor = page.locator('[data-testid^="note-editor-"]');
    await editor.waitFor();
    await page.keyboard.type('Warm light: keep the lighthouse small');
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await editorDoc(page)).notes?.[0]?.text, POLL)
      .toBe('Warm light: keep the lighthouse small');
    await page.locator('[data-testid^="note-text-"]').waitFor();
    // Selected, the note takes a colour and resizes from its corner handle.
    const note = page.locator('[data-testid^="note-text-"]').first();
    await note.click();
    await page.locator('[data-testid^="note-colors-"] [aria-label="pink"]').click();
    await expect.poll(async () => (await editorDoc(page)).notes?.[0]?.color, POLL).toBe('pink');
    const corner = await box(
      page.locator('.annotation-note-node .react-flow__resize-control.bottom.right').first(),
    );
    const grip = { x: corner.x + corner.width / 2, y: corner.y + corner.height / 2 };
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + 40, grip.y + 30, { steps: 4 });
    await page.mouse.move(grip.x + 80, grip.y + 60, { steps: 4 });
    await page.mouse.up();
    await expect
      .poll(async () => (await editorDoc(page)).notes?.[0]?.size?.width ?? 0, POLL)
      .toBeGreaterThan(260);
    // Notes and groups stay out of the document's nodes.
    expect((await editorDoc(page)).nodes.map((n) => n.id).sort()).toEqual(['g1', 'p1', 'p2']);
    await clickEmptyPane(page);
    await h.screenshot('70-note-and-group');
  });

  it('dragging the group by its title moves its cards, not the one outside; undo and redo are one step each', async () => {
    const page = h.page;
    const before = {
      p1: await positionOf(page, 'p1'),
      p2: await positionOf(page, 'p2'),
      g1: await positionOf(page, 'g1'),
    };
    const cardBefore = await box(nodeCard(page, 'p1'));
    const handle = await box(page.locator('[data-testid^="group-title-"]').first());
    const start = { x: handle.x + 20, y: handle.y + handle.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y + 40, { steps: 6 });
    await page.mouse.move(start.x + 140, start.y + 100, { steps: 6 });
    await page.mouse.up();
    await waitForStillness(page);

    const after = {
      p1: await positionOf(page, 'p1'),
      p2: await positionOf(page, 'p2'),
      g1: await positionOf(page, 'g1'),
    };
    const dx = after.p1.x - before.p1.x;
    const dy = after.p1.y - before.p1.y;
    expect(dx).toBeGreaterThan(50);
    expect(dy).toBeGreaterThan(30);
    expect(after.p2).toEqual({ x: before.p2.x + dx, y: before.p2.y + dy });
    expect(after.g1).toEqual(before.g1);
    // On screen too: the card moved exactly as far as the group's title bar.
    const cardAfter = await box(nodeCard(page, 'p1'));
    const titleAfter = await box(page.locator('[data-testid^="group-title-"]').first());
    expect(Math.abs(cardAfter.x - cardBefore.x - (titleAfter.x - handle.x))).toBeLessThan(1.5);
    expect(Math.abs(cardAfter.y - cardBefore.y - (titleAfter.y - handle.y))).toBeLessThan(1.5);
    expect(cardAfter.x - cardBefore.x).toBeGreaterThan(100);
    await h.screenshot('71-group-dragged');

    await clickEmptyPane(page);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => positionOf(page, 'p1'), POLL).toEqual(before.p1);
    expect(await positionOf(page, 'p2')).toEqual(before.p2);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect.poll(() => positionOf(page, 'p1'), POLL).toEqual(after.p1);
    expect(await positionOf(page, 'p2')).toEqual(after.p2);
  });

  it('saves; a reload brings note, group and positions back; the shared view shows them', async () => {
    const page = h.page;
    const saved = await editorDoc(page);
    await clickEmptyPane(page);
    await page.keyboard.press('ControlOrMeta+s');
    const stored = async () => {
      const res = await fetch(`${h.server.url}/api/workflows/${id}`);
      return ((await res.json()) as { document: Doc }).document;
    };
    await expect
      .poll(async () => (await stored()).notes?.[0]?.text, POLL)
      .toBe('Warm light: keep the lighthouse small');
    expect((await stored()).groups?.[0]?.title).toBe('Subject');

    await page.reload();
    await nodeCard(page, 'p1').waitFor();
    await expect
      .poll(() => page.locator('[data-testid^="note-text-"]').first().textContent(), POLL)
      .toContain('keep the lighthouse small');
    await expect
      .poll(() => page.locator('[data-testid^="group-title-"]').first().textContent(), POLL)
      .toContain('Subject');
    const reloaded = await editorDoc(page);
    expect(reloaded.nodes.find((n) => n.id === 'p1')!.position).toEqual(
      saved.nodes.find((n) => n.id === 'p1')!.position,
    );
    expect(reloaded.groups?.[0]?.position).toEqual(saved.groups?.[0]?.position);
    await waitForStillness(page);
    await h.screenshot('72-after-reload');

    const link = (await (
      await fetch(`${h.server.url}/api/workflows/${id}/shares`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ access: 'view' }),
      })
    ).json()) as { url: string };
    const viewer = await h.context.newPage();
    await viewer.goto(link.url);
    await viewer.getByTestId('share-node').first().waitFor();
    await expect
      .poll(() => viewer.locator('[data-testid^="note-text-"]').first().textContent(), POLL)
      .toContain('keep the lighthouse small');
    await expect
      .poll(() => viewer.locator('[data-testid^="group-title-"]').first().textContent(), POLL)
      .toContain('Subject');
    await viewer.screenshot({ path: artefactPath('73-shared-view') });
    // Read-only: a double-click opens no editor.
    await viewer.locator('[data-testid^="note-text-"]').first().dispatchEvent('dblclick');
    await viewer.locator('[data-testid^="group-title-"]').first().dispatchEvent('dblclick');
    expect(await viewer.locator('[data-testid^="note-editor-"]').count()).toBe(0);
    expect(await viewer.locator('[data-testid^="group-title-editor-"]').count()).toBe(0);
    await viewer.close();
  });
});

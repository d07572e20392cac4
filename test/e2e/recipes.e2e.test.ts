/**
 * Recipes as nodes in a real Chromium against the real server: a designer names a recipe's
 * output on a port, saves it, uses it twice in another workflow from the palette, runs (and
 * watches progress inside the recipe nodes), drills into one, improves the recipe through
 * "Edit recipe", and upgrades one use while the other keeps the old version.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addNodeByKeyboard,
  cardBoxes,
  clickEmptyPane,
  connect,
  expectCount,
  edges,
  nodeCard,
  openEditor,
  overlapping,
  runAndWait,
  saveWorkflow,
} from './editor';
import { harnessForTests } from './harness-for-tests';

const POLL = { timeout: 60_000, interval: 100 } as const;

/** p1 (prompt, exposed as "subject") → g1 (generate): a recipe with no outputs yet. */
const productShot = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Product shot',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a ceramic cup on oak' } },
    { id: 'g1', type: 'generate', position: { x: 360, y: 0 }, data: { partial_images: 2 } },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
};

/** Opens a library workflow from the Library panel (discarding the canvas if it asks). */
const openFromLibrary = async (page: Page, id: string) => {
  await page.getByTestId('open-library').click();
  await page.getByTestId(`library-open-${id}`).click();
  const discard = page.getByTestId('confirm-dialog-confirm');
  await expect
    .poll(
      async () =>
        (await discard.isVisible()) || (await page.getByTestId('library-panel').count()) === 0,
      POLL,
    )
    .toBe(true);
  if (await discard.isVisible()) await discard.click();
  await expect.poll(() => page.getByTestId('library-panel').count(), POLL).toBe(0);
};

const saveNow = async (page: Page) => {
  await clickEmptyPane(page);
  await page.keyboard.press('Control+s');
  await expect.poll(() => page.getByTestId('save-state').textContent(), POLL).toMatch(/saved/);
};

describe('recipes used as nodes, in the browser', { timeout: 240_000 }, () => {
  let recipeId = '';
  let outerId = '';
  const uses: string[] = [];

  const h = harnessForTests({}, async (h) => {
    recipeId = await saveWorkflow(h, productShot);
    await openEditor(h.page, h.server.url);
  });

  it('names an output on a port and saves the recipe: its signature gives the output', async () => {
    const { page } = h;
    await expect(page.getByTestId(`palette-recipe-${recipeId}`).count()).resolves.toBe(0);
    await openFromLibrary(page, recipeId);
    await page.getByTestId('output-g1-image').click();
    await page.getByTestId('output-g1-image-name').fill('hero');
    await page.getByTestId('output-g1-image-confirm').click();
    await expect
      .poll(() => page.getByTestId('output-g1-image').textContent(), POLL)
      .toMatch(/hero/);
    await saveNow(page);
    const signature = (await (
      await fetch(`${h.server.url}/api/workflows/${recipeId}/signature`)
    ).json()) as { outputs: { name: string; kind: string }[] };
    expect(signature.outputs).toEqual([{ name: 'hero', kind: 'image', label: 'Image' }]);
    await h.screenshot('50-recipe-output-named');
  });

  it('uses the recipe twice in a new workflow, pinned to its version, with its input as port and field', async () => {
    const { page } = h;
    await page.getByTestId('new-workflow').click();
    const name = page.getByTestId('name-dialog-input');
    await name.fill('Two shots');
    await page.getByTestId('name-dialog-confirm').click();
    await expectCount(page.locator('.react-flow__node'), 0);
    // The recipe is no longer the open workflow: the palette offers it.
    await page.getByTestId(`palette-recipe-${recipeId}`).waitFor();
    for (const subject of ['a ceramic cup on oak', 'a glass teapot on slate']) {
      await clickEmptyPane(page);
      const before = await page.locator('[data-testid^="recipe-pin-"]').count();
      await page.getByTestId(`palette-recipe-${recipeId}`).click();
      await expectCount(page.locator('[data-testid^="recipe-pin-"]'), before + 1);
      const ids = await page
        .locator('.react-flow__node')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
      const id = ids.find((i) => !uses.includes(i))!;
      uses.push(id);
      await expect
        .poll(() => page.getByTestId(`recipe-pin-${id}`).textContent(), POLL)
        .toMatch(/v2/);
      await nodeCard(page, id).getByTestId(`port-in-subject`).waitFor();
      await nodeCard(page, id).getByTestId(`port-out-hero`).waitFor();
      const field = page.getByTestId(`field-${id}-inputs.subject`);
      await field.fill(subject);
    }
    await page.getByTestId('auto-layout').click();
    await saveNow(page);
    outerId = (await page.evaluate(async () => {
      const list = (await (await fetch('/api/workflows')).json()) as { id: string; name: string }[];
      return list.find((w) => w.name === 'Two shots')?.id ?? '';
    })) as string;
    expect(outerId).not.toBe('');
    await h.screenshot('51-recipe-used-twice');
  });

  it('runs both uses, showing the inner node working and its partial image inside the recipe node', async () => {
    const { page } = h;
    const [first] = uses;
    await page.evaluate((id) => {
      const seen: string[] = [];
      (window as unknown as { __innerPartials: string[] }).__innerPartials = seen;
      new MutationObserver(() => {
        const img = document.querySelector(`[data-testid="partial-image-${id}/g1"]`);
        const running = document.querySelector(`[data-testid="recipe-running-${id}"]`);
        if (img && !seen.includes('partial')) seen.push('partial');
        if (running && !seen.includes('running')) seen.push('running');
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    }, first);
    // Tidied: no two cards touch before the run; the outputs' area is already reserved.
    const before = await cardBoxes(page);
    expect(before.every((b) => b.height > 0)).toBe(true);
    expect(overlapping(before)).toEqual([]);
    for (const id of uses) await page.getByTestId(`recipe-slot-${id}-hero`).waitFor();
    const calls = h.apiCalls();
    expect(await runAndWait(page)).toBe('succeeded');
    // Two uses with different subjects: two image calls.
    expect(h.apiCalls() - calls).toBe(2);
    for (const id of uses) await page.getByTestId(`recipe-output-${id}-hero`).waitFor();
    // Outputs arrived inside the reserved area: no card grew, none lies on another.
    await expect
      .poll(async () => (await cardBoxes(page)).map((b) => b.height), POLL)
      .toEqual(before.map((b) => b.height));
    expect(overlapping(await cardBoxes(page))).toEqual([]);
    const seen = await page.evaluate(
      () => (window as unknown as { __innerPartials: string[] }).__innerPartials,
    );
    expect(seen).toContain('running');
    expect(seen).toContain('partial');
    for (const id of uses) await page.getByTestId(`recipe-output-${id}-hero`).waitFor();
    await h.screenshot('52-recipes-ran');
  });

  it('drills into a recipe node: the inner graph read-only, each inner node with its last run', async () => {
    const { page } = h;
    const [first] = uses;
    await page.getByTestId(`recipe-open-${first}`).click();
    const drill = page.getByTestId('recipe-drill');
    await drill.waitFor();
    await expect
      .poll(() => drill.getByTestId(`inner-status-${first}/g1`).textContent(), POLL)
      .toBe('succeeded');
    await drill.getByTestId(`inner-image-${first}/g1`).waitFor();
    await h.screenshot('53-recipe-drill-in');
    // Nothing inside can be moved or wired.
    await expect(drill.locator('.react-flow__node.draggable').count()).resolves.toBe(0);
  });

  it('improves the recipe through "Edit recipe": a new output, saved as a new version', async () => {
    const { page } = h;
    await page.getByTestId('recipe-edit').click();
    await expect
      .poll(() => page.getByTestId('workflow-name').inputValue(), POLL)
      .toBe('Product shot');
    await nodeCard(page, 'g1').waitFor();
    await page.getByTestId('output-g1-revised_prompt').click();
    await page.getByTestId('output-g1-revised_prompt-name').fill('caption');
    await page.getByTestId('output-g1-revised_prompt-confirm').click();
    await saveNow(page);
  });

  it('upgrades one use after seeing what changed; the other keeps its version; both run', async () => {
    const { page } = h;
    await openFromLibrary(page, outerId);
    const [first, second] = uses as [string, string];
    await page.getByTestId(`recipe-update-${first}`).waitFor();
    await page.getByTestId(`recipe-update-${second}`).waitFor();
    await page.getByTestId(`recipe-update-${first}`).click();
    const changes = page.getByTestId('recipe-upgrade-changes');
    await changes.waitFor();
    await expect(changes.textContent()).resolves.toMatch(/caption \(text\) added/);
    await h.screenshot('54-recipe-upgrade-dialog');
    await page.getByTestId('recipe-upgrade-apply').click();
    await expect
      .poll(() => page.getByTestId(`recipe-pin-${first}`).textContent(), POLL)
      .toMatch(/v3/);
    await expect(page.getByTestId(`recipe-pin-${second}`).textContent()).resolves.toMatch(/v2/);
    await nodeCard(page, first).getByTestId('port-out-caption').waitFor();
    await expect(nodeCard(page, second).getByTestId('port-out-caption').count()).resolves.toBe(0);
    // One undo step takes it back, and redo applies it again.
    await clickEmptyPane(page);
    await page.keyboard.press('Control+z');
    await expect
      .poll(() => page.getByTestId(`recipe-pin-${first}`).textContent(), POLL)
      .toMatch(/v2/);
    await page.keyboard.press('Control+Shift+z');
    await expect
      .poll(() => page.getByTestId(`recipe-pin-${first}`).textContent(), POLL)
      .toMatch(/v3/);
    await saveNow(page);
    const calls = h.apiCalls();
    expect(await runAndWait(page)).toBe('succeeded');
    // Same inner nodes and inputs as before in both versions: everything comes from the cache.
    expect(h.apiCalls() - calls).toBe(0);
    for (const id of uses) await page.getByTestId(`recipe-output-${id}-hero`).waitFor();
    await expectCount(edges(page), 0);
    await h.screenshot('55-recipe-upgraded-one-use');
  });

  it('a failed recipe run keeps its long error inside the card: clamped, whole text on hover', async () => {
    const { page } = h;
    const [, second] = uses as [string, string];
    const before = await cardBoxes(page);
    // The fake refuses the inner image ([sim:moderation]): a real failure with a long message.
    await page
      .getByTestId(`field-${second}-inputs.subject`)
      .fill('a glass teapot on slate [sim:moderation]');
    await clickEmptyPane(page);
    expect(await runAndWait(page)).toBe('failed');
    const error = page.getByTestId(`error-${second}`);
    await error.waitFor();
    await expect(error.getAttribute('title')).resolves.toMatch(/safety system/);
    // Inside the reserved results box, cut to its lines: the card did not grow.
    const inBox = await page
      .getByTestId(`recipe-results-${second}`)
      .evaluate(
        (box, id) => box.contains(document.querySelector(`[data-testid="error-${id}"]`)),
        second,
      );
    expect(inBox).toBe(true);
    const clamp = await error.locator('.node-error-text').evaluate((el) => ({
      scroll: el.scrollHeight,
      client: el.clientHeight,
    }));
    expect(clamp.scroll).toBeGreaterThan(clamp.client);
    await expect
      .poll(async () => (await cardBoxes(page)).map((b) => b.height), POLL)
      .toEqual(before.map((b) => b.height));
    expect(overlapping(await cardBoxes(page))).toEqual([]);
    await h.screenshot('57-recipe-error-clamped');
    // Back to the saved subject; the run's error toast dismissed for what follows.
    await page.getByTestId(`field-${second}-inputs.subject`).fill('a glass teapot on slate');
    for (const dismiss of await page.locator('.toast.error [aria-label="Dismiss"]').all())
      await dismiss.click();
    await expectCount(page.locator('.toast.error'), 0);
  });

  it('runs from the editor with wires into and out of a recipe node (its ports are its signature)', async () => {
    const { page } = h;
    const [first, second] = uses as [string, string];
    await clickEmptyPane(page);
    const edit = await addNodeByKeyboard(page, 'edit');
    await connect(page, { node: first, port: 'hero' }, { node: edit, port: 'image' });
    await page.getByTestId(`field-${edit}-instruction`).fill('make it dusk');
    await clickEmptyPane(page);
    const prompt = await addNodeByKeyboard(page, 'prompt');
    await page.getByTestId(`field-${prompt}-text`).fill('a brass kettle on felt');
    await connect(page, { node: prompt, port: 'text' }, { node: second, port: 'subject' });
    const calls = h.apiCalls();
    expect(await runAndWait(page)).toBe('succeeded');
    // Nothing refused the recipe's ports before sending; the new subject and the edit each
    // called the API once.
    await expectCount(page.getByTestId('import-errors'), 0);
    expect(h.apiCalls() - calls).toBe(2);
    await expect(nodeCard(page, edit).getAttribute('data-status')).resolves.toBe('succeeded');
    await h.screenshot('55b-recipe-wired-run');
  });

  it('deleting the recipe warns and lists who uses it; cancel keeps it, confirm deletes it', async () => {
    const { page } = h;
    const askDelete = async () => {
      await page.getByTestId(`library-delete-${recipeId}`).click();
      await page.getByTestId('confirm-dialog-confirm').click();
      await page.getByTestId('delete-in-use').waitFor();
    };
    await page.getByTestId('open-library').click();
    await askDelete();
    const user = page.getByTestId(`delete-in-use-item-${outerId}`);
    await expect(user.textContent()).resolves.toBe('Two shots 2 recipe nodes, pinned to v2 and v3');
    await expect(page.getByTestId('delete-in-use-items').locator('li').count()).resolves.toBe(1);
    await h.screenshot('56-recipe-delete-in-use');
    await page.getByTestId('delete-in-use-cancel').click();
    await expectCount(page.getByTestId('delete-in-use'), 0);
    // Cancelled: still in the library, and nothing went wrong.
    await page.getByTestId(`library-item-${recipeId}`).waitFor();
    await expect(page.locator('.toast.error').count()).resolves.toBe(0);
    expect((await fetch(`${h.server.url}/api/workflows/${recipeId}`)).status).toBe(200);

    await askDelete();
    await page.getByTestId('delete-in-use-confirm').click();
    await expectCount(page.getByTestId(`library-item-${recipeId}`), 0);
    expect((await fetch(`${h.server.url}/api/workflows/${recipeId}`)).status).toBe(404);
    await expect(page.locator('.toast.error').count()).resolves.toBe(0);
  });
});

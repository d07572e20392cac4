/**
 * Three people on one team server (ATELIER_AUTH=accounts), each in their own browser context:
 * the owner signs up and invites an editor and a viewer by copied links; they join with those
 * roles. The editor saves and runs a recipe twice, compares the two runs and comments on an
 * output; the viewer sees everything read-only (no editing, saving or running — the server
 * refuses too) and answers the comment; the owner sees who changed what, restores the first
 * version and reads the audit log. A runner, invited too, runs the saved recipe from the editor
 * and can change nothing in it.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { clickToolbar, nodeCard, openToolbarMore, runAndWait } from './editor';
import { artefactPath, newBrowserContext } from './harness';
import { harnessForTests } from './harness-for-tests';

const POLL = { timeout: 60_000, interval: 250 };
const PASSWORD = 'a long enough password';

/** What the page's own session may do over HTTP (its cookie goes along). */
const callAs = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ([m, p, b]) => {
      const res = await fetch(p as string, {
        method: m as string,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
    },
    [method, path, body] as const,
  );

const signUp = async (page: Page, name: string, email: string) => {
  await page.getByTestId('auth-form').waitFor();
  if ((await page.getByTestId('auth-name').count()) === 0)
    await page.getByTestId('auth-tab-sign-up').click();
  await page.getByTestId('auth-name').fill(name);
  await page.getByTestId('auth-email').fill(email);
  await page.getByTestId('auth-password').fill(PASSWORD);
  await page.getByTestId('auth-submit').click();
};

/**
 * Clicks Run and waits for THAT run to succeed. (Waiting on the Run button and generate_1's
 * status alone passed at once on the previous run's "succeeded", so under load the test went
 * on while the new run was still going: its output did not exist yet to comment on.)
 */
const runToSuccess = async (page: Page) => {
  expect(await runAndWait(page)).toBe('succeeded');
  expect(await nodeCard(page, 'generate_1').getAttribute('data-status')).toBe('succeeded');
};

describe('three people on one team server', { timeout: 300_000 }, () => {
  let owner: Page;
  let editor: Page;
  let viewer: Page;
  let runner: Page;
  const contexts: BrowserContext[] = [];
  const links: Record<'editor' | 'viewer' | 'runner', string> = {
    editor: '',
    viewer: '',
    runner: '',
  };
  let workflowId = '';
  let runs: string[] = [];
  const h = harnessForTests({ env: { ATELIER_AUTH: 'accounts' } }, async (h) => {
    owner = h.page;
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: h.server.url,
    });
    for (let i = 0; i < 3; i++) {
      const context = await newBrowserContext(h.browser, {
        viewport: { width: 1600, height: 1000 },
      });
      contexts.push(context);
    }
    editor = await contexts[0]!.newPage();
    viewer = await contexts[1]!.newPage();
    runner = await contexts[2]!.newPage();
    for (const page of [editor, viewer, runner]) page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
  });

  it('the owner signs up first, and invites an editor, a viewer and a runner by copied links', async () => {
    await owner.goto(h.server.url);
    await owner.getByTestId('auth-form').waitFor();
    await h.screenshot('01-sign-in');
    await signUp(owner, 'Olivia Owner', 'olivia@studio.test');
    await owner.getByTestId('canvas').waitFor();
    expect(await owner.getByTestId('signed-in-as').textContent()).toBe('Olivia');
    expect(await owner.getByTestId('my-role').textContent()).toBe('owner');

    await owner.getByTestId('account-menu').click();
    await owner.getByTestId('open-team').click();
    await owner.getByTestId('team-panel').waitFor();
    for (const [role, email] of [
      ['editor', 'ed@studio.test'],
      ['viewer', 'vi@studio.test'],
      ['runner', 'ru@studio.test'],
    ] as const) {
      await owner.getByTestId('invite-email').fill(email);
      await owner.getByTestId('invite-role').selectOption(role);
      await owner.getByTestId('invite-submit').click();
      const row = owner.locator(`[data-testid="invitation-row"][data-email="${email}"]`);
      await row.waitFor();
      await expect
        .poll(() => row.getByTestId('invitation-copy').textContent(), POLL)
        .toBe('Copied');
      // What an admin pastes into a chat: the clipboard holds the invitation link.
      links[role] = await owner.evaluate(() => navigator.clipboard.readText());
      expect(links[role]).toBe(await row.getByTestId('invitation-link').inputValue());
      expect(links[role]).toMatch(/\/invite\/[\w-]+$/);
    }
    await h.screenshot('02-team-panel-invitations');
    await owner.getByTestId('team-close').click();
  });

  it('the editor, the viewer and the runner open their links, create accounts and join with those roles', async () => {
    for (const [page, role, name, email] of [
      [editor, 'editor', 'Ed Editor', 'ed@studio.test'],
      [viewer, 'viewer', 'Vi Viewer', 'vi@studio.test'],
      [runner, 'runner', 'Ru Runner', 'ru@studio.test'],
    ] as const) {
      await page.goto(links[role]);
      await signUp(page, name, email);
      await page.getByTestId('invitation-details').waitFor();
      expect(await page.getByTestId('invitation-details').textContent()).toContain(
        `olivia@studio.test invited ${email} as ${role}`,
      );
      if (role === 'editor') await page.screenshot({ path: artefactPath('03-invitation') });
      await page.getByTestId('accept-invitation').click();
      await page.getByTestId('canvas').waitFor();
      expect(await page.getByTestId('my-role').textContent()).toBe(role);
    }
  });

  it('the editor saves and runs a recipe twice, compares the runs and comments on an output', async () => {
    await editor.getByTestId('workflow-name').fill('Lighthouse poster');
    await editor.getByTestId('save').click();
    await expect
      .poll(() => editor.getByTestId('save-state').textContent(), POLL)
      .toBe('v1 · saved');
    await runToSuccess(editor);

    const prompt = editor.getByTestId('field-prompt_1-text');
    await prompt.click();
    await prompt.press('ControlOrMeta+a');
    await prompt.fill('A lighthouse at night, neon');
    await editor.getByTestId('save').click();
    await expect
      .poll(() => editor.getByTestId('save-state').textContent(), POLL)
      .toBe('v2 · saved');
    await runToSuccess(editor);

    const library = await callAs(editor, 'GET', '/api/workflows');
    workflowId = (library.body as { id: string }[])[0]!.id;
    const listed = await callAs(editor, 'GET', `/api/runs?workflowId=${workflowId}`);
    runs = (listed.body as { id: string; createdAt: number }[])
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((r) => r.id);
    expect(runs).toHaveLength(2);
    for (const id of runs)
      expect((await callAs(editor, 'GET', `/api/runs/${id}`)).body).toMatchObject({
        startedBy: { name: 'Ed Editor' },
      });

    await editor.goto(`${h.server.url}/#/compare/${runs[0]}/${runs[1]}`);
    await editor.getByTestId('compare-view').waitFor();
    await editor.getByTestId('compare-node-prompt_1').waitFor();
    expect(await editor.getByTestId('compare-view').textContent()).toContain(
      'A lighthouse at night, neon',
    );
    await editor.screenshot({ path: artefactPath('04-editor-compares-runs') });

    await editor.goto(`${h.server.url}/#/output/${runs[1]}/generate_1`);
    // A hash change alone keeps the compare view's page: load the output view afresh.
    await editor.reload();
    await editor.locator('[data-testid="threads"][data-loaded="true"]').waitFor();
    await expect.poll(() => editor.getByTestId('comment').count(), POLL).toBe(0);
    await editor.getByTestId('comment-text').fill('@Vi is the sky dark enough?');
    await editor.getByTestId('comment-send').click();
    await expect
      .poll(() => editor.getByTestId('comment').allTextContents(), POLL)
      .toEqual([expect.stringContaining('is the sky dark enough?')]);
  });

  it('the viewer sees the recipe read-only: no editing, saving or running, and the server agrees', async () => {
    await viewer.goto(`${h.server.url}/?open=${workflowId}`);
    await viewer.getByTestId('canvas').waitFor();
    await expect
      .poll(() => viewer.getByTestId('field-prompt_1-text').inputValue(), POLL)
      .toBe('A lighthouse at night, neon');
    expect(await viewer.getByTestId('canvas').getAttribute('data-read-only')).toBe('true');
    expect(await viewer.getByTestId('field-prompt_1-text').isDisabled()).toBe(true);
    await viewer.getByTestId('palette-read-only').waitFor();
    await openToolbarMore(viewer); // the narrower bar keeps some of these in More
    for (const control of ['save', 'save-as-top', 'share', 'import', 'auto-layout']) {
      expect(await viewer.getByTestId(control).isDisabled(), control).toBe(true);
      expect(await viewer.getByTestId(control).getAttribute('title')).toMatch(
        /Your role \(viewer\) cannot edit, save or share/,
      );
    }
    for (const control of ['run', 'open-batch', 'run-to-generate_1']) {
      expect(await viewer.getByTestId(control).isDisabled(), control).toBe(true);
      expect(await viewer.getByTestId(control).getAttribute('title')).toMatch(
        /Your role \(viewer\) cannot run recipes/,
      );
    }
    await viewer.keyboard.press('Escape');
    // A card cannot be dragged away either (the drag pans the view; the document is unchanged).
    const positionOf = () =>
      viewer.evaluate(
        () =>
          (
            window as unknown as {
              __atelier: {
                useDocument: {
                  getState(): { nodes: { id: string; position: { x: number; y: number } }[] };
                };
              };
            }
          ).__atelier.useDocument
            .getState()
            .nodes.find((n) => n.id === 'generate_1')!.position,
      );
    const card = nodeCard(viewer, 'generate_1');
    const before = await positionOf();
    const box = (await card.locator('.node-header').boundingBox())!;
    await viewer.mouse.move(box.x + 20, box.y + box.height / 2);
    await viewer.mouse.down();
    await viewer.mouse.move(box.x + 220, box.y + 150, { steps: 5 });
    await viewer.mouse.up();
    expect(await positionOf()).toEqual(before);
    expect(await viewer.getByTestId('save-state').textContent()).toBe('v2 · saved');
    await viewer.screenshot({ path: artefactPath('05-viewer-read-only') });

    // What the page does not offer, the server refuses anyway.
    expect((await callAs(viewer, 'POST', '/api/runs', { workflowId })).status).toBe(403);
    const saved = await callAs(viewer, 'GET', `/api/workflows/${workflowId}`);
    const doc = (saved.body as { document: unknown }).document;
    expect((await callAs(viewer, 'PUT', `/api/workflows/${workflowId}`, doc)).status).toBe(403);
  });

  it('the runner runs the saved recipe from the editor, and can change nothing in it', async () => {
    await runner.goto(`${h.server.url}/?open=${workflowId}`);
    await runner.getByTestId('canvas').waitFor();
    await expect
      .poll(() => runner.getByTestId('field-prompt_1-text').inputValue(), POLL)
      .toBe('A lighthouse at night, neon');
    expect(await runner.getByTestId('field-prompt_1-text').isDisabled()).toBe(true);
    for (const control of ['save', 'auto-layout']) {
      expect(await runner.getByTestId(control).isDisabled(), control).toBe(true);
      expect(await runner.getByTestId(control).getAttribute('title')).toMatch(
        /Your role \(runner\) cannot edit/,
      );
    }
    expect(await runner.getByTestId('run').isDisabled()).toBe(false);
    await runToSuccess(runner);
    await runner.screenshot({ path: artefactPath('05b-runner-ran') });
    const listed = await callAs(runner, 'GET', `/api/runs?workflowId=${workflowId}`);
    const mine = (listed.body as { id: string; startedBy?: { name: string } }[]).filter(
      (r) => r.startedBy?.name === 'Ru Runner',
    );
    expect(mine).toHaveLength(1);

    // A document of the runner's own, or a save, is an edit: the server refuses both.
    const saved = await callAs(runner, 'GET', `/api/workflows/${workflowId}`);
    const doc = (saved.body as { document: unknown }).document;
    expect((await callAs(runner, 'POST', '/api/runs', { workflow: doc })).status).toBe(403);
    expect((await callAs(runner, 'PUT', `/api/workflows/${workflowId}`, doc)).status).toBe(403);
  });

  it('the viewer answers the editor’s comment on the output, and the editor reads it', async () => {
    await viewer.goto(`${h.server.url}/#/output/${runs[1]}/generate_1`);
    await viewer.getByTestId('output-view').waitFor();
    await expect
      .poll(() => viewer.getByTestId('comment').allTextContents(), POLL)
      .toEqual([expect.stringContaining('is the sky dark enough?')]);
    await viewer.getByTestId('reply-text').fill('Darker would read better at thumbnail size.');
    await viewer.getByTestId('reply-send').click();
    await expect.poll(() => viewer.getByTestId('comment').count(), POLL).toBe(2);
    await viewer.screenshot({ path: artefactPath('06-viewer-answers') });

    await editor.reload();
    await editor.getByTestId('output-view').waitFor();
    await expect
      .poll(() => editor.getByTestId('comment').allTextContents(), POLL)
      .toEqual([
        expect.stringContaining('Ed Editor'),
        expect.stringMatching(/Vi Viewer.*Darker would read better/),
      ]);
  });

  it('the owner sees who changed what, restores the first version, and reads the audit log', async () => {
    await owner.goto(`${h.server.url}/?open=${workflowId}`);
    await owner.getByTestId('canvas').waitFor();
    await clickToolbar(owner, 'open-library');
    const item = owner.getByTestId(`library-open-${workflowId}`);
    await item.waitFor();
    expect(await item.textContent()).toContain('v2 · Ed Editor');

    await clickToolbar(owner, 'open-versions');
    await owner.getByTestId('version-2').waitFor();
    expect(await owner.getByTestId('version-author-2').textContent()).toBe('Ed Editor');
    expect(await owner.getByTestId('version-author-1').textContent()).toBe('Ed Editor');
    await owner.getByTestId('version-restore-1').click();
    await owner.getByTestId('confirm-dialog-confirm').click();
    await owner.getByTestId('version-3').waitFor();
    expect(await owner.getByTestId('version-author-3').textContent()).toBe('Olivia Owner');
    await expect.poll(() => owner.getByTestId('save-state').textContent(), POLL).toBe('v3 · saved');
    expect(await owner.getByTestId('field-prompt_1-text').inputValue()).not.toBe(
      'A lighthouse at night, neon',
    );
    await h.screenshot('07-owner-restores');

    await owner.getByTestId('account-menu').click();
    await owner.getByTestId('open-team').click();
    await owner.getByTestId('team-tab-audit').click();
    await owner.getByTestId('audit-row').first().waitFor();
    const actions = await owner
      .getByTestId('audit-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    for (const action of ['sign_up', 'invitation.created', 'invitation.accepted'])
      expect(actions).toContain(action);
    await h.screenshot('08-audit-log');
  });
});

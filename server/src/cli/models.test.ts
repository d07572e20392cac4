import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-cli-models-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = async (argv: string[], env: Record<string, string> = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (line) => (stderr += `${line}\n`),
    env: { ATELIER_DATA_DIR: join(dir, 'data'), ATELIER_PROVIDER: 'simulator', ...env },
    cwd: dir,
    userCwd: dir,
  });
  return { code, stdout, stderr };
};

const recipe = (data: Record<string, unknown>) => {
  const file = join(dir, `recipe-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      format: 'atelier.workflow',
      version: 1,
      name: 'Teapot',
      nodes: [
        { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'A teapot' } },
        { id: 'hero', type: 'generate', position: { x: 300, y: 0 }, data },
      ],
      edges: [
        { id: 'e', source: 'p', sourceHandle: 'text', target: 'hero', targetHandle: 'prompt' },
      ],
    }),
  );
  return file;
};

describe('atelier run and models', { timeout: 30_000 }, () => {
  it('exits 2 before any call for a node naming a shut-down model, naming the replacement', async () => {
    const { code, stderr } = await cli(['run', recipe({ image_model: 'gpt-image-1.5' }), '--json']);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'nodes[1].data.image_model: hero: gpt-image-1.5 was shut down by OpenAI on 2026-12-01; switch to gpt-image-2.6-sunburst',
    );
  });

  it('exits 2 when the configured default image model is shut down, and says which variable', async () => {
    const { code, stderr } = await cli(['run', recipe({}), '--json'], {
      ATELIER_IMAGE_MODEL: 'gpt-image-1',
    });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'the default image model (ATELIER_IMAGE_MODEL) gpt-image-1 was shut down',
    );
  });

  it('runs on the live defaults and reports the exact cost (no ≈) from tool_usage', async () => {
    const { code, stdout, stderr } = await cli([
      'run',
      recipe({ size: '1024x1024', quality: 'low', partial_images: 0 }),
      '--json',
      '--out',
      join(dir, 'out'),
    ]);
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(stdout) as { cost: number; costEstimated: boolean };
    expect(summary.costEstimated).toBe(false);
    expect(summary.cost).toBeGreaterThan(0);
    expect(stderr).not.toContain('≈');
  });
});

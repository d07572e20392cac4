import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-harness';
import { ROOT, removeDir, tempDir } from './run-service-harness';

let dir: string;
beforeAll(() => {
  dir = tempDir('atelier-cli-');
});
afterAll(() => removeDir(dir));
const data = () => join(dir, 'data');

describe('atelier CLI', () => {
  it('prints help with the run syntax', async () => {
    const { code, stdout } = await runCli(['--help'], data());
    expect(code).toBe(0);
    expect(stdout).toMatch(/atelier run <workflow\.json> \[--set name=value\]/);
  });

  it('exits 2 on an unknown option, naming it', async () => {
    const { code, stderr } = await runCli(['run', 'examples/edit-chain.json', '--colour'], data());
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown option "--colour"/);
  });

  it('reports every bad input at once with its path, and runs nothing', async () => {
    const { code, stderr } = await runCli(
      [
        'run',
        'examples/masked-background-swap.json',
        '--set',
        'colour=red',
        '--set',
        'photo=@nowhere.png',
        '--set',
        'mask=plain text',
      ],
      data(),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/inputs\.photo: cannot read the file .*nowhere\.png \[file_not_found\]/);
    expect(stderr).toMatch(/inputs\.mask: .*pass a file: --set mask=@/);
    expect(stderr).toMatch(/inputs\.colour: .*no input named "colour".*\[unknown_input\]/);
  });

  it('refuses a mask that is not a PNG', async () => {
    const jpeg = join(dir, 'mask.jpg');
    const sharp = (await import('sharp')).default;
    await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#fff' } })
      .jpeg()
      .toFile(jpeg);
    const { code, stderr } = await runCli(
      [
        'run',
        'examples/masked-background-swap.json',
        '--set',
        'photo=@examples/assets/product.png',
        '--set',
        `mask=@${jpeg}`,
      ],
      data(),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/inputs\.mask: a mask must be a PNG.*\[invalid_mask\]/);
  });

  it('names the path of a document problem', async () => {
    const broken = JSON.parse(readFileSync(join(ROOT, 'examples/edit-chain.json'), 'utf8'));
    broken.nodes[1].data.quality = 'ultra';
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const { code, stderr } = await runCli(['run', file], data());
    expect(code).toBe(2);
    expect(stderr).toMatch(/nodes\[1\]\.data\.quality/);
  });

  it('resolves paths from where the user ran the command (INIT_CWD)', async () => {
    const userDir = join(dir, 'user');
    mkdirSync(userDir);
    copyFileSync(join(ROOT, 'examples/edit-chain.json'), join(userDir, 'recipe.json'));
    const { code, stderr } = await runCli(
      ['run', 'recipe.json', '--target', 'draft', '--out', 'here'],
      data(),
      userDir,
    );
    expect(code, stderr).toBe(0);
    expect(readFileSync(join(userDir, 'here', 'draft.png')).length).toBeGreaterThan(0);
  });

  it('lists a recipe’s inputs and how to set them', async () => {
    const { code, stdout } = await runCli(['inputs', 'examples/product-variants.json'], data());
    expect(code).toBe(0);
    expect(stdout).toMatch(/product_photo\s+image.*--set product_photo=@file\.png/);
    expect(stdout).toMatch(/scene\s+text/);
  });
});

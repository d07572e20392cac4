import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKFLOW = join(ROOT, 'examples/edit-chain.json'); // text inputs: subject, first_edit, …

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-cli-set-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** main() in process on the simulator, with its own database; --target subject runs no API call. */
const run = async (...args: string[]) =>
  cli(['run', WORKFLOW, '--target', 'subject', '--json', ...args]);

const cli = async (argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (line) => (stderr += `${line}\n`),
    env: { ATELIER_DATA_DIR: join(dir, 'data'), ATELIER_PROVIDER: 'simulator' },
    cwd: dir,
    userCwd: dir,
  });
  return { code, stdout, stderr };
};

const file = (name: string, bytes: Buffer | string): string => {
  writeFileSync(join(dir, name), bytes);
  return name;
};

describe('--set name=@file on a text input', () => {
  it('refuses an image file, naming the input, the file and its type', async () => {
    const photo = await sharp({
      create: { width: 32, height: 32, channels: 3, background: '#c33' },
    })
      .jpeg()
      .toBuffer();
    const { code, stderr, stdout } = await run('--set', `subject=@${file('photo.jpg', photo)}`);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `inputs.subject: ${join(dir, 'photo.jpg')} is a binary file (image/jpeg?) but "subject" is a text input`,
    );
    expect(stderr).toContain('[not_text]');
  });

  it('refuses a file with NUL bytes, and one that is not UTF-8', async () => {
    const nul = await run('--set', `subject=@${file('nul.bin', Buffer.from('abc\0def'))}`);
    expect(nul.code).toBe(2);
    expect(nul.stderr).toMatch(/nul\.bin is a binary file \(it contains NUL bytes\) but "subject"/);
    const latin1 = await run(
      '--set',
      `subject=@${file('latin1.txt', Buffer.from('caf\xe9 au lait', 'latin1'))}`,
    );
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toMatch(/latin1\.txt is not UTF-8 text but "subject" is a text input/);
  });

  it('takes a UTF-8 text file (BOM and trailing newline dropped)', async () => {
    const text = file('subject.txt', '\ufeffA café on the ☾ side of town\n');
    const { code, stdout, stderr } = await run('--set', `subject=@${text}`);
    expect(code, stderr).toBe(0);
    const summary = JSON.parse(stdout) as { nodes: { subject: { outputs: { text: string } } } };
    expect(summary.nodes.subject.outputs.text).toBe('A café on the ☾ side of town');
  });
});

describe('--set given twice for one input', () => {
  it('exits 2 instead of silently keeping the last value', async () => {
    const { code, stderr } = await run('--set', 'subject=a fox', '--set', 'subject=a hare');
    expect(code).toBe(2);
    expect(stderr).toContain(
      'inputs.subject: input "subject" is set twice (--set subject="a fox", then --set subject="a hare"); pass it once [duplicate_input]',
    );
  });
});

describe('--set mask=@file', { timeout: 30_000 }, () => {
  it('refuses a PNG mask of 4 MB or more before any API call', async () => {
    const width = 1100;
    const height = 1000;
    const noise = Buffer.alloc(width * height * 4);
    let x = 7;
    for (let i = 0; i < noise.length; i += 1) {
      x = (x * 1103515245 + 12345) >>> 0;
      noise[i] = i % 4 === 3 ? ((x >>> 24) & 1) * 255 : x >>> 24;
    }
    const big = await sharp(noise, { raw: { width, height, channels: 4 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(big.length).toBeGreaterThanOrEqual(4 * 1024 * 1024);
    const { code, stderr } = await cli([
      'run',
      join(ROOT, 'examples/masked-background-swap.json'),
      '--set',
      `photo=@${join(ROOT, 'examples/assets/product.png')}`,
      '--set',
      `mask=@${file('big-mask.png', big)}`,
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /inputs\.mask: .*big-mask\.png is 4\.\d MB; the API takes masks of less than 4 MB.*\[mask_too_large\]/,
    );
  });
});

describe('--set image=@file', { timeout: 30_000 }, () => {
  it('refuses a cut-off image before any API call, as an upload would be', async () => {
    const photo = await sharp(join(ROOT, 'examples/assets/product.png')).png().toBuffer();
    const cut = file('cut.png', photo.subarray(0, Math.floor(photo.length / 2)));
    const { code, stderr } = await cli([
      'run',
      join(ROOT, 'examples/product-variants.json'),
      '--set',
      `product_photo=@${cut}`,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(`inputs.product_photo: ${join(dir, 'cut.png')}:`);
    expect(stderr).toContain('[invalid_image]');
  });
});

describe('--set with an input name the workflow lacks', () => {
  it('names even __proto__ as an unknown input instead of dropping it', async () => {
    const { code, stderr } = await run('--set', '__proto__=x');
    expect(code).toBe(2);
    expect(stderr).toContain('[unknown_input]');
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EDIT_CHAIN = join(ROOT, 'examples/edit-chain.json');
const MASKED = join(ROOT, 'examples/masked-background-swap.json');
const PHOTO = join(ROOT, 'examples/assets/product.png');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-cli-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** main() in process on the simulator; `data` is the data folder (ATELIER_DATA_DIR). */
const cli = async (argv: string[], data = join(dir, 'data')) => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (line) => (stderr += `${line}\n`),
    env: { ATELIER_DATA_DIR: data, ATELIER_PROVIDER: 'simulator' },
    cwd: dir,
    userCwd: dir,
  });
  return { code, stdout, stderr };
};

describe('atelier run with hostile or broken surroundings', { timeout: 30_000 }, () => {
  it('refuses a workflow nested 5,000 levels deep with exit 2 and the path', async () => {
    const text = JSON.stringify({
      format: 'atelier.workflow',
      version: 1,
      nodes: [{ id: 'p1', type: 'prompt', data: { text: 'x' }, view: { deep: 'DEEP' } }],
    }).replace('"DEEP"', `${'['.repeat(5000)}1${']'.repeat(5000)}`);
    writeFileSync(join(dir, 'deep.json'), text);
    const { code, stderr } = await cli(['run', 'deep.json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nodes\[0\]\.view\.deep\[0\]\[0\].*nested more than 64 levels deep/);
    expect(stderr).toContain('[too_deep]');
  });

  it('refuses --out under a file with exit 2 before anything runs or is recorded', async () => {
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const data = join(dir, 'data-out');
    const { code, stderr } = await cli(
      ['run', EDIT_CHAIN, '--set', 'subject=A lighthouse', '--out', 'a-file/results'],
      data,
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      `--out ${join(dir, 'a-file/results')} cannot be made: ${join(dir, 'a-file')} is a file, not a folder`,
    );
    // Checked before the database was even opened: no run, no API call.
    expect(existsSync(join(data, 'atelier.db'))).toBe(false);
  });

  it('says what is wrong and where when the data folder is under a file', async () => {
    const { code, stderr } = await cli(
      ['run', EDIT_CHAIN, '--target', 'subject'],
      join(dir, 'a-file/data'),
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /Cannot use the data folder .*a-file\/data \(ATELIER_DATA_DIR\): .*a-file.* is a file, not a folder/,
    );
    expect(stderr).not.toMatch(/ENOTDIR|EEXIST/);
  });

  it('says the database is not one (or damaged) instead of a raw SQLite error', async () => {
    const data = join(dir, 'data-corrupt');
    mkdirSync(data);
    writeFileSync(join(data, 'atelier.db'), 'this is not a database, just text '.repeat(200));
    const { code, stderr } = await cli(['run', EDIT_CHAIN, '--target', 'subject'], data);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `${join(data, 'atelier.db')} is not an Atelier database, or it is damaged`,
    );
    expect(stderr).toContain('[database_unusable]');
  });

  it('refuses a mask without alpha with exit 2 before the run', async () => {
    const opaque = await sharp({
      create: { width: 1024, height: 1024, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    writeFileSync(join(dir, 'opaque-mask.png'), opaque);
    const data = join(dir, 'data-mask');
    const { code, stderr } = await cli(
      ['run', MASKED, '--set', `photo=@${PHOTO}`, '--set', 'mask=@opaque-mask.png'],
      data,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/inputs\.mask: .*opaque-mask\.png has no alpha channel/);
    expect(stderr).toContain('[invalid_mask]');
  });
});

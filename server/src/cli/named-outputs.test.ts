import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atelier-cli-outputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'Poster',
  nodes: [
    { id: 'p1', type: 'prompt', data: { text: 'a lighthouse' } },
    { id: 'g1', type: 'generate', data: { size: '1024x1024', quality: 'low' } },
  ],
  edges: [{ id: 'e1', source: 'p1', sourceHandle: 'text', target: 'g1', targetHandle: 'prompt' }],
  inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
  outputs: [
    { name: 'poster', node: 'g1', port: 'image' },
    { name: 'brief', node: 'p1', port: 'text' },
  ],
};

describe('atelier run with named outputs', { timeout: 30_000 }, () => {
  it('prints outputs by name with --json and writes files named after them', async () => {
    writeFileSync(join(dir, 'poster.json'), JSON.stringify(workflow));
    let stdout = '';
    const code = await main(
      ['run', 'poster.json', '--set', 'subject=a red fox', '--out', 'out', '--json'],
      {
        stdout: (text) => (stdout += `${text}\n`),
        stderr: () => {},
        env: { ATELIER_DATA_DIR: join(dir, 'data'), ATELIER_PROVIDER: 'simulator' },
        cwd: dir,
        userCwd: dir,
      },
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      outputs: { poster: { blob: string; mime: string }; brief: string };
      files: string[];
    };
    expect(result.outputs.brief).toBe('a red fox');
    expect(result.outputs.poster.mime).toBe('image/png');
    expect(result.files).toContain(join(dir, 'out', 'poster.png'));
    expect(readFileSync(join(dir, 'out', 'brief.txt'), 'utf8')).toBe('a red fox\n');
    const png = readFileSync(join(dir, 'out', 'poster.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
// `--import tsx` resolves from the working directory: the repository root has tsx.
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the command line', () => {
  it('starts the fake, prints its base URL and serves the SDK', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, '--port', '0', '--latency-event', '1'],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: root },
    );
    try {
      const baseURL = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]!);
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
      });
      expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const client = new OpenAI({ apiKey: 'sk-test', baseURL, maxRetries: 0 });
      const response = await client.responses.create({ model: 'gpt-6.1-sol', input: 'hello' });
      expect(response.status).toBe('completed');
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);

  for (const args of [
    ['--rate-limit', 'often'],
    ['--rate-limit', 'every:0'],
    ['--cut', 'first:0'],
    ['--stall', '0'],
  ]) {
    it(`exits 2 with a usage error on ${args.join(' ')} instead of starting`, async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: root,
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      // Either it exits, or it prints its base URL (it started, ignoring the flag).
      const outcome = await new Promise<string>((resolve) => {
        child.stdout.once('data', () => resolve('started'));
        child.once('exit', (code) => resolve(`exit ${code}`));
      });
      if (outcome === 'started') child.kill('SIGTERM');
      expect(outcome).toBe('exit 2');
      expect(err).toContain(`fake-openai: ${args[0]}`);
      expect(err).toContain('--help');
    }, 30_000);
  }
});

/**
 * `atelier batch --server` writes its files and manifest only once no row is in flight. Here a
 * second server on the same data folder pauses the batch while the CLI's server is still
 * running a row (a pause cancels only the runs of the process it reaches), so the batch reads
 * `paused` with a row running: the CLI must wait for that row and report it as it settled.
 */
import { createServer, request, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/src/batches/batch-rows';
import { main } from '../../server/src/cli/main';
import type { ChildServer, InProcessServer } from './server-helpers';
import { posterWorkflow, postJson, startInProcess, useServerProcesses } from './server-helpers';

const HOLD = 'held back by the test';
const servers = useServerProcesses({ prefix: 'atelier-cli-batch-wait-' });

/**
 * The fake Responses API behind a gate: a request whose body names HOLD waits until the test
 * opens the gate, then goes through to the fake as it came.
 */
let gate: Server;
let gateURL: string;
let heldArrived!: () => void;
const held = new Promise<void>((resolve) => (heldArrived = resolve));
let open!: () => void;
const opened = new Promise<void>((resolve) => (open = resolve));

beforeAll(async () => {
  const upstream = new URL(servers.fake.baseURL);
  gate = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = () => {
        const out = request(
          {
            host: upstream.hostname,
            port: upstream.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on('error', () => res.destroy());
        out.end(body);
      };
      if (body.includes(HOLD)) {
        heldArrived();
        void opened.then(forward);
      } else forward();
    });
  });
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
  const { port } = gate.address() as { port: number };
  gateURL = `http://127.0.0.1:${port}/v1`;
});
afterAll(async () => {
  open();
  gate.closeAllConnections();
  await new Promise((resolve) => gate.close(resolve));
});

describe('atelier batch --server', { timeout: 240_000 }, () => {
  let server: ChildServer;
  let other: InProcessServer | undefined;
  afterAll(() => other?.close());

  it('waits for a row still running when the batch is paused elsewhere, then writes its outcome', async () => {
    const dir = servers.tempDir();
    const dataDir = join(dir, 'server-data');
    server = await servers.start({ ATELIER_DATA_DIR: dataDir, OPENAI_BASE_URL: gateURL });
    const saved = await postJson<{ id: string }>(
      `${server.url}/api/workflows`,
      posterWorkflow('Kite poster', 'A kite'),
    );
    expect(saved.status).toBe(201);

    const lines: string[] = [];
    let exited = false;
    let lineAdded = () => {};
    /** Resolves once the CLI has printed a line containing `text`, or has finished. */
    const printed = (text: string) =>
      new Promise<void>((resolve) => {
        lineAdded = () => {
          if (exited || lines.some((line) => line.includes(text))) resolve();
        };
        lineAdded();
      });
    const cli = main(
      [
        'batch',
        saved.body.id,
        '--server',
        server.url,
        '--product',
        `subject=A kite ${HOLD}`,
        '--out',
        'out',
        '--json',
      ],
      {
        stdout: (text) => lines.push(text),
        stderr: (line) => {
          lines.push(line);
          lineAdded();
        },
        env: { ATELIER_DATA_DIR: join(dir, 'cli-data'), ATELIER_PROVIDER: 'simulator' },
        cwd: dir,
        userCwd: dir,
      },
    ).finally(() => {
      exited = true;
      lineAdded();
    });

    // The row's API call is in flight on the CLI's server, held at the gate.
    await held;
    await printed(': batch batch_');
    const batchId = /batch (batch_\S+) on/.exec(lines.join('\n'))?.[1];
    expect(batchId, lines.join('\n')).toBeDefined();

    // Someone pauses the batch through another server on the same data folder: the row keeps
    // running where it is.
    other = await startInProcess(servers.fake, { dataDir });
    const paused = await postJson(`${other.url}/api/batches/${batchId}/pause`, {});
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);

    // The CLI has seen the batch stopped with the row still running (or, without the wait,
    // has already finished); only then does the row's call go through.
    await printed('waiting for the 1 row in flight');
    open();
    const code = await cli;
    const output = lines.join('\n');

    const manifest = parseCsv(readFileSync(join(dir, 'out', 'manifest.csv'), 'utf8'));
    expect(
      manifest.map((row) => [row.subject, row.status]),
      output,
    ).toEqual([[`A kite ${HOLD}`, 'succeeded']]);
    expect(existsSync(join(dir, 'out', '1', 'poster.png'))).toBe(true);
    expect(output).toContain('Batch paused: waiting for the 1 row in flight to settle');
    const summary = JSON.parse(output.slice(output.indexOf('{\n'))) as {
      status: string;
      rows: { status: string; runId: string | null; files: string[] }[];
    };
    // Its one row done, the batch ended.
    expect(summary.status).toBe('succeeded');
    expect(summary.rows).toHaveLength(1);
    expect(summary.rows[0]).toMatchObject({ status: 'succeeded', runId: expect.any(String) });
    expect(summary.rows[0]?.files).toContain(join(dir, 'out', '1', 'poster.png'));
    expect(code, output).toBe(0);
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, json, posterWorkflow } from './test-app';

/** A batch of a workflow whose results come out of recipe nodes: files by output name. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const save = async (doc: unknown) => {
  const res = await t.app.request('/api/workflows', json(doc));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
};
const at = { x: 0, y: 0 };

describe('a batch over recipe nodes', { timeout: 60_000 }, () => {
  it('results.zip and its manifest carry the named outputs of each row', async () => {
    const poster = await save({
      ...posterWorkflow('A poster of a lighthouse'),
      outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
    });
    const pair = await save({
      format: 'atelier.workflow',
      version: 1,
      name: 'Pair',
      nodes: [
        {
          id: 'day',
          type: 'recipe',
          position: at,
          data: { workflowId: poster, version: 1, inputs: { subject: 'A lighthouse at noon' } },
        },
        { id: 's', type: 'prompt', position: at, data: { text: 'A lighthouse at night' } },
        { id: 'night', type: 'recipe', position: at, data: { workflowId: poster, version: 1 } },
      ],
      edges: [
        { id: 'e1', source: 's', sourceHandle: 'text', target: 'night', targetHandle: 'subject' },
      ],
      inputs: [{ name: 'night', node: 's', field: 'text' }],
      outputs: [
        { name: 'day', node: 'day', port: 'poster' },
        { name: 'night', node: 'night', port: 'poster' },
        { name: 'brief', node: 's', port: 'text' },
      ],
    });
    const res = await t.app.request(
      '/api/batches',
      json({
        workflowId: pair,
        rows: [{ night: 'A lighthouse in hail' }, { night: 'A lighthouse at dusk' }],
      }),
    );
    expect(res.status, await res.clone().text()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    for (;;) {
      const batch = (await (await t.app.request(`/api/batches/${id}`)).json()) as {
        status: string;
      };
      if (['succeeded', 'failed'].includes(batch.status)) {
        expect(batch.status).toBe('succeeded');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const zip = await t.app.request(`/api/batches/${id}/results.zip`);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      '1/brief.txt',
      '1/day.png',
      '1/night.png',
      '2/brief.txt',
      '2/day.png',
      '2/night.png',
      'manifest.csv',
    ]);
    expect(strFromU8(files['2/brief.txt']!)).toBe('A lighthouse at dusk\n');
    expect([...files['1/night.png']!.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const manifest = strFromU8(files['manifest.csv']!).trim().split(/\r?\n/);
    expect(manifest[1]).toMatch(
      /^1,A lighthouse in hail,1\/day\.png 1\/night\.png 1\/brief\.txt,succeeded,/,
    );
  });
});

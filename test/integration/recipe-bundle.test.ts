/**
 * A workflow built from recipes handed to a teammate as a file: exported by one server,
 * imported by a second (a real process on its own fresh data directory) with every recipe it
 * uses, nested ones included, and run there with the same outputs by name. Importing it again
 * stores none of the recipes twice.
 */
import { describe, expect, it } from 'vitest';
import { getJson, postJson, runToEnd, useServerProcesses } from './server-helpers';
import { edge, node } from '../../server/src/http/test-graph';

const servers = useServerProcesses({ prefix: 'atelier-recipe-bundle-' });

const save = async (url: string, document: unknown) => {
  const res = await postJson<{ id: string }>(`${url}/api/workflows`, {
    format: 'atelier.workflow',
    version: 1,
    edges: [],
    ...(document as object),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
};

type Run = { status: string; outputs: Record<string, { blob: string }> };

type Report = {
  id: string;
  complete: boolean;
  recipes: { id: string; version: number; name: string; reused: boolean }[];
};
const importBundle = async (url: string, bundle: Uint8Array<ArrayBuffer>, status = 201) => {
  const res = await fetch(`${url}/api/workflows/import`, { method: 'POST', body: bundle });
  expect(res.status).toBe(status);
  return (await res.json()) as Report;
};

describe('a workflow made of recipes between two servers', { timeout: 300_000 }, () => {
  it('round-trips with its recipes: same outputs by name on the second server, no duplicates on a second import', async () => {
    const [a, b] = await Promise.all([servers.start(), servers.start()]);
    // Poster (prompt → generate); Framed uses Poster; Gallery uses Framed and Poster.
    const poster = await save(a.url, {
      name: 'Poster',
      nodes: [
        node('p1', 'prompt', { text: 'A poster of a lighthouse' }),
        node('g1', 'generate', { size: '1024x1024', quality: 'low' }),
      ],
      edges: [edge('e1', 'p1.text', 'g1.prompt')],
      inputs: [{ name: 'subject', node: 'p1', field: 'text' }],
      outputs: [{ name: 'poster', node: 'g1', port: 'image' }],
    });
    const framed = await save(a.url, {
      name: 'Framed',
      nodes: [
        node('inner', 'recipe', { workflowId: poster, version: 1 }),
        node('i', 'prompt', { text: 'Add a gold frame' }),
        node('ed', 'edit', { quality: 'low' }),
      ],
      edges: [edge('x1', 'inner.poster', 'ed.image'), edge('x2', 'i.text', 'ed.instruction')],
      outputs: [{ name: 'framed', node: 'ed', port: 'image' }],
    });
    const gallery = await save(a.url, {
      name: 'Gallery',
      nodes: [
        node('top', 'recipe', { workflowId: framed, version: 1 }),
        node('fox', 'recipe', {
          workflowId: poster,
          version: 1,
          inputs: { subject: 'A poster of a red fox' },
        }),
      ],
      outputs: [
        { name: 'hero', node: 'top', port: 'framed' },
        { name: 'fox', node: 'fox', port: 'poster' },
      ],
    });
    const onA = await runToEnd<Run>(a.url, { workflowId: gallery });
    expect(onA.status).toBe('succeeded');
    expect(Object.keys(onA.outputs).sort()).toEqual(['fox', 'hero']);

    const res = await fetch(`${a.url}/api/workflows/${gallery}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-atelier-recipes')).toBe('2');
    const bundle = new Uint8Array(await res.arrayBuffer());

    const first = await importBundle(b.url, bundle);
    expect(first.complete).toBe(true);
    expect(first.recipes.map((r) => [r.name, r.reused])).toEqual([
      ['Poster', false],
      ['Framed', false],
    ]);
    const onB = await runToEnd<Run>(b.url, { workflowId: first.id });
    expect(onB.status).toBe('succeeded');
    // The same recipes on the same inputs: the same images, under the same names.
    expect(Object.keys(onB.outputs).sort()).toEqual(['fox', 'hero']);
    expect(onB.outputs.hero!.blob).toBe(onA.outputs.hero!.blob);
    expect(onB.outputs.fox!.blob).toBe(onA.outputs.fox!.blob);

    const libraryBefore = await getJson<{ name: string }[]>(`${b.url}/api/workflows`);
    const second = await importBundle(b.url, bundle, 200);
    expect(second.id).toBe(first.id);
    expect(second.recipes.map((r) => [r.id, r.version, r.reused])).toEqual(
      first.recipes.map((r) => [r.id, r.version, true]),
    );
    const libraryAfter = await getJson<{ name: string }[]>(`${b.url}/api/workflows`);
    const count = (list: { name: string }[], name: string) =>
      list.filter((w) => w.name === name).length;
    expect(count(libraryAfter, 'Poster')).toBe(1);
    expect(count(libraryAfter, 'Framed')).toBe(1);
    expect(libraryAfter.length).toBe(libraryBefore.length);
    expect(count(libraryAfter, 'Gallery')).toBe(1);
    // Run again: the same library versions, so everything comes from the cache.
    const requests = servers.fake.stats.responses;
    const again = await runToEnd<Run>(b.url, { workflowId: second.id });
    expect(again.status).toBe('succeeded');
    expect(servers.fake.stats.responses).toBe(requests);
  });
});

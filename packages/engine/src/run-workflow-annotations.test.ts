import { describe, expect, it } from 'vitest';
import type { Workflow } from '@atelier/graph';
import { parseWorkflow } from '@atelier/graph';
import { MemoryCacheStore } from './memory-cache-store';
import { runWorkflow } from './run-workflow';
import { FakeResponses, MemoryBlobs, toyOptions, toyWorkflow } from './testing';

/** Notes and groups are view-only: they never reach a cache key or a run record. */
const plain = toyWorkflow(
  [
    { id: 't1', type: 'text', data: { text: 'a red fox' } },
    { id: 'a1', type: 'ask', data: { prompt: 'expand' } },
  ],
  ['t1.text -> a1.prompt'],
);

const annotated = (text: string, x: number): Workflow => {
  const parsed = parseWorkflow({
    ...plain,
    notes: [{ id: 'n1', text, position: { x, y: -120 }, color: 'yellow' }],
    groups: [{ id: 'f1', title: text, position: { x, y: 0 }, size: { width: 600, height: 300 } }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.workflow;
};

describe('notes and groups', () => {
  it('do not invalidate the cache: editing a note reruns nothing and stores the same keys', async () => {
    const cache = new MemoryCacheStore();
    const blobs = new MemoryBlobs();
    const first = await runWorkflow(toyOptions(annotated('why the fox', 0), { cache, blobs }));
    expect(first.status).toBe('succeeded');
    const keys = [...cache.entries.keys()].sort();
    expect(keys.length).toBeGreaterThan(0);

    const fake = new FakeResponses();
    const second = await runWorkflow(
      toyOptions(annotated('edited: why the red fox', 400), { cache, blobs, responses: fake }),
    );
    expect(fake.calls).toBe(0);
    expect(Object.values(second.nodes).every((n) => n.cached)).toBe(true);
    expect([...cache.entries.keys()].sort()).toEqual(keys);

    // The same graph without any annotation is served from the same entries too.
    const third = await runWorkflow(toyOptions(plain, { cache, blobs, responses: fake }));
    expect(fake.calls).toBe(0);
    expect(Object.keys(third.nodes).sort()).toEqual(['a1', 't1']);
    expect([...cache.entries.keys()].sort()).toEqual(keys);
  });
});

import type { Workflow } from '@atelier/graph';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from './create-db';
import { and, eq } from 'drizzle-orm';
import { workflowVersions } from './schema';
import { UnreadableDocumentError } from './stored-workflow';
import { WorkflowRepo } from './workflow-repo';

let db: Db;
let repo: WorkflowRepo;
let clock = 1000;
beforeEach(() => {
  db = createDb(':memory:');
  clock = 1000;
  repo = new WorkflowRepo(db, () => clock++);
});
afterEach(() => db.close());

const doc = (name: string, text = 'a cat'): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name,
  nodes: [{ id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text } }],
  edges: [],
  inputs: [],
});

/** Overwrites a stored version's document as an older (or newer) Atelier would have written it. */
const storeRaw = (id: string, version: number, document: unknown) =>
  db.orm
    .update(workflowVersions)
    .set({ document })
    .where(and(eq(workflowVersions.workflowId, id), eq(workflowVersions.version, version)))
    .run();

/** A version 0 document (DESIGN.md §3 migrations): edges as "node.port" strings. */
const versionZero = {
  format: 'atelier.workflow',
  version: 0,
  name: 'Old poster',
  nodes: [
    { id: 'p1', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a cat' } },
    { id: 'g1', type: 'generate', position: { x: 300, y: 0 }, data: {} },
  ],
  edges: [{ id: 'e1', from: 'p1.text', to: 'g1.prompt' }],
};

describe('WorkflowRepo reads stored documents through parseWorkflow', () => {
  it('migrates a document stored in an older version on every read', () => {
    const { id } = repo.create(doc('Old poster'));
    storeRaw(id, 1, versionZero);
    const edge = {
      id: 'e1',
      source: 'p1',
      sourceHandle: 'text',
      target: 'g1',
      targetHandle: 'prompt',
    };
    expect(repo.get(id)?.document).toMatchObject({ version: 1, edges: [edge] });
    expect(repo.getVersion(id, 1)?.document.edges).toEqual([edge]);
    repo.rename(id, 'Renamed');
    expect(repo.getVersion(id, 2)?.document).toMatchObject({
      version: 1,
      name: 'Renamed',
      edges: [edge],
    });
  });

  it('refuses a document of a newer version, saying so, instead of passing it on', () => {
    const { id } = repo.create(doc('Future'));
    storeRaw(id, 1, { ...doc('Future'), version: 99 });
    expect(() => repo.get(id)).toThrow(UnreadableDocumentError);
    expect(() => repo.get(id)).toThrow(/version 99/);
    expect(repo.versions(id).map((v) => v.name)).toEqual(['Future']);
  });
});

describe('WorkflowRepo', () => {
  it('creates a workflow at version 1 and reads it back', () => {
    const { id, version } = repo.create(doc('Poster'));
    expect(version).toBe(1);
    expect(repo.get(id)).toMatchObject({ id, name: 'Poster', version: 1, document: doc('Poster') });
  });

  it('keeps every earlier version when a workflow is updated', () => {
    const { id } = repo.create(doc('Poster', 'one'));
    expect(repo.update(id, doc('Poster 2', 'two'))).toEqual({ kind: 'saved', id, version: 2 });
    expect(repo.get(id)).toMatchObject({ name: 'Poster 2', version: 2 });
    expect(repo.getVersion(id, 1)?.document.nodes[0]?.data.text).toBe('one');
    expect(repo.versions(id).map((v) => [v.version, v.name])).toEqual([
      [2, 'Poster 2'],
      [1, 'Poster'],
    ]);
  });

  it('saves with ifVersion only while that is the latest version, else writes nothing', () => {
    const { id } = repo.create(doc('Poster', 'one'));
    expect(repo.update(id, doc('Poster', 'two'), 1)).toEqual({ kind: 'saved', id, version: 2 });
    expect(repo.update(id, doc('Poster', 'stale'), 1)).toEqual({ kind: 'conflict', current: 2 });
    expect(repo.rename(id, 'Stale name', 1)).toEqual({ kind: 'conflict', current: 2 });
    expect(repo.get(id)).toMatchObject({ name: 'Poster', version: 2 });
    expect(repo.get(id)?.document.nodes[0]?.data.text).toBe('two');
    expect(repo.versions(id).map((v) => v.version)).toEqual([2, 1]);
  });

  it('renames by saving the latest document under the new name', () => {
    const { id } = repo.create(doc('Poster', 'one'));
    repo.update(id, doc('Poster', 'two'));
    expect(repo.rename(id, 'Harbour', 2)).toEqual({ kind: 'saved', id, version: 3 });
    expect(repo.get(id)).toMatchObject({ name: 'Harbour', document: doc('Harbour', 'two') });
    expect(repo.rename('wf_missing', 'X')).toBeUndefined();
  });

  it("checks ifVersion against the file, not a connection's view: two connections, one base", () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-repo-'));
    const first = createDb(join(dir, 'atelier.db'));
    const second = createDb(join(dir, 'atelier.db'));
    try {
      const a = new WorkflowRepo(first);
      const b = new WorkflowRepo(second);
      const { id } = a.create(doc('Shared', 'base'));
      // Both teammates opened version 1.
      expect(b.get(id)?.version).toBe(1);
      expect(a.update(id, doc('Shared', 'mine'), 1)).toEqual({ kind: 'saved', id, version: 2 });
      expect(b.update(id, doc('Shared', 'theirs'), 1)).toEqual({ kind: 'conflict', current: 2 });
      expect(b.get(id)?.document.nodes[0]?.data.text).toBe('mine');
      expect(b.versions(id).map((v) => v.version)).toEqual([2, 1]);
    } finally {
      first.close();
      second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists workflows most recently saved first', () => {
    const a = repo.create(doc('A'));
    const b = repo.create(doc('B'));
    repo.update(a.id, doc('A2'));
    expect(repo.list().map((w) => w.id)).toEqual([a.id, b.id]);
  });

  it('hides a deleted workflow from get, list, versions and update', () => {
    const { id } = repo.create(doc('Gone'));
    expect(repo.delete(id)).toBe(true);
    expect(repo.get(id)).toBeUndefined();
    expect(repo.list()).toEqual([]);
    expect(repo.versions(id)).toEqual([]);
    expect(repo.update(id, doc('Again'))).toBeUndefined();
    expect(repo.delete(id)).toBe(false);
  });

  it('leaves nothing behind when a multi-row write fails half-way', () => {
    // A trigger makes the second insert of create() fail after the first succeeded.
    db.sqlite.exec(
      "create trigger fail_versions before insert on workflow_versions begin select raise(abort, 'boom'); end",
    );
    expect(() => repo.create(doc('Half'))).toThrow(/boom/);
    expect(repo.list()).toEqual([]);
  });
});

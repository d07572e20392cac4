import type { Workflow } from '@atelier/graph';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Orm } from './create-db';
import { newId } from './ids';
import { workflows, workflowVersions } from './schema';
import { readStoredWorkflow, storedName } from './stored-workflow';

/** Where a fork was copied from. */
export interface ForkedFrom {
  id: string;
  version: number;
}

/** Who saved a version: the request's Actor (id and name) at the time. */
export interface VersionAuthor {
  id: string;
  name: string;
}

/** What a save records besides the document. */
export interface SaveMeta {
  author?: VersionAuthor;
  /** A short note on what changed; blank is none. */
  message?: string;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  /** Set on forks (POST /api/workflows/:id/fork). */
  forkedFrom?: ForkedFrom;
  /** Who saved the latest version (absent on versions saved before authors were recorded). */
  updatedBy?: VersionAuthor;
}

export interface StoredWorkflow extends WorkflowSummary {
  document: Workflow;
  /** The message saved with this version, if any. */
  message?: string;
}

export interface WorkflowVersionSummary {
  version: number;
  name: string;
  createdAt: number;
  /** Absent on versions saved before authors were recorded. */
  author?: VersionAuthor;
  message?: string;
}

/** What an update did: saved as a new version, or refused because another version is latest. */
export type UpdateResult =
  { kind: 'saved'; id: string; version: number } | { kind: 'conflict'; current: number };

type Tx = Parameters<Parameters<Orm['transaction']>[0]>[0];

const nameOf = (document: Workflow) => document.name?.trim() || 'Untitled';

/** The version row's columns for who saved it and why. */
const metaColumns = (meta: SaveMeta) => ({
  authorId: meta.author?.id ?? null,
  authorName: meta.author?.name ?? null,
  message: meta.message?.trim() || null,
});

/** The author and message columns folded back (absent when not recorded). */
const readMeta = (row: {
  authorId: string | null;
  authorName: string | null;
  message: string | null;
}): { author?: VersionAuthor; message?: string } => ({
  ...(row.authorId !== null ? { author: { id: row.authorId, name: row.authorName ?? '' } } : {}),
  ...(row.message !== null ? { message: row.message } : {}),
});

const summaryColumns = {
  id: workflows.id,
  name: workflows.name,
  version: workflows.currentVersion,
  createdAt: workflows.createdAt,
  updatedAt: workflows.updatedAt,
  forkedFromId: workflows.forkedFromId,
  forkedFromVersion: workflows.forkedFromVersion,
  authorId: workflowVersions.authorId,
  authorName: workflowVersions.authorName,
};

/** The latest version's row, joined to find who saved it. */
const latestVersion = and(
  eq(workflowVersions.workflowId, workflows.id),
  eq(workflowVersions.version, workflows.currentVersion),
);

/** The row's fork columns folded into `forkedFrom` (absent when it is not a fork). */
const withFork = <
  T extends {
    forkedFromId: string | null;
    forkedFromVersion: number | null;
    authorId: string | null;
    authorName: string | null;
  },
>(
  row: T,
): Omit<T, 'forkedFromId' | 'forkedFromVersion' | 'authorId' | 'authorName'> & {
  forkedFrom?: ForkedFrom;
  updatedBy?: VersionAuthor;
} => {
  const { forkedFromId, forkedFromVersion, authorId, authorName, ...rest } = row;
  return {
    ...rest,
    ...(forkedFromId !== null && forkedFromVersion !== null
      ? { forkedFrom: { id: forkedFromId, version: forkedFromVersion } }
      : {}),
    ...(authorId !== null ? { updatedBy: { id: authorId, name: authorName ?? '' } } : {}),
  };
};

/**
 * The workflow library. Every save is a new numbered version; earlier ones stay
 * readable. Deleting hides the workflow (runs keep pointing at it).
 */
export class WorkflowRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  create(
    document: Workflow,
    options: { forkedFrom?: ForkedFrom } & SaveMeta = {},
  ): { id: string; version: number } {
    const id = newId('wf');
    const at = this.now();
    this.db.orm.transaction((tx) => {
      tx.insert(workflows)
        .values({
          id,
          name: nameOf(document),
          currentVersion: 1,
          createdAt: at,
          updatedAt: at,
          forkedFromId: options.forkedFrom?.id ?? null,
          forkedFromVersion: options.forkedFrom?.version ?? null,
        })
        .run();
      tx.insert(workflowVersions)
        .values({ workflowId: id, version: 1, document, createdAt: at, ...metaColumns(options) })
        .run();
    });
    return { id, version: 1 };
  }

  /**
   * Saves a new version; undefined when there is no such (undeleted) workflow. With
   * `ifVersion`, saves only while that is still the latest version (optimistic
   * concurrency): otherwise nothing is written and the latest version is answered.
   */
  update(
    id: string,
    document: Workflow,
    ifVersion?: number,
    meta: SaveMeta = {},
  ): UpdateResult | undefined {
    return this.saveNext(id, ifVersion, meta, () => document);
  }

  /**
   * A new version holding an earlier version's document (restore); undefined when the workflow
   * or that version does not exist. `ifVersion` as in update.
   */
  restore(
    id: string,
    version: number,
    ifVersion?: number,
    meta: SaveMeta = {},
  ): UpdateResult | undefined {
    const source = this.getVersion(id, version);
    if (!source) return undefined;
    return this.saveNext(id, ifVersion, meta, () => source.document);
  }

  /** A new version holding the latest document under another name; `ifVersion` as in update. */
  rename(
    id: string,
    name: string,
    ifVersion?: number,
    meta: SaveMeta = {},
  ): UpdateResult | undefined {
    return this.saveNext(id, ifVersion, meta, (tx, latest) => {
      const row = tx
        .select({ document: workflowVersions.document })
        .from(workflowVersions)
        .where(and(eq(workflowVersions.workflowId, id), eq(workflowVersions.version, latest)))
        .get();
      return { ...readStoredWorkflow(row?.document, `workflow ${id} version ${latest}`), name };
    });
  }

  /**
   * The check, the read of the latest version and the insert share one IMMEDIATE
   * transaction: two writers based on the same version (even two processes on one file)
   * cannot both win, and a rename never brings back a document someone replaced meanwhile.
   */
  private saveNext(
    id: string,
    ifVersion: number | undefined,
    meta: SaveMeta,
    documentFor: (tx: Tx, latest: number) => Workflow,
  ): UpdateResult | undefined {
    const at = this.now();
    return this.db.orm.transaction(
      (tx): UpdateResult | undefined => {
        const row = tx
          .select({ version: workflows.currentVersion })
          .from(workflows)
          .where(and(eq(workflows.id, id), isNull(workflows.deletedAt)))
          .get();
        if (!row) return undefined;
        if (ifVersion !== undefined && ifVersion !== row.version)
          return { kind: 'conflict', current: row.version };
        const document = documentFor(tx, row.version);
        const version = row.version + 1;
        tx.insert(workflowVersions)
          .values({ workflowId: id, version, document, createdAt: at, ...metaColumns(meta) })
          .run();
        tx.update(workflows)
          .set({ name: nameOf(document), currentVersion: version, updatedAt: at })
          .where(eq(workflows.id, id))
          .run();
        return { kind: 'saved', id, version };
      },
      { behavior: 'immediate' },
    );
  }

  get(id: string): StoredWorkflow | undefined {
    const row = this.db.orm
      .select({
        ...summaryColumns,
        document: workflowVersions.document,
        message: workflowVersions.message,
      })
      .from(workflows)
      .innerJoin(workflowVersions, latestVersion)
      .where(and(eq(workflows.id, id), isNull(workflows.deletedAt)))
      .get();
    return row
      ? {
          ...withFork(row),
          message: row.message ?? undefined,
          document: readStoredWorkflow(row.document, `workflow ${id} version ${row.version}`),
        }
      : undefined;
  }

  /** Undeleted workflows, most recently saved first. */
  list(): WorkflowSummary[] {
    return this.db.orm
      .select(summaryColumns)
      .from(workflows)
      .leftJoin(workflowVersions, latestVersion)
      .where(isNull(workflows.deletedAt))
      .orderBy(desc(workflows.updatedAt), desc(workflows.id))
      .all()
      .map(withFork);
  }

  /** Versions of a workflow, newest first (empty when unknown or deleted). */
  versions(id: string): WorkflowVersionSummary[] {
    if (!this.exists(id)) return [];
    return this.db.orm
      .select({
        version: workflowVersions.version,
        document: workflowVersions.document,
        createdAt: workflowVersions.createdAt,
        authorId: workflowVersions.authorId,
        authorName: workflowVersions.authorName,
        message: workflowVersions.message,
      })
      .from(workflowVersions)
      .where(eq(workflowVersions.workflowId, id))
      .orderBy(desc(workflowVersions.version))
      .all()
      .map((row) => ({
        version: row.version,
        name: storedName(row.document),
        createdAt: row.createdAt,
        ...readMeta(row),
      }));
  }

  getVersion(id: string, version: number): StoredWorkflow | undefined {
    const head = this.db.orm
      .select()
      .from(workflows)
      .where(and(eq(workflows.id, id), isNull(workflows.deletedAt)))
      .get();
    if (!head) return undefined;
    const row = this.db.orm
      .select()
      .from(workflowVersions)
      .where(and(eq(workflowVersions.workflowId, id), eq(workflowVersions.version, version)))
      .get();
    if (!row) return undefined;
    const document = readStoredWorkflow(row.document, `workflow ${id} version ${version}`);
    return {
      id,
      name: nameOf(document),
      version,
      document,
      createdAt: head.createdAt,
      updatedAt: row.createdAt,
      ...(row.authorId !== null
        ? { updatedBy: { id: row.authorId, name: row.authorName ?? '' } }
        : {}),
      ...(row.message !== null ? { message: row.message } : {}),
    };
  }

  /**
   * One version, deleted workflows included: what a recipe node pinned to it runs (a pin is
   * a promise that the recipe does not change under it, nor vanish).
   */
  pinned(id: string, version: number): { name: string; document: Workflow } | undefined {
    const row = this.db.orm
      .select({ document: workflowVersions.document })
      .from(workflowVersions)
      .where(and(eq(workflowVersions.workflowId, id), eq(workflowVersions.version, version)))
      .get();
    if (!row) return undefined;
    const document = readStoredWorkflow(row.document, `workflow ${id} version ${version}`);
    return { name: nameOf(document), document };
  }

  /**
   * Versions of undeleted workflows whose document is named `name`, oldest workflow first:
   * the candidates an import compares a bundled recipe with (so it reuses, not duplicates).
   * Unreadable documents are left out.
   */
  versionsNamed(name: string): { id: string; version: number; document: Workflow }[] {
    return this.db.orm
      .select({
        id: workflowVersions.workflowId,
        version: workflowVersions.version,
        document: workflowVersions.document,
      })
      .from(workflowVersions)
      .innerJoin(workflows, eq(workflows.id, workflowVersions.workflowId))
      .where(
        and(
          isNull(workflows.deletedAt),
          sql`coalesce(json_extract(${workflowVersions.document}, '$.name'), '') = ${name}`,
        ),
      )
      .orderBy(asc(workflows.createdAt), asc(workflows.id), asc(workflowVersions.version))
      .all()
      .flatMap((row) => {
        try {
          return [{ ...row, document: readStoredWorkflow(row.document, `workflow ${row.id}`) }];
        } catch {
          return [];
        }
      });
  }

  /** Hides the workflow; false when there was none to delete. */
  delete(id: string): boolean {
    const result = this.db.orm
      .update(workflows)
      .set({ deletedAt: this.now() })
      .where(and(eq(workflows.id, id), isNull(workflows.deletedAt)))
      .run();
    return result.changes > 0;
  }

  private exists(id: string): boolean {
    return (
      this.db.orm
        .select({ id: workflows.id })
        .from(workflows)
        .where(and(eq(workflows.id, id), isNull(workflows.deletedAt)))
        .get() !== undefined
    );
  }
}

import { and, asc, desc, eq, inArray, isNull, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/create-db';
import { newId } from '../db/ids';
import { comments, inboxItems } from '../db/schema';
import type { Person } from './mentions';

/** Where a thread is pinned: a node of a workflow, or one output of a run's node. */
export type CommentTarget =
  | { kind: 'node'; workflowId: string; nodeId: string }
  | { kind: 'output'; runId: string; workflowId?: string; nodeId: string; port: string };

export interface CommentView {
  id: string;
  threadId: string;
  author: Person;
  body: string;
  createdAt: number;
  /** The people its `@name`s reached (their inbox). */
  mentions: Person[];
}

export interface ThreadView {
  id: string;
  target: CommentTarget;
  resolved: boolean;
  resolvedAt?: number;
  resolvedBy?: Person;
  createdAt: number;
  comments: CommentView[];
}

export interface InboxItemView {
  id: string;
  read: boolean;
  createdAt: number;
  comment: CommentView;
  thread: { id: string; target: CommentTarget; resolved: boolean };
}

export interface ThreadFilter {
  workflowId?: string;
  runId?: string;
  nodeId?: string;
  state?: 'open' | 'resolved' | 'all';
}

type Row = typeof comments.$inferSelect;

const targetOf = (row: Row): CommentTarget =>
  row.runId !== null
    ? {
        kind: 'output',
        runId: row.runId,
        ...(row.workflowId !== null ? { workflowId: row.workflowId } : {}),
        nodeId: row.nodeId,
        port: row.port ?? 'image',
      }
    : { kind: 'node', workflowId: row.workflowId ?? '', nodeId: row.nodeId };

/** Comment threads and the inboxes their mentions fill; each write is one transaction. */
export class CommentRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  createThread(target: CommentTarget, body: string, author: Person, mentions: Person[]) {
    const id = newId('cmt');
    this.insert(id, id, target, body, author, mentions);
    return this.thread(id)!;
  }

  /** Adds a reply to the thread of `threadId`; undefined when there is no such thread. */
  reply(threadId: string, body: string, author: Person, mentions: Person[]) {
    const root = this.root(threadId);
    if (!root) return undefined;
    const id = newId('cmt');
    this.insert(id, root.id, targetOf(root), body, author, mentions);
    return this.comments([id])[0]!;
  }

  /** The root comment of the thread that comment `id` belongs to. */
  root(id: string): Row | undefined {
    const row = this.db.orm.select().from(comments).where(eq(comments.id, id)).get();
    if (!row || row.threadId === row.id) return row;
    return this.db.orm.select().from(comments).where(eq(comments.id, row.threadId)).get();
  }

  setResolved(threadId: string, by: Person | null): ThreadView | undefined {
    const root = this.root(threadId);
    if (!root) return undefined;
    this.db.orm
      .update(comments)
      .set(
        by
          ? { resolvedAt: this.now(), resolvedById: by.id, resolvedByName: by.name }
          : { resolvedAt: null, resolvedById: null, resolvedByName: null },
      )
      .where(eq(comments.id, root.id))
      .run();
    return this.thread(root.id);
  }

  thread(id: string): ThreadView | undefined {
    const root = this.root(id);
    return root ? this.threadsOf([root])[0] : undefined;
  }

  /** Threads, oldest first, with their comments in order. */
  threads(filter: ThreadFilter, limit = 500): ThreadView[] {
    const where: SQL[] = [sql`${comments.threadId} = ${comments.id}`];
    if (filter.workflowId !== undefined) where.push(eq(comments.workflowId, filter.workflowId));
    if (filter.runId !== undefined) where.push(eq(comments.runId, filter.runId));
    if (filter.nodeId !== undefined) where.push(eq(comments.nodeId, filter.nodeId));
    if (filter.state === 'open') where.push(isNull(comments.resolvedAt));
    if (filter.state === 'resolved') where.push(isNotNull(comments.resolvedAt));
    const roots = this.db.orm
      .select()
      .from(comments)
      .where(and(...where))
      .orderBy(asc(comments.createdAt), asc(sql`rowid`))
      .limit(limit)
      .all();
    return this.threadsOf(roots);
  }

  inbox(recipientId: string, limit = 200): { unread: number; items: InboxItemView[] } {
    const rows = this.db.orm
      .select()
      .from(inboxItems)
      .where(eq(inboxItems.recipientId, recipientId))
      .orderBy(desc(inboxItems.createdAt), desc(sql`rowid`))
      .limit(limit)
      .all();
    const byId = new Map(this.comments(rows.map((r) => r.commentId)).map((c) => [c.id, c]));
    const roots = new Map(
      this.db.orm
        .select()
        .from(comments)
        .where(inArray(comments.id, [...new Set([...byId.values()].map((c) => c.threadId))]))
        .all()
        .map((row) => [row.id, row]),
    );
    const items = rows.flatMap((row): InboxItemView[] => {
      const comment = byId.get(row.commentId);
      const root = comment && roots.get(comment.threadId);
      if (!comment || !root) return [];
      return [
        {
          id: row.id,
          read: row.readAt !== null,
          createdAt: row.createdAt,
          comment,
          thread: { id: root.id, target: targetOf(root), resolved: root.resolvedAt !== null },
        },
      ];
    });
    return { unread: this.unread(recipientId), items };
  }

  unread(recipientId: string): number {
    const row = this.db.orm
      .select({ count: sql<number>`count(*)` })
      .from(inboxItems)
      .where(and(eq(inboxItems.recipientId, recipientId), isNull(inboxItems.readAt)))
      .get();
    return row?.count ?? 0;
  }

  /** Marks one item (or, without `itemId`, all) of this person's inbox read; false: not theirs. */
  markRead(recipientId: string, itemId?: string): boolean {
    const mine = eq(inboxItems.recipientId, recipientId);
    const result = this.db.orm
      .update(inboxItems)
      .set({ readAt: sql`coalesce(${inboxItems.readAt}, ${this.now()})` })
      .where(itemId === undefined ? mine : and(mine, eq(inboxItems.id, itemId)))
      .run();
    return itemId === undefined || result.changes > 0;
  }

  private insert(
    id: string,
    threadId: string,
    target: CommentTarget,
    body: string,
    author: Person,
    mentions: Person[],
  ): void {
    const at = this.now();
    this.db.orm.transaction((tx) => {
      tx.insert(comments)
        .values({
          id,
          threadId,
          workflowId: target.workflowId ?? null,
          runId: target.kind === 'output' ? target.runId : null,
          nodeId: target.nodeId,
          port: target.kind === 'output' ? target.port : null,
          authorId: author.id,
          authorName: author.name,
          body,
          createdAt: at,
        })
        .run();
      for (const person of mentions)
        tx.insert(inboxItems)
          .values({ id: newId('ibx'), recipientId: person.id, commentId: id, createdAt: at })
          .run();
    });
  }

  private threadsOf(roots: Row[]): ThreadView[] {
    if (roots.length === 0) return [];
    const rows = this.db.orm
      .select()
      .from(comments)
      .where(
        inArray(
          comments.threadId,
          roots.map((r) => r.id),
        ),
      )
      .orderBy(asc(comments.createdAt), asc(sql`rowid`))
      .all();
    const views = this.views(rows);
    return roots.map((root) => ({
      id: root.id,
      target: targetOf(root),
      resolved: root.resolvedAt !== null,
      ...(root.resolvedAt !== null ? { resolvedAt: root.resolvedAt } : {}),
      ...(root.resolvedById !== null
        ? { resolvedBy: { id: root.resolvedById, name: root.resolvedByName ?? root.resolvedById } }
        : {}),
      createdAt: root.createdAt,
      comments: views.filter((c) => c.threadId === root.id),
    }));
  }

  private comments(ids: string[]): CommentView[] {
    if (ids.length === 0) return [];
    return this.views(this.db.orm.select().from(comments).where(inArray(comments.id, ids)).all());
  }

  /** Comments with the people each mentioned (names as they are now, from the directory). */
  private views(rows: Row[]): CommentView[] {
    if (rows.length === 0) return [];
    const mentions = this.db.sqlite
      .prepare(
        `select i.comment_id as commentId, i.recipient_id as id, coalesce(u.name, i.recipient_id) as name
         from inbox_items i left join auth_user u on u.id = i.recipient_id
         where i.comment_id in (${rows.map(() => '?').join(',')}) order by i.rowid`,
      )
      .all(...rows.map((r) => r.id)) as { commentId: string; id: string; name: string }[];
    return rows.map((row) => ({
      id: row.id,
      threadId: row.threadId,
      author: { id: row.authorId, name: row.authorName },
      body: row.body,
      createdAt: row.createdAt,
      mentions: mentions
        .filter((m) => m.commentId === row.id)
        .map((m) => ({ id: m.id, name: m.name })),
    }));
  }
}

import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { runs } from './schema';

/**
 * Review comments (server/src/review): a thread is its first comment (`threadId` = its own id)
 * and the replies that name it. A thread is pinned to a node of a workflow, or to one output
 * (`runId`, `nodeId`, `port`) of a run. Only the first comment carries the resolved state.
 */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    threadId: text('thread_id').notNull(),
    workflowId: text('workflow_id'),
    runId: text('run_id'),
    nodeId: text('node_id').notNull(),
    port: text('port'),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
    resolvedAt: integer('resolved_at'),
    resolvedById: text('resolved_by_id'),
    resolvedByName: text('resolved_by_name'),
  },
  (t) => [
    index('comments_thread').on(t.threadId, t.createdAt),
    index('comments_workflow').on(t.workflowId, t.createdAt),
    index('comments_run').on(t.runId),
  ],
);

/** One row per person an `@name` of a comment mentions: their inbox. */
export const inboxItems = sqliteTable(
  'inbox_items',
  {
    id: text('id').primaryKey(),
    recipientId: text('recipient_id').notNull(),
    commentId: text('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [index('inbox_recipient').on(t.recipientId, t.createdAt)],
);

/** Starred outputs (one star per output, shared by the team; who starred it is kept). */
export const stars = sqliteTable(
  'stars',
  {
    runId: text('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    port: text('port').notNull(),
    starredById: text('starred_by_id').notNull(),
    starredByName: text('starred_by_name').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.nodeId, t.port] })],
);

import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { z } from 'zod';
import { authorize } from '../../auth/actor';
import type { CommentRepo, CommentTarget } from '../../review/comment-repo';
import { mentionedPeople } from '../../review/mentions';
import { peopleOf } from '../../review/people';
import type { AppDeps } from '../deps';
import { apiError } from '../errors';
import { jsonBody, validate } from '../validate';
import { idSchema } from './workflows';

/** A node id as the workflow document allows it. */
export const nodeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'expected a node id (letters, digits, "_", ".", ":", "-")');

const bodySchema = z
  .string()
  .max(10_000, 'a comment is at most 10,000 characters')
  .refine((text) => text.trim() !== '', 'write something first: the comment is empty');

const newThread = z.object({
  workflowId: idSchema.optional(),
  runId: idSchema.optional(),
  nodeId: nodeIdSchema,
  port: z.string().min(1).max(64).optional(),
  body: bodySchema,
});
const listQuery = z.object({
  workflowId: idSchema.optional(),
  runId: idSchema.optional(),
  nodeId: nodeIdSchema.optional(),
  state: z.enum(['open', 'resolved', 'all']).default('all'),
});
const idParam = z.object({ id: idSchema });
const replyBody = z.object({ body: bodySchema });

const threadNotFound = (id: string) =>
  [404, 'comment_not_found', `No comment thread with id "${id}".`, { path: 'id' }] as const;

/**
 * Review comments: threads pinned to a node of a workflow or to an output of a run, replies,
 * resolve/reopen. Anyone who can view can read them; commenting needs the `comment` action
 * (viewers have it). `@name`s land in the mentioned person's inbox (routes/inbox.ts).
 */
export const commentRoutes = (deps: AppDeps, repo: CommentRepo) =>
  new Hono()
    .get('/', allow('view'), validate('query', listQuery), (c) => {
      authorize(c, 'view');
      return c.json({ threads: repo.threads(c.req.valid('query')) }, 200);
    })
    .post('/', allow('comment'), jsonBody, validate('json', newThread), (c) => {
      const actor = authorize(c, 'comment');
      const req = c.req.valid('json');
      let target: CommentTarget;
      if (req.runId !== undefined) {
        const run = deps.runs.get(req.runId);
        if (!run)
          return apiError(c, 404, 'run_not_found', `No run with id "${req.runId}".`, {
            path: 'runId',
          });
        const node = run.nodes[req.nodeId];
        if (!node)
          return apiError(c, 422, 'unknown_node', `Run "${run.id}" has no node "${req.nodeId}".`, {
            path: 'nodeId',
          });
        const port = req.port ?? 'image';
        if (node.outputs?.[port] === undefined)
          return apiError(
            c,
            422,
            'no_output',
            `Node "${req.nodeId}" of run "${run.id}" has no "${port}" output to comment on${node.status === 'succeeded' ? '' : ` (it ${node.status})`}.`,
            { path: 'port' },
          );
        target = {
          kind: 'output',
          runId: run.id,
          ...(run.workflowId ? { workflowId: run.workflowId } : {}),
          nodeId: req.nodeId,
          port,
        };
      } else {
        if (req.workflowId === undefined)
          return apiError(
            c,
            400,
            'invalid_request',
            'Send "workflowId" and "nodeId" (a node of a saved workflow) or "runId", "nodeId" and optionally "port" (an output of a run).',
            { path: 'workflowId' },
          );
        const saved = deps.workflows.get(req.workflowId);
        if (!saved)
          return apiError(
            c,
            404,
            'workflow_not_found',
            `No workflow with id "${req.workflowId}".`,
            {
              path: 'workflowId',
            },
          );
        const nodes = (saved.document as { nodes: { id: string }[] }).nodes;
        if (!nodes.some((n) => n.id === req.nodeId))
          return apiError(
            c,
            422,
            'unknown_node',
            `Workflow "${req.workflowId}" (version ${saved.version}) has no node "${req.nodeId}"; save the workflow first.`,
            { path: 'nodeId' },
          );
        target = { kind: 'node', workflowId: req.workflowId, nodeId: req.nodeId };
      }
      const author = { id: actor.id, name: actor.name };
      const mentions = mentionedPeople(req.body, peopleOf(deps.db), actor.id);
      return c.json(repo.createThread(target, req.body, author, mentions), 201);
    })
    .get('/:id', allow('view'), validate('param', idParam), (c) => {
      authorize(c, 'view');
      const { id } = c.req.valid('param');
      const thread = repo.thread(id);
      return thread ? c.json(thread, 200) : apiError(c, ...threadNotFound(id));
    })
    .post(
      '/:id/replies',
      allow('comment'),
      validate('param', idParam),
      jsonBody,
      validate('json', replyBody),
      (c) => {
        const actor = authorize(c, 'comment');
        const { id } = c.req.valid('param');
        const { body } = c.req.valid('json');
        const mentions = mentionedPeople(body, peopleOf(deps.db), actor.id);
        const reply = repo.reply(id, body, { id: actor.id, name: actor.name }, mentions);
        return reply ? c.json(reply, 201) : apiError(c, ...threadNotFound(id));
      },
    )
    .post('/:id/resolve', allow('comment'), validate('param', idParam), (c) => {
      const actor = authorize(c, 'comment');
      const { id } = c.req.valid('param');
      const thread = repo.setResolved(id, { id: actor.id, name: actor.name });
      return thread ? c.json(thread, 200) : apiError(c, ...threadNotFound(id));
    })
    .post('/:id/reopen', allow('comment'), validate('param', idParam), (c) => {
      authorize(c, 'comment');
      const { id } = c.req.valid('param');
      const thread = repo.setResolved(id, null);
      return thread ? c.json(thread, 200) : apiError(c, ...threadNotFound(id));
    });

/** The signed-in person's mentions: `GET /api/inbox`, mark one or all read. */
export const inboxRoutes = (repo: CommentRepo) =>
  new Hono()
    .get('/', allow('view'), (c) => {
      const actor = authorize(c, 'view');
      return c.json(repo.inbox(actor.id), 200);
    })
    .post('/read-all', allow('view'), (c) => {
      const actor = authorize(c, 'view');
      repo.markRead(actor.id);
      return c.json({ unread: repo.unread(actor.id) }, 200);
    })
    .post('/:id/read', allow('view'), validate('param', idParam), (c) => {
      const actor = authorize(c, 'view');
      const { id } = c.req.valid('param');
      if (!repo.markRead(actor.id, id))
        return apiError(c, 404, 'inbox_item_not_found', `Your inbox has no item "${id}".`, {
          path: 'id',
        });
      return c.json({ id, read: true, unread: repo.unread(actor.id) }, 200);
    });

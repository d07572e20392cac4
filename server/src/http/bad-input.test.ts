import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './test-app';
import { createTestApp, pngBytes, posterWorkflow } from './test-app';

let t: TestApp;
let workflowId: string;
let runId: string;
let blobId: string;
beforeAll(async () => {
  t = await createTestApp({ maxUploadBytes: 64 });
  const saved = await t.app.request('/api/workflows', {
    method: 'POST',
    body: JSON.stringify(posterWorkflow()),
  });
  workflowId = ((await saved.json()) as { id: string }).id;
  const run = await t.app.request('/api/runs', {
    method: 'POST',
    body: JSON.stringify({ workflowId, target: 'p1' }),
  });
  runId = ((await run.json()) as { id: string }).id;
  await t.deps.runs.wait(runId);
  blobId = (await t.deps.blobs.put(await pngBytes(8, 8))).blob;
});
afterAll(() => t.close());

const doc = posterWorkflow();
const cyclic = {
  ...doc,
  nodes: [
    ...doc.nodes,
    { id: 'e1x', type: 'edit', data: {} },
    { id: 'e2x', type: 'edit', data: {} },
    { id: 'p2', type: 'prompt', data: { text: 'x' } },
  ],
  edges: [
    ...doc.edges,
    { id: 'c1', source: 'e1x', sourceHandle: 'image', target: 'e2x', targetHandle: 'image' },
    { id: 'c2', source: 'e2x', sourceHandle: 'image', target: 'e1x', targetHandle: 'image' },
    { id: 'c3', source: 'p2', sourceHandle: 'text', target: 'e1x', targetHandle: 'instruction' },
    { id: 'c4', source: 'p2', sourceHandle: 'text', target: 'e2x', targetHandle: 'instruction' },
  ],
};
const missingInput = { ...doc, edges: [] };
const unknownType = { ...doc, nodes: [...doc.nodes, { id: 'x1', type: 'teleport', data: {} }] };
const body = (value: unknown) => JSON.stringify(value);

interface Case {
  name: string;
  method: string;
  path: () => string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  status: number;
  code: string;
  errorPath?: string;
}

const cases: Case[] = [
  {
    name: 'a run of a workflow with no nodes',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflow: { ...doc, nodes: [], edges: [], inputs: [], outputs: [] } }),
    headers: { 'content-type': 'application/json' },
    status: 422,
    code: 'empty_workflow',
    errorPath: 'workflow.nodes',
  },
  {
    name: 'malformed JSON (workflow)',
    method: 'POST',
    path: () => '/api/workflows',
    body: '{"format": ',
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'malformed JSON (run)',
    method: 'POST',
    path: () => '/api/runs',
    body: 'not json',
    headers: { 'content-type': 'application/json' },
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'empty body (run)',
    method: 'POST',
    path: () => '/api/runs',
    body: '',
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'a workflow that is an array',
    method: 'POST',
    path: () => '/api/workflows',
    body: '[]',
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'wrong format marker',
    method: 'POST',
    path: () => '/api/workflows',
    body: body({ ...doc, format: 'other' }),
    status: 422,
    code: 'invalid_workflow',
    errorPath: 'format',
  },
  {
    name: 'wrong type of nodes',
    method: 'POST',
    path: () => '/api/workflows',
    body: body({ ...doc, nodes: 'many' }),
    status: 422,
    code: 'invalid_workflow',
    errorPath: 'nodes',
  },
  {
    name: 'unknown node type',
    method: 'POST',
    path: () => '/api/workflows',
    body: body(unknownType),
    status: 422,
    code: 'invalid_workflow',
    errorPath: 'nodes[2].type',
  },
  {
    name: 'a cycle',
    method: 'POST',
    path: () => '/api/workflows',
    body: body(cyclic),
    status: 422,
    code: 'invalid_workflow',
  },
  {
    name: 'a required input not connected',
    method: 'POST',
    path: () => '/api/workflows',
    body: body(missingInput),
    status: 422,
    code: 'invalid_workflow',
    errorPath: 'nodes[1].inputs.prompt',
  },
  {
    name: 'PUT of an invalid document',
    method: 'PUT',
    path: () => `/api/workflows/${workflowId}`,
    body: body(unknownType),
    status: 422,
    code: 'invalid_workflow',
  },
  {
    name: 'PUT to an unknown workflow',
    method: 'PUT',
    path: () => '/api/workflows/wf_missing',
    body: body(doc),
    status: 404,
    code: 'workflow_not_found',
  },
  {
    name: 'rename to an empty name',
    method: 'PATCH',
    path: () => `/api/workflows/${workflowId}`,
    body: body({ name: ' ' }),
    status: 400,
    code: 'invalid_request',
    errorPath: 'name',
  },
  {
    name: 'unknown workflow',
    method: 'GET',
    path: () => '/api/workflows/wf_missing',
    status: 404,
    code: 'workflow_not_found',
  },
  {
    name: 'malformed workflow id',
    method: 'GET',
    path: () => '/api/workflows/bad%20id!',
    status: 400,
    code: 'invalid_request',
    errorPath: 'id',
  },
  {
    name: 'version that is not a number',
    method: 'GET',
    path: () => `/api/workflows/${workflowId}/versions/two`,
    status: 400,
    code: 'invalid_request',
    errorPath: 'version',
  },
  {
    name: 'inputs of an unknown workflow',
    method: 'GET',
    path: () => '/api/workflows/wf_missing/inputs',
    status: 404,
    code: 'workflow_not_found',
  },
  {
    name: 'run: neither workflowId nor workflow',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ inputs: {} }),
    status: 400,
    code: 'invalid_request',
    errorPath: 'workflowId',
  },
  {
    name: 'run: an edited document of an unknown workflowId',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflowId: 'wf_missing', workflow: doc }),
    status: 404,
    code: 'workflow_not_found',
    errorPath: 'workflowId',
  },
  {
    name: 'run: unknown workflowId',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflowId: 'wf_missing' }),
    status: 404,
    code: 'workflow_not_found',
    errorPath: 'workflowId',
  },
  {
    name: 'run: unknown version',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflowId: '$WF', version: 7 }),
    status: 404,
    code: 'version_not_found',
    errorPath: 'version',
  },
  // Runs and batches share one loader: the same request reads the same answer on both.
  ...(['runs', 'batches'] as const).flatMap((route): Case[] => [
    {
      name: `${route}: unknown workflowId at a version`,
      method: 'POST',
      path: () => `/api/${route}`,
      body: body({ workflowId: 'wf_missing', version: 2, rows: [{}] }),
      status: 404,
      code: 'workflow_not_found',
      errorPath: 'workflowId',
    },
    {
      name: `${route}: unknown version of a saved workflow`,
      method: 'POST',
      path: () => `/api/${route}`,
      body: body({ workflowId: '$WF', version: 7, rows: [{}] }),
      status: 404,
      code: 'version_not_found',
      errorPath: 'version',
    },
  ]),
  {
    name: 'run: inputs of the wrong type',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflowId: '$WF', inputs: { subject: 42 } }),
    status: 400,
    code: 'invalid_request',
    errorPath: 'inputs.subject',
  },
  {
    name: 'run: force not a list',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflowId: '$WF', force: 'g1' }),
    status: 400,
    code: 'invalid_request',
    errorPath: 'force',
  },
  {
    name: 'run: unknown named input',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflowId: '$WF', inputs: { colour: 'red' } }),
    status: 422,
    code: 'invalid_inputs',
    errorPath: 'inputs.colour',
  },
  {
    name: 'run: image for a text input',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflowId: '$WF', inputs: { subject: { blob: '$BLOB' } } }),
    status: 422,
    code: 'invalid_inputs',
    errorPath: 'inputs.subject',
  },
  {
    name: 'run: unknown blob',
    method: 'POST',
    path: () => '/api/runs',
    body: body({
      workflow: {
        ...doc,
        nodes: [{ id: 'r', type: 'reference', data: {} }],
        edges: [],
        inputs: [{ name: 'photo', node: 'r', field: 'image' }],
      },
      inputs: { photo: { blob: '0'.repeat(64) } },
    }),
    status: 422,
    code: 'unknown_blob',
    errorPath: 'inputs.photo',
  },
  {
    name: 'run: malformed blob id',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflowId: '$WF', inputs: { subject: { blob: 'nope' } } }),
    status: 422,
    code: 'unknown_blob',
    errorPath: 'inputs.subject',
  },
  {
    name: 'run: invalid inline workflow',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflow: unknownType }),
    status: 422,
    code: 'invalid_workflow',
    errorPath: 'workflow.nodes[2].type',
  },
  {
    name: 'run: unknown target',
    method: 'POST',
    path: () => '/api/runs',
    body: body({ workflowId: '$WF', target: 'zz' }),
    status: 422,
    code: 'invalid_workflow',
  },
  {
    name: 'unknown run',
    method: 'GET',
    path: () => '/api/runs/run_missing',
    status: 404,
    code: 'run_not_found',
  },
  {
    name: 'events of an unknown run',
    method: 'GET',
    path: () => '/api/runs/run_missing/events',
    status: 404,
    code: 'run_not_found',
  },
  {
    name: 'events after a bad Last-Event-ID',
    method: 'GET',
    path: () => `/api/runs/${runId}/events`,
    headers: { 'last-event-id': 'x' },
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'events after a negative seq',
    method: 'GET',
    path: () => `/api/runs/${runId}/events?after=-1`,
    status: 400,
    code: 'invalid_request',
    errorPath: 'after',
  },
  {
    name: 'cancel an unknown run',
    method: 'POST',
    path: () => '/api/runs/run_missing/cancel',
    status: 404,
    code: 'run_not_found',
  },
  {
    name: 'cancel a finished run',
    method: 'POST',
    path: () => `/api/runs/${runId}/cancel`,
    status: 409,
    code: 'run_finished',
  },
  {
    name: 'list with a zero limit',
    method: 'GET',
    path: () => '/api/runs?limit=0',
    status: 400,
    code: 'invalid_request',
    errorPath: 'limit',
  },
  {
    name: 'list with a non-numeric limit',
    method: 'GET',
    path: () => '/api/runs?limit=all',
    status: 400,
    code: 'invalid_request',
    errorPath: 'limit',
  },
  {
    name: 'upload over the limit',
    method: 'POST',
    path: () => '/api/blobs',
    body: new Uint8Array(65),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'upload of text',
    method: 'POST',
    path: () => '/api/blobs',
    body: 'hello',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'malformed blob id',
    method: 'GET',
    path: () => '/api/blobs/xyz',
    status: 400,
    code: 'invalid_blob_id',
    errorPath: 'blob',
  },
  {
    name: 'unknown blob',
    method: 'GET',
    path: () => `/api/blobs/${'a'.repeat(64)}`,
    status: 404,
    code: 'blob_not_found',
  },
];

describe('bad input gets a 4xx with { error: { code, message, path? } }', () => {
  it.each(cases)('$name → $status $code', async (c) => {
    const sent =
      typeof c.body === 'string'
        ? c.body.replaceAll('$WF', workflowId).replaceAll('$BLOB', blobId)
        : c.body;
    const res = await t.app.request(c.path(), {
      method: c.method,
      body: sent,
      headers: c.headers,
    });
    const text = await res.text();
    expect(res.status, text).toBe(c.status);
    const { error } = JSON.parse(text) as {
      error: { code: string; message: string; path?: string };
    };
    expect(error.code).toBe(c.code);
    expect(error.message.length).toBeGreaterThan(5);
    if (c.errorPath !== undefined) expect(error.path).toBe(c.errorPath);
  });

  it('records nothing for a refused run', async () => {
    const before = t.deps.runs.list({ limit: 500 }).length;
    await t.app.request('/api/runs', { method: 'POST', body: body({ workflow: unknownType }) });
    expect(t.deps.runs.list({ limit: 500 })).toHaveLength(before);
  });
});

import type { FieldSpec, ImageValue, PortSpec, Workflow } from '@atelier/graph';
import { NodeError } from '@atelier/nodes';
import type {
  NodeContext,
  NodeDefinition,
  NodeRegistry,
  NodeUsage,
  ResponseObject,
} from '@atelier/nodes';
import { z } from 'zod';

/**
 * Toy node types for engine tests and benchmarks: small, deterministic, and shaped like
 * the real catalogue (sources, text calls, image calls with partial images, failures).
 */

const text = (name: string, extra: Partial<PortSpec> = {}): PortSpec => ({
  name,
  kind: 'text',
  label: name,
  ...extra,
});
const image = (name: string, extra: Partial<PortSpec> = {}): PortSpec => ({
  name,
  kind: 'image',
  label: name,
  ...extra,
});

const base = {
  version: 1,
  description: 'toy',
  fields: [] as FieldSpec[],
  role: 'step',
  view: { width: 270, preview: 'none' },
} as const;

const outputText = (response: ResponseObject): string =>
  response.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => (part.type === 'output_text' ? part.text : ''))
    .join('');

const usageOf = (
  response: ResponseObject,
  model: string,
  extra: Partial<NodeUsage> = {},
): NodeUsage => ({
  model,
  inputTokens: response.usage?.input_tokens ?? 0,
  cachedInputTokens: response.usage?.input_tokens_details?.cached_tokens ?? 0,
  outputTokens: response.usage?.output_tokens ?? 0,
  imageCalls: [],
  webSearchCalls: 0,
  requests: 1,
  ...extra,
});

const textSchema = z.object({ text: z.string().default('') });
/** `text`: a source node (no API): outputs its `text` field. */
export const textNode: NodeDefinition<typeof textSchema> = {
  ...base,
  type: 'text',
  title: 'Text',
  category: 'input',
  inputs: [],
  outputs: [text('text')],
  data: textSchema,
  callsApi: false,
  run: async (ctx) => ({ outputs: { text: ctx.data.text } }),
};

const concatSchema = z.object({ sep: z.string().default(' ') });
/** `concat`: joins its `parts` (a multiple text port) with `sep`. No API. */
export const concatNode: NodeDefinition<typeof concatSchema> = {
  ...base,
  type: 'concat',
  title: 'Concat',
  category: 'input',
  inputs: [text('parts', { multiple: true })],
  outputs: [text('text')],
  data: concatSchema,
  callsApi: false,
  run: async (ctx) => ({
    outputs: { text: ((ctx.inputs.parts as string[] | undefined) ?? []).join(ctx.data.sep) },
  }),
};

const askSchema = z.object({
  prompt: z.string().default(''),
  variant: z.number().int().default(0),
  max_age: z.number().optional(),
});
const ask = async (ctx: NodeContext<z.infer<typeof askSchema>>, tools?: 'web_search') => {
  const parts = [ctx.data.prompt, ctx.inputs.prompt, ...((ctx.inputs.context as string[]) ?? [])];
  const input = parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
  const response = await ctx.responses.create(
    {
      model: ctx.models.model,
      input,
      ...(tools ? { tools: [{ type: 'web_search' as const }] } : {}),
    },
    { signal: ctx.signal },
  );
  return {
    outputs: { text: outputText(response) },
    usage: usageOf(response, ctx.models.model, { webSearchCalls: tools ? 1 : 0 }),
  };
};
/** `ask`: one text call with its prompt field + `prompt` input + `context` inputs. */
export const askNode: NodeDefinition<typeof askSchema> = {
  ...base,
  type: 'ask',
  title: 'Ask',
  category: 'search',
  inputs: [text('prompt', { optional: true }), text('context', { multiple: true, optional: true })],
  outputs: [text('text')],
  data: askSchema,
  callsApi: true,
  run: (ctx) => ask(ctx),
};

/** `search`: like `ask` with a web_search tool, and `max_age` (seconds) freshness. */
export const searchNode: NodeDefinition<typeof askSchema> = {
  ...askNode,
  type: 'search',
  title: 'Search',
  maxAgeSeconds: (data) => data.max_age,
  run: (ctx) => ask(ctx, 'web_search'),
};

const pictureSchema = z.object({ image: z.custom<ImageValue>().nullable().default(null) });
/** `picture`: a reference-like source node: outputs its `image` field. No API. */
export const pictureNode: NodeDefinition<typeof pictureSchema> = {
  ...base,
  type: 'picture',
  title: 'Picture',
  category: 'input',
  inputs: [],
  outputs: [image('image')],
  data: pictureSchema,
  callsApi: false,
  run: async (ctx) => {
    if (!ctx.data.image) throw new NodeError('invalid_input', 'no image chosen');
    return { outputs: { image: ctx.data.image } };
  },
};

const paintSchema = z.object({
  size: z.string().default('1024x1024'),
  quality: z.string().default('low'),
  partial_images: z.number().int().default(0),
  variant: z.number().int().default(0),
});
/** `paint`: an image call (partial images become progress events), image out. */
export const paintNode: NodeDefinition<typeof paintSchema> = {
  ...base,
  type: 'paint',
  title: 'Paint',
  category: 'image',
  inputs: [text('prompt'), image('references', { multiple: true, optional: true })],
  outputs: [image('image')],
  data: paintSchema,
  callsApi: true,
  run: async (ctx) => {
    const refs = (ctx.inputs.references as ImageValue[] | undefined) ?? [];
    const input = [String(ctx.inputs.prompt ?? ''), ...refs.map((r) => `ref ${r.blob}`)].join('\n');
    const response = await ctx.responses.create(
      {
        model: ctx.models.model,
        input,
        tools: [
          {
            type: 'image_generation',
            model: ctx.models.imageModel,
            size: ctx.data.size,
            quality: ctx.data.quality,
            partial_images: ctx.data.partial_images,
          },
        ],
      },
      {
        signal: ctx.signal,
        onEvent: (event) => {
          if (event.type !== 'response.image_generation_call.partial_image') return;
          const e = event as { partial_image_index: number; partial_image_b64: string };
          void ctx.blobs
            .put(Buffer.from(e.partial_image_b64, 'base64'))
            .then((stored) =>
              ctx.progress({ type: 'partial_image', index: e.partial_image_index, image: stored }),
            );
        },
      },
    );
    const call = response.output.find((item) => item.type === 'image_generation_call');
    if (!call || call.type !== 'image_generation_call' || !call.result)
      throw new NodeError('no_image', 'the response had no image');
    const stored = await ctx.blobs.put(Buffer.from(call.result, 'base64'));
    const out: ImageValue = {
      ...stored,
      provider: ctx.responses.identity,
      responseId: response.id,
      callId: call.id,
    };
    return {
      outputs: { image: out },
      usage: usageOf(response, ctx.models.model, {
        imageCalls: [
          {
            model: ctx.models.imageModel,
            size: call.size ?? ctx.data.size,
            quality: call.quality ?? ctx.data.quality,
            partialImages: ctx.data.partial_images,
            inputImages: refs.length,
          },
        ],
      }),
    };
  },
};

const describeSchema = z.object({});
/** `describe`: a text call about its input image (sends the blob id). */
export const describeNode: NodeDefinition<typeof describeSchema> = {
  ...base,
  type: 'describe',
  title: 'Describe',
  category: 'image',
  inputs: [image('image')],
  outputs: [text('text')],
  data: describeSchema,
  callsApi: true,
  run: async (ctx) => {
    const img = ctx.inputs.image as ImageValue;
    const response = await ctx.responses.create(
      { model: ctx.models.model, input: `describe ${img.blob}` },
      { signal: ctx.signal },
    );
    return { outputs: { text: outputText(response) }, usage: usageOf(response, ctx.models.model) };
  },
};

const failSchema = z.object({
  code: z.string().default('moderation_blocked'),
  message: z.string().default('Your request was rejected by the safety system.'),
});
/** `fail`: always throws NodeError(code, message). No API. */
export const failNode: NodeDefinition<typeof failSchema> = {
  ...base,
  type: 'fail',
  title: 'Fail',
  category: 'input',
  inputs: [text('in', { optional: true })],
  outputs: [text('text')],
  data: failSchema,
  callsApi: false,
  run: async (ctx) => {
    throw new NodeError(ctx.data.code, ctx.data.message);
  },
};

export const toyRegistry: NodeRegistry = new Map<string, NodeDefinition>(
  [textNode, concatNode, askNode, searchNode, pictureNode, paintNode, describeNode, failNode].map(
    (def) => [def.type, def as unknown as NodeDefinition],
  ),
);

export interface ToyNode {
  id: string;
  type: string;
  data?: Record<string, unknown>;
  position?: { x: number; y: number };
  view?: Record<string, unknown>;
}

/**
 * A workflow from toy nodes and edges written `"a.text -> b.prompt"`; node data gets its
 * defaults from the type's schema, as validation would.
 */
export const toyWorkflow = (
  nodes: ToyNode[],
  edges: string[] = [],
  registry: NodeRegistry = toyRegistry,
): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name: 'toy',
  inputs: [],
  nodes: nodes.map((node) => {
    const definition = registry.get(node.type);
    if (!definition) throw new Error(`toyWorkflow: unknown type ${node.type}`);
    return {
      id: node.id,
      type: node.type,
      position: node.position ?? { x: 0, y: 0 },
      data: definition.data.parse(node.data ?? {}) as Record<string, unknown>,
      ...(node.view ? { view: node.view } : {}),
    };
  }),
  edges: edges.map((edge, i) => {
    const match = /^([\w.:-]+)\.(\w+)\s*->\s*([\w.:-]+)\.(\w+)$/.exec(edge);
    if (!match) throw new Error(`toyWorkflow: bad edge "${edge}"`);
    const [, source, sourceHandle, target, targetHandle] = match as unknown as string[];
    return {
      id: `e${i}`,
      source: source!,
      sourceHandle: sourceHandle!,
      target: target!,
      targetHandle: targetHandle!,
    };
  }),
});

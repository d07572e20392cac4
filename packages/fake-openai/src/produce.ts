import { randomBytes } from 'node:crypto';
import { MESSAGES } from './errors';
import type { IdFactory } from './ids';
import { encodeFinal, encodePartial, renderImage } from './image/image-call';
import type { PreparedResponse } from './prepare';
import { baseResponse, estimateUsage, type Json, type ResponseObject } from './response-object';
import { emitMessage } from './message';
import { emptyImageGenUsage, imageGenUsage, type ToolUsage } from './tool-usage';
import type { UrlCitation } from './web-search';

/** Where events go: an SSE stream, or nowhere when the client asked for plain JSON. */
export interface EventSink {
  readonly streaming: boolean;
  /** Sends one event (the sink adds sequence_number); rejects when the stream must stop. */
  emit(event: Json): Promise<void>;
  /** Waits the configured per-partial-image latency. */
  imageDelay(): Promise<void>;
}

export interface ProduceCounters {
  images: number;
  partialImages: number;
  webSearches: number;
  imagesByModel: Record<string, number>;
}

export interface ProduceOptions {
  prepared: PreparedResponse;
  ids: IdFactory;
  sink: EventSink;
  counters: ProduceCounters;
  /** insufficient_quota after response.in_progress (the recorded error stream). */
  quota: boolean;
  /** The image call is refused by moderation ([sim:moderation]). */
  moderation: boolean;
  /** The fake's clock, ms since the epoch. */
  now(): number;
  /** The mainline model reasons (a reasoning item before each tool call). */
  reasoning: boolean;
  /** Report `tool_usage` (false: omitted, as when the API has no tool usage to report). */
  toolUsage: boolean;
}

const REFUSAL =
  "I can't create that image: the request was rejected by the safety system (simulated moderation).";

/**
 * Produces one response in the order of the recorded real streams and returns the final
 * Response object (what response.completed carries and the store keeps).
 */
export async function produceResponse(options: ProduceOptions): Promise<ResponseObject> {
  const { prepared, ids, sink, counters } = options;
  const request = prepared.request;
  const seconds = (): number => Math.floor(options.now() / 1000);
  const response = baseResponse(
    request,
    ids.response,
    seconds(),
    prepared.tools,
    options.reasoning,
  );
  const output = response.output;
  const emit = sink.emit.bind(sink);
  const obfuscate = (delta: string): Json =>
    // The real API pads each delta to a multiple of 16 characters with random base64url.
    request.obfuscation
      ? {
          obfuscation: randomBytes(12)
            .toString('base64url')
            .slice(0, (16 - (delta.length % 16)) % 16),
        }
      : {};

  await emit({ type: 'response.created', response });
  await emit({ type: 'response.in_progress', response });
  if (options.quota) {
    await emit({
      type: 'error',
      error: {
        type: 'insufficient_quota',
        code: 'insufficient_quota',
        message: MESSAGES.quota,
        param: null,
      },
    });
    response.status = 'failed';
    response.error = { code: 'insufficient_quota', message: MESSAGES.quota };
    await emit({ type: 'response.failed', response });
    return response;
  }

  const addItem = async (item: Json, added: Json = item): Promise<number> => {
    output.push(item);
    await emit({
      type: 'response.output_item.added',
      output_index: output.length - 1,
      item: added,
    });
    return output.length - 1;
  };
  const reasoning = async (): Promise<void> => {
    if (!options.reasoning) return;
    const item = { id: ids.item('rs'), type: 'reasoning', summary: [] };
    const index = await addItem(item);
    await emit({ type: 'response.output_item.done', output_index: index, item });
  };

  await reasoning();
  let toolCalls = 0;
  let text = request.prompt
    ? `This is a simulated reply from the Atelier fake Responses API to: ${request.prompt}`
    : '';
  let annotations: UrlCitation[] = [];

  let searches = 0;
  if (prepared.search) {
    const { result } = prepared.search;
    for (const action of result.actions) {
      const id = ids.item('ws');
      const index = await addItem({ id, type: 'web_search_call', status: 'in_progress' });
      const incomplete = result.incomplete && action.type === 'search';
      const phases = incomplete
        ? ['in_progress', 'searching']
        : ['in_progress', 'searching', 'completed'];
      for (const phase of phases)
        await emit({ type: `response.web_search_call.${phase}`, output_index: index, item_id: id });
      const shown: Json = { ...action };
      // Like the real API, sources are listed only when `include` asks for them.
      if (action.type === 'search' && request.include.includes('web_search_call.action.sources'))
        shown.sources = result.sources.map((s) => ({ type: 'url', url: s.url }));
      const status = incomplete ? 'incomplete' : 'completed';
      const item = { id, type: 'web_search_call', status, action: shown };
      output[index] = item;
      await emit({ type: 'response.output_item.done', output_index: index, item });
      // Only searches are billed (tool_usage.web_search.num_requests); opening a page is not.
      if (action.type === 'search') {
        counters.webSearches += 1;
        searches += 1;
      }
      toolCalls += 1;
    }
    text = result.text;
    annotations = result.annotations;
    if (prepared.image) await reasoning();
  }

  let imageUsage: ToolUsage['image_gen'] | null = null;
  let refused = false;
  if (prepared.image) {
    const plan = prepared.image;
    const id = ids.item('ig');
    const index = await addItem({ id, type: 'image_generation_call', status: 'in_progress' });
    await emit({
      type: 'response.image_generation_call.in_progress',
      output_index: index,
      item_id: id,
    });
    await emit({
      type: 'response.image_generation_call.generating',
      output_index: index,
      item_id: id,
    });
    toolCalls += 1;
    const described = {
      size: plan.size,
      quality: plan.quality,
      background: plan.background,
      output_format: plan.outputFormat,
    };
    let item: Json;
    if (options.moderation) {
      refused = true;
      item = {
        id,
        type: 'image_generation_call',
        status: 'failed',
        result: null,
        error: {
          code: 'moderation_blocked',
          message: MESSAGES.moderation,
          param: null,
          type: 'image_generation_user_error',
          moderation_details: { categories: ['simulated'], moderation_stage: 'input' },
        },
      };
      imageUsage = imageGenUsage(plan, { partials: 0, refused: true });
    } else {
      const pixels = await renderImage(plan);
      if (sink.streaming) {
        const count = plan.input.tool.partialImages;
        for (let p = 0; p < count; p += 1) {
          await sink.imageDelay();
          const bytes = await encodePartial(plan, pixels, p, count);
          await emit({
            type: 'response.image_generation_call.partial_image',
            output_index: index,
            item_id: id,
            partial_image_index: p,
            partial_image_b64: bytes.toString('base64'),
            ...described,
          });
          counters.partialImages += 1;
        }
        await sink.imageDelay();
      }
      const final = await encodeFinal(plan, pixels);
      counters.images += 1;
      const model = plan.input.tool.model;
      counters.imagesByModel[model] = (counters.imagesByModel[model] ?? 0) + 1;
      imageUsage = imageGenUsage(plan, {
        partials: sink.streaming ? plan.input.tool.partialImages : 0,
        refused: false,
      });
      item = {
        id,
        type: 'image_generation_call',
        status: 'completed',
        ...described,
        result: final.toString('base64'),
        revised_prompt: plan.revisedPrompt,
        action: plan.mode,
      };
      await emit({
        type: 'response.image_generation_call.completed',
        output_index: index,
        item_id: id,
      });
    }
    output[index] = item;
    await emit({ type: 'response.output_item.done', output_index: index, item });
    if (!prepared.search) text = '';
  }

  const message = await emitMessage({
    ids,
    emit,
    addItem,
    output,
    obfuscate,
    text,
    annotations,
    refusal: refused ? REFUSAL : null,
  });
  response.status = 'completed';
  response.completed_at = seconds();
  response.service_tier = 'default';
  response.usage = estimateUsage({
    prompt: request.prompt,
    images: prepared.inputImageCount,
    chained: request.previousResponseId !== null,
    text: message,
    imageCalls: prepared.image ? 1 : 0,
    searchCalls: toolCalls - (prepared.image ? 1 : 0),
    reasoning: options.reasoning,
  });
  // Every response that used a tool reports its usage, as the real API does since late 2026.
  if (options.toolUsage && (imageUsage !== null || prepared.search !== null)) {
    const toolUsage: ToolUsage = {
      image_gen: imageUsage ?? emptyImageGenUsage(),
      web_search: { num_requests: searches },
    };
    response.tool_usage = toolUsage;
  }
  await emit({ type: 'response.completed', response });
  return response;
}

import { MAX_SEARCHES_PER_IMAGE_CALL } from './limits';
import type { ImageValue } from '@atelier/graph';
import type { ImageCallUsage, NodeContext, NodeResult, NodeUsage } from './context';
import { dataUrl, decodeBase64 } from './base64';
import type { ImageFieldsData } from './image-fields';
import { MAX_REQUEST_IMAGE_BYTES } from './limits';
import { imageModelProblems, takesAction, takesComplexity } from './models/image-model-rules';
import { resolveModel } from './models/model-issues';
import type {
  ImageGenerationTool,
  InputContent,
  OutputItem,
  ResponseObject,
  ResponsesRequest,
  ResponseStreamEvent,
} from './responses';
import { NodeError } from './responses';
import { imageToolTokens, mainlineUsage, messageText } from './response-output';

type ImageCallItem = Extract<OutputItem, { type: 'image_generation_call' }>;
type PartialImageEvent = Extract<
  ResponseStreamEvent,
  { type: 'response.image_generation_call.partial_image' }
>;

/** Mainline and image model of a node: its own fields, else the configured defaults. */
const modelsFor = (ctx: NodeContext<ImageFieldsData>) => ({
  model: resolveModel(ctx.data.model, ctx.models.model),
  imageModel: resolveModel(ctx.data.image_model, ctx.models.imageModel),
});

/**
 * The image_generation tool, one field per node field. `variant` is deliberately absent.
 * The node's choices were checked against the model before the run; they are checked again
 * here so that no path (a library caller, a stale plan) can pay for a call the API refuses.
 */
const imageTool = (
  data: ImageFieldsData & { input_fidelity?: string },
  imageModel: string,
  action: 'generate' | 'edit',
): ImageGenerationTool => {
  const problem = imageModelProblems(data, imageModel).find((p) => p.severity === 'error');
  if (problem) throw new NodeError('invalid_input', `${problem.field}: ${problem.message}.`);
  if (data.background === 'transparent' && data.output_format === 'jpeg')
    throw new NodeError('invalid_input', 'A transparent background needs PNG or WebP output.');
  return {
    type: 'image_generation',
    model: imageModel,
    // Without it, a chained edit (no image sent) may draw a new picture instead.
    ...(takesAction(imageModel) ? { action } : {}),
    size: data.size,
    quality: data.quality,
    background: data.background,
    output_format: data.output_format,
    // Only JPEG and WebP are compressed; PNG ignores it, so it is not sent.
    ...(data.output_format === 'png' ? {} : { output_compression: data.output_compression }),
    moderation: data.moderation,
    partial_images: data.partial_images,
    ...(data.complexity !== 'auto' && takesComplexity(imageModel)
      ? { complexity: data.complexity }
      : {}),
  };
};

/**
 * Tools, tool choice and the cap on tool calls. Without web search the image tool is forced
 * and the call capped at one tool call: one node is never billed for two images. With it,
 * the choice is "auto" plus an instruction (forcing `image_generation` would forbid the
 * search), capped at a few searches and the image; a response without an image is
 * reported as `no_image`, and every image it did produce is priced.
 */
const toolsFor = (
  data: ImageFieldsData,
  tool: ImageGenerationTool,
): Pick<
  ResponsesRequest,
  'tools' | 'tool_choice' | 'instructions' | 'max_tool_calls' | 'parallel_tool_calls'
> =>
  data.web_search
    ? {
        tools: [tool, { type: 'web_search' }],
        tool_choice: 'auto',
        instructions:
          'Search the web for any facts the request needs, then call the image_generation tool exactly once to produce the image.',
        max_tool_calls: MAX_SEARCHES_PER_IMAGE_CALL + 1,
        parallel_tool_calls: false,
      }
    : {
        tools: [tool],
        tool_choice: { type: 'image_generation' },
        max_tool_calls: 1,
        parallel_tool_calls: false,
      };

/**
 * The node's mainline model and image model, and the request fields that carry its tools:
 * the image tool from the node's fields, plus what `ownToolFields` adds for the resolved
 * image model (edit: `input_fidelity`, the mask), plus `store: false` when the server says so.
 */
export const imageRequestParts = async (
  ctx: NodeContext<ImageFieldsData>,
  action: 'generate' | 'edit',
  ownToolFields?: (imageModel: string) => Promise<Partial<ImageGenerationTool>>,
) => {
  const { model, imageModel } = modelsFor(ctx);
  // The node's fields are checked (imageTool throws) before its own fields are read.
  const tool = imageTool(ctx.data, imageModel, action);
  if (ownToolFields) Object.assign(tool, await ownToolFields(imageModel));
  return {
    model,
    imageModel,
    tools: { ...toolsFor(ctx.data, tool), ...(ctx.api?.store === false ? { store: false } : {}) },
  };
};

export const textPart = (text: string): InputContent => ({ type: 'input_text', text });

/** An image loaded for a request, with the name a person would look for if it is too big. */
export interface LoadedImage {
  label: string;
  bytes: Uint8Array;
  mime: string;
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Loads the images of one request in order, refusing before the call when their bytes
 * (counted before base64) pass the API's 50 MB per request, naming the image that tips it.
 */
export const loadImages = async (
  ctx: NodeContext<unknown>,
  images: { label: string; image: { blob: ImageValue['blob']; mime: string } }[],
): Promise<LoadedImage[]> => {
  const loaded: LoadedImage[] = [];
  let total = 0;
  for (const { label, image } of images) {
    const bytes = await ctx.blobs.get(image.blob);
    total += bytes.byteLength;
    if (total > MAX_REQUEST_IMAGE_BYTES)
      throw new NodeError(
        'request_too_large',
        `${label} brings the images of this call to ${megabytes(total)}, over the API's ${megabytes(MAX_REQUEST_IMAGE_BYTES)} per request: use fewer or smaller images (e.g. JPEG or WebP references).`,
      );
    loaded.push({ label, bytes, mime: image.mime });
  }
  return loaded;
};

export const imagePart = (image: LoadedImage): InputContent => ({
  type: 'input_image',
  image_url: dataUrl(image.mime, image.bytes),
  detail: 'auto',
});

const isPartialImage = (event: ResponseStreamEvent): event is PartialImageEvent =>
  event.type === 'response.image_generation_call.partial_image' &&
  typeof (event as { partial_image_b64?: unknown }).partial_image_b64 === 'string';

export interface StreamedImageCall {
  response: ResponseObject;
  /** Partial images received (each is priced). */
  partialImages: number;
}

/** Streams one request, storing and reporting partial images in arrival order. */
export const streamImageCall = async (
  ctx: NodeContext<unknown>,
  request: ResponsesRequest,
): Promise<StreamedImageCall> => {
  let partialImages = 0;
  let stored: Promise<void> = Promise.resolve();
  const onEvent = (event: ResponseStreamEvent): void => {
    if (!isPartialImage(event)) return;
    partialImages++;
    const { partial_image_index: index, partial_image_b64: b64 } = event;
    stored = stored
      .then(async () => {
        const image = await ctx.blobs.put(decodeBase64(b64));
        ctx.progress({ type: 'partial_image', index, image });
      })
      // A preview that cannot be stored is not worth failing the node over.
      .catch((error: unknown) =>
        ctx.log(`Partial image ${index} was not stored: ${String(error)}`),
      );
  };
  try {
    const response = await ctx.responses.create(request, {
      signal: ctx.signal,
      onEvent,
      log: (message) => ctx.log(message),
    });
    return { response, partialImages };
  } finally {
    await stored;
  }
};

const FRIENDLY: Record<string, string> = {
  moderation_blocked:
    "The image request was refused by OpenAI's safety system (moderation_blocked). Rephrase the prompt or instruction, or change the input images, and run again.",
  image_content_policy_violation:
    "An input image was refused by OpenAI's content policy (image_content_policy_violation). Use a different image.",
};

const clip = (text: string): string => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** Why a completed response carries no image, as a NodeError a person can act on. */
const noImageError = (response: ResponseObject, calls: ImageCallItem[]): NodeError => {
  const failed = calls.find((call) => call.error);
  if (failed?.error) {
    const code = failed.error.code ?? 'image_generation_failed';
    return new NodeError(
      code,
      FRIENDLY[code] ?? `The image tool failed (${code}): ${failed.error.message}`,
    );
  }
  const message = messageText(response);
  const text = message.text.trim();
  const refusal = message.refusal.trim();
  if (refusal)
    return new NodeError(
      'moderation_blocked',
      `${FRIENDLY.moderation_blocked} The model said: "${clip(refusal)}"`,
    );
  if (calls.some((call) => call.status === 'failed'))
    return new NodeError(
      'image_generation_failed',
      'The image tool call failed without saying why.',
    );
  return new NodeError(
    'no_image',
    text
      ? `The model answered without drawing an image: "${clip(text)}". Make the prompt ask for an image.`
      : 'The response completed without an image. Run again, or simplify the prompt.',
  );
};

/** The generated image, stored, with its provenance (lets a later edit chain on it). */
const storeResult = async (
  ctx: NodeContext<unknown>,
  response: ResponseObject,
): Promise<{ image: ImageValue; item: ImageCallItem; items: ImageCallItem[] }> => {
  const calls = response.output.filter(
    (item): item is ImageCallItem => item.type === 'image_generation_call',
  );
  // A non-null result is success even when the status still says "generating" (reference §6).
  const items = calls.filter((call) => typeof call.result === 'string' && call.result !== '');
  const item = items[0];
  if (!item) throw noImageError(response, calls);
  const stored = await ctx.blobs.put(decodeBase64(item.result!));
  const image: ImageValue = {
    ...stored,
    provider: ctx.responses.identity,
    responseId: response.id,
    callId: item.id,
  };
  return { image, item, items };
};

/**
 * A generate or edit node's result from its streamed call: the stored image, the revised
 * prompt (else the node's own `prompt`), and usage — mainline tokens plus one priced entry
 * per produced image (the partial images count on the first).
 */
export const imageResult = async (
  ctx: NodeContext<ImageFieldsData>,
  { response, partialImages }: StreamedImageCall,
  call: {
    prompt: string;
    imageModel: string;
    inputImages: number;
    requests: number;
  },
): Promise<NodeResult> => {
  const { image, item, items } = await storeResult(ctx, response);
  const tokens = imageToolTokens(response, call.imageModel);
  const usage: NodeUsage = {
    ...mainlineUsage(response),
    ...(tokens ? { imageTokens: tokens } : {}),
    imageCalls: items.map((produced, i): ImageCallUsage => ({
      model: call.imageModel,
      size: produced.size ?? ctx.data.size,
      quality: produced.quality ?? ctx.data.quality,
      partialImages: i === 0 ? partialImages : 0,
      inputImages: call.inputImages,
    })),
    requests: call.requests,
  };
  return { outputs: { image, revised_prompt: item.revised_prompt ?? call.prompt }, usage };
};

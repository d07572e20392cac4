import { invalidRequest } from '../errors';
import { STANDARD_SIZES, customSizeProblem, resolvedQuality, type ImageTool } from '../image-tool';
import { digest } from '../prng';
import type { RgbaImage } from './canvas';
import { encodeImage, resizeImage, type DecodedImage } from './codec';
import { drawOverlay } from './overlay';
import { encodeInPool, renderInPool } from './render-pool';
import { paletteFor, renderScene } from './scene';
import { composeMasked, maskBounds, partialBlocks, pixelate, tint } from './transform';

export interface KeyedImage {
  image: DecodedImage;
  /** Identity of the bytes for the request hash (the data URL or base64 it came from). */
  key: string;
  /** The image of previous_response_id: already in the model's context (cached input). */
  cached?: boolean;
}

export interface ImageCallInput {
  tool: ImageTool;
  prompt: string;
  /** A line from a web search done first in the same response, shown in the caption. */
  headline: string | null;
  inputs: KeyedImage[];
  mask: KeyedImage | null;
}

/** One image_generation_call, resolved: the fields the item reports and how to draw it. */
export interface ImageCallPlan {
  mode: 'generate' | 'edit';
  width: number;
  height: number;
  size: string;
  quality: string;
  background: 'transparent' | 'opaque';
  outputFormat: ImageTool['outputFormat'];
  revisedPrompt: string;
  keepAlpha: boolean;
  hash: Buffer;
  input: ImageCallInput;
}

const parseSize = (size: string): [number, number] => {
  const [w, h] = size.split('x').map(Number);
  return [w!, h!];
};

/** The standard size whose aspect ratio is closest (on a log scale, so 2:1 and 1:2 weigh alike). */
function closestStandardSize(width: number, height: number): string {
  const distance = (size: string): number => {
    const [w, h] = parseSize(size);
    return Math.abs(Math.log(width / height) - Math.log(w / h));
  };
  return STANDARD_SIZES.reduce((best, size) => (distance(size) < distance(best) ? size : best));
}

/**
 * What `size: "auto"` becomes. A fresh generation is square; from references, the standard
 * size nearest the first image's shape. An edit keeps its input's size only where the model
 * can produce it (gpt-image-2 and custom sizes); older models make only the standard sizes.
 */
function autoSize(
  mode: 'generate' | 'edit',
  customSizes: boolean,
  first: RgbaImage | undefined,
): string {
  if (!first) return '1024x1024';
  const own = `${first.width}x${first.height}`;
  if (mode === 'edit' && customSizes && customSizeProblem(own) === null) return own;
  return closestStandardSize(first.width, first.height);
}

/** Validates the call against its inputs (400s before anything is streamed) and resolves `auto`s. */
export function planImageCall(input: ImageCallInput): ImageCallPlan {
  const { tool, inputs, mask } = input;
  const param = (key: string): string => `tools[${tool.index}].${key}`;
  const base = inputs[0]?.image;
  const mode =
    tool.action === 'edit' || (tool.action === 'auto' && (base !== undefined || mask !== null))
      ? 'edit'
      : 'generate';
  if (mode === 'edit' && !base) {
    throw invalidRequest(
      mask
        ? 'input_image_mask needs an image to edit: add an input_image part to the user message or a previous_response_id whose response has an image.'
        : "action 'edit' needs an image to edit: add an input_image part to the user message or a previous_response_id whose response has an image.",
      mask ? param('input_image_mask') : param('action'),
      'invalid_value',
    );
  }
  if (mask && mode !== 'edit') {
    throw invalidRequest(
      "input_image_mask is only used by edits: set action to 'edit' or 'auto'.",
      param('input_image_mask'),
      'invalid_value',
    );
  }
  if (mask && base && (mask.image.width !== base.width || mask.image.height !== base.height)) {
    throw invalidRequest(
      `The mask is ${mask.image.width}x${mask.image.height} but the first input image is ${base.width}x${base.height}; they must have the same dimensions.`,
      param('input_image_mask'),
      'invalid_value',
    );
  }
  if (mask && !mask.image.hasAlpha) {
    throw invalidRequest(
      'The mask must have an alpha channel: transparent (alpha 0) pixels mark the area to edit.',
      param('input_image_mask.image_url'),
      'invalid_image_mode',
    );
  }
  const size =
    tool.size !== 'auto' ? tool.size : autoSize(mode, tool.capabilities.customSizes, base);
  const [width, height] = parseSize(size);
  const quality = resolvedQuality(tool.quality);
  const background = tool.background === 'transparent' ? 'transparent' : 'opaque';
  const hash = digest(
    JSON.stringify({
      prompt: input.prompt,
      headline: input.headline,
      model: tool.model,
      mode,
      size,
      quality,
      background,
      inputs: inputs.map((i) => digest(i.key).toString('hex')),
      mask: mask ? digest(mask.key).toString('hex') : null,
    }),
  );
  const palette = paletteFor(hash);
  const subject = input.prompt || 'an untitled scene';
  const revisedPrompt =
    mode === 'edit'
      ? `Simulated edit of the ${base!.width}x${base!.height} input image${mask ? ' inside the transparent area of the mask' : ''}: ${subject}. Rendered by the Atelier simulator with a ${palette.names[0]} tint.`
      : `Simulated image of ${subject}. Composition: a ${palette.names[0]} to ${palette.names[1]} gradient sky, a glowing sun, layered hills and scattered shapes${inputs.length > 0 ? `, with ${inputs.length} reference image${inputs.length > 1 ? 's' : ''} shown as thumbnails` : ''}; ${size}, ${quality} quality. Rendered by the Atelier simulator, not by a real model.`;
  return {
    mode,
    width,
    height,
    size,
    quality,
    background,
    outputFormat: tool.outputFormat,
    revisedPrompt,
    keepAlpha:
      tool.outputFormat !== 'jpeg' &&
      (background === 'transparent' || (mode === 'edit' && base!.hasAlpha)),
    hash,
    input,
  };
}

const caption = (plan: ImageCallPlan): string =>
  [plan.input.prompt || '(no prompt)', plan.input.headline ? `Web: ${plan.input.headline}` : '']
    .filter(Boolean)
    .join(' / ');

/** The final pixels of the call, drawn in the image worker pool (see render-pool.ts). */
export function renderImage(plan: ImageCallPlan): Promise<RgbaImage> {
  // Input keys can be megabytes of base64 and are only needed for the request hash, made already.
  const strip = (keyed: KeyedImage): KeyedImage => ({ image: keyed.image, key: '' });
  const input = {
    ...plan.input,
    inputs: plan.input.inputs.map(strip),
    mask: plan.input.mask && strip(plan.input.mask),
  };
  return renderInPool({ ...plan, input }, () => renderImageHere(plan));
}

/** The final pixels of the call, drawn in this thread (the worker's side of renderImage). */
export async function renderImageHere(plan: ImageCallPlan): Promise<RgbaImage> {
  const { input, width, height } = plan;
  const footnote = `${input.tool.model} ${plan.size} ${plan.quality} - Atelier simulator`;
  const scene = (w: number, h: number): RgbaImage =>
    renderScene({
      width: w,
      height: h,
      hash: plan.hash,
      quality: plan.quality,
      transparent: plan.background === 'transparent',
      references:
        plan.mode === 'generate'
          ? input.inputs.map((i) => i.image)
          : input.inputs.slice(1).map((i) => i.image),
    });
  if (plan.mode === 'generate') {
    const image = scene(width, height);
    drawOverlay(image, { caption: caption(plan), footnote });
    return image;
  }
  const base = input.inputs[0]!.image;
  // An edit asked for another size is resized (cover) before its caption and badge are drawn:
  // drawn first, cropping would cut them off (a square input made 1536x1024 lost both).
  const resized = base.width !== width || base.height !== height;
  const overlay = { caption: `Edit: ${caption(plan)}`, footnote };
  let result: RgbaImage;
  if (input.mask) {
    // Only pixels under transparent mask pixels change; the rest stay byte-identical.
    const fill = scene(base.width, base.height);
    // Caption and badge go inside the edited area, the only place where they can show —
    // unless the result is resampled anyway, then they go over the whole frame below.
    const area = maskBounds(input.mask.image) ?? undefined;
    if (!resized) drawOverlay(fill, { ...overlay, area, bandAlpha: 0.85 });
    result = composeMasked(base, fill, input.mask.image);
  } else {
    result = tint(base, paletteFor(plan.hash).colors[2], 0.35);
  }
  if (resized) result = await resizeImage(result, width, height);
  if (!input.mask || resized) drawOverlay(result, { ...overlay, bandAlpha: 0.9 });
  return result;
}

export const encodeFinal = (plan: ImageCallPlan, image: RgbaImage): Promise<Buffer> => {
  const task = {
    image,
    format: plan.outputFormat,
    compression: plan.input.tool.outputCompression,
    keepAlpha: plan.keepAlpha,
  };
  return encodeInPool(task, () =>
    encodeImage(image, task.format, task.compression, task.keepAlpha),
  );
};

/** Partial image `index` of `count`: the final image pixelated, coarse to fine. */
export function encodePartial(
  plan: ImageCallPlan,
  image: RgbaImage,
  index: number,
  count: number,
): Promise<Buffer> {
  const block = partialBlocks(image.width, image.height, count)[index]!;
  const task = {
    image,
    block,
    format: plan.outputFormat,
    compression: plan.input.tool.outputCompression,
    keepAlpha: plan.keepAlpha,
  };
  return encodeInPool(task, () =>
    encodeImage(pixelate(image, block), task.format, task.compression, task.keepAlpha),
  );
}

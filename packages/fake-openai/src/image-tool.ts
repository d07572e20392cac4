import { integerOutOfRange, invalidRequest, invalidType, invalidValue } from './errors';

export type OutputFormat = 'png' | 'webp' | 'jpeg';

/** The image_generation tool, validated, with its defaults filled in. */
export interface ImageTool {
  index: number;
  model: string;
  action: 'generate' | 'edit' | 'auto';
  size: string;
  quality: string;
  background: 'transparent' | 'opaque' | 'auto';
  outputFormat: OutputFormat;
  outputCompression: number;
  partialImages: number;
  moderation: 'auto' | 'low';
  inputFidelity: 'high' | 'low' | null;
  /** Data URL of the mask, when given. */
  mask: string | null;
  /** What response.tools echoes: the request's fields with the defaults filled in ("auto" stays "auto", as the real API does). */
  echo: Record<string, unknown>;
}

export const DEFAULT_IMAGE_MODEL = 'gpt-image-1';
export const STANDARD_SIZES = ['1024x1024', '1024x1536', '1536x1024'] as const;
const QUALITIES = ['low', 'medium', 'high', 'auto'] as const;
const QUALITIES_2_5 = [...QUALITIES, 'xhigh', 'max'] as const;
const BACKGROUNDS = ['transparent', 'opaque', 'auto'] as const;
const FORMATS = ['png', 'webp', 'jpeg'] as const;
const ACTIONS = ['generate', 'edit', 'auto'] as const;
const MODERATIONS = ['auto', 'low'] as const;
const FIDELITIES = ['high', 'low'] as const;

/** gpt-image-2 and later take any WxH within limits; older models only the standard sizes. */
export const takesCustomSizes = (model: string): boolean => /^gpt-image-2/.test(model);

/**
 * gpt-image-2 and its dated snapshots refuse `background: "transparent"` (SDK 6.49's doc
 * comment, reference §3). Later 2.x models are left alone: the reference says nothing of them.
 */
const refusesTransparency = (model: string): boolean =>
  /^gpt-image-2(-\d{4}-\d{2}-\d{2})?$/.test(model);

function pick<T extends string>(
  tool: Record<string, unknown>,
  key: string,
  param: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = tool[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw invalidValue(param, value, allowed);
  return value as T;
}

function integer(
  tool: Record<string, unknown>,
  key: string,
  param: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const value = tool[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw invalidType(param, 'an integer', value);
  if (value < min || value > max) throw integerOutOfRange(param, value, min, max);
  return value;
}

/** Why a `WxH` is not a gpt-image-2 size (reference §3), or null when it is one. */
export function customSizeProblem(size: string): string | null {
  // Canonical WxH only: "01024x1024" is not a size the API accepts (or echoes).
  const match = /^([1-9]\d*)x([1-9]\d*)$/.exec(size);
  const w = Number(match?.[1]);
  const h = Number(match?.[2]);
  return !match
    ? 'use WIDTHxHEIGHT in plain digits (no leading zeros), e.g. 1280x720, or auto'
    : w < 16 || h < 16 || w % 16 !== 0 || h % 16 !== 0
      ? 'both sides must be positive multiples of 16'
      : Math.max(w / h, h / w) > 3
        ? 'the aspect ratio must be between 1:3 and 3:1'
        : Math.max(w, h) > 3840 || Math.min(w, h) > 2160
          ? 'the image must fit within 3840x2160 (either orientation)'
          : null;
}

/** Checks a requested size against the model's rules; `auto` is resolved later, per call. */
export function checkSize(size: string, model: string, param: string): void {
  if (size === 'auto' || (STANDARD_SIZES as readonly string[]).includes(size)) return;
  if (!takesCustomSizes(model)) throw invalidValue(param, size, [...STANDARD_SIZES, 'auto']);
  const why = customSizeProblem(size);
  if (why)
    throw invalidRequest(`Invalid size '${size}' for ${model}: ${why}.`, param, 'invalid_value');
}

export function resolveImageTool(raw: Record<string, unknown>, index: number): ImageTool {
  const p = (key: string): string => `tools[${index}].${key}`;
  const modelValue = raw.model ?? DEFAULT_IMAGE_MODEL;
  if (typeof modelValue !== 'string' || modelValue === '')
    throw invalidType(p('model'), 'a string', modelValue);
  const model = modelValue;
  const action = pick(raw, 'action', p('action'), ACTIONS, 'auto');
  const sizeValue = raw.size ?? 'auto';
  if (typeof sizeValue !== 'string') throw invalidType(p('size'), 'a string', sizeValue);
  checkSize(sizeValue, model, p('size'));
  const quality = pick<string>(
    raw,
    'quality',
    p('quality'),
    /^gpt-image-2\.[5-9]/.test(model) ? QUALITIES_2_5 : QUALITIES,
    'auto',
  );
  const background = pick(raw, 'background', p('background'), BACKGROUNDS, 'auto');
  const outputFormat = pick(raw, 'output_format', p('output_format'), FORMATS, 'png');
  const outputCompression = integer(
    raw,
    'output_compression',
    p('output_compression'),
    0,
    100,
    100,
  );
  const partialImages = integer(raw, 'partial_images', p('partial_images'), 0, 3, 0);
  const moderation = pick(raw, 'moderation', p('moderation'), MODERATIONS, 'auto');
  const fidelityValue = raw.input_fidelity ?? null;
  const inputFidelity =
    fidelityValue === null
      ? null
      : pick(raw, 'input_fidelity', p('input_fidelity'), FIDELITIES, 'low');
  if (background === 'transparent' && outputFormat === 'jpeg') {
    throw invalidRequest(
      "Transparent background is not supported with output_format 'jpeg'; use 'png' or 'webp'.",
      p('background'),
      'invalid_value',
    );
  }
  if (background === 'transparent' && refusesTransparency(model)) {
    throw invalidRequest(
      `Transparent background is not supported for ${model}; use 'opaque' or 'auto'.`,
      p('background'),
      'invalid_value',
    );
  }
  if (
    inputFidelity === 'high' &&
    (model.startsWith('gpt-image-1-mini') || takesCustomSizes(model))
  ) {
    throw invalidRequest(
      `input_fidelity 'high' is not supported for ${model}; omit it or use 'low'.`,
      p('input_fidelity'),
      'invalid_value',
    );
  }
  let mask: string | null = null;
  if (raw.input_image_mask !== undefined && raw.input_image_mask !== null) {
    const m = raw.input_image_mask;
    if (typeof m !== 'object' || Array.isArray(m))
      throw invalidType(p('input_image_mask'), 'an object', m);
    const { image_url: url, file_id: fileId } = m as Record<string, unknown>;
    if (fileId !== undefined) {
      throw invalidRequest(
        'The fake Responses API has no Files API: send the mask as a data URL in image_url.',
        p('input_image_mask.file_id'),
        'unsupported_parameter',
      );
    }
    if (typeof url !== 'string')
      throw invalidRequest(
        `Missing required parameter: '${p('input_image_mask.image_url')}'.`,
        p('input_image_mask.image_url'),
        'missing_required_parameter',
      );
    mask = url;
  }
  const echo: Record<string, unknown> = {
    ...raw,
    type: 'image_generation',
    background,
    moderation,
    n: 1,
    output_compression: outputCompression,
    output_format: outputFormat,
    quality,
    size: sizeValue,
  };
  return {
    index,
    model,
    action,
    size: sizeValue,
    quality,
    background,
    outputFormat,
    outputCompression,
    partialImages,
    moderation,
    inputFidelity,
    mask,
    echo,
  };
}

/** `auto` quality resolves like the real API reports it. */
export const resolvedQuality = (quality: string): string =>
  quality === 'auto' ? 'medium' : quality;

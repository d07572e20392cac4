import {
  imageModelNotFound,
  integerOutOfRange,
  invalidRequest,
  invalidType,
  invalidValue,
} from './errors';
import { DEFAULT_IMAGE_MODEL, type ImageCapabilities, type ModelEntry } from './models';

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
  complexity: 'low' | 'medium' | 'high' | null;
  /** What the model accepts and how many tokens it makes (the fake's model table). */
  capabilities: ImageCapabilities;
  /** Data URL of the mask, when given. */
  mask: string | null;
  /** What response.tools echoes: the request's fields with the defaults filled in ("auto" stays "auto", as the real API does). */
  echo: Record<string, unknown>;
}

export const STANDARD_SIZES = ['1024x1024', '1024x1536', '1536x1024'] as const;
const BACKGROUNDS = ['transparent', 'opaque', 'auto'] as const;
const FORMATS = ['png', 'webp', 'jpeg'] as const;
const ACTIONS = ['generate', 'edit', 'auto'] as const;
const MODERATIONS = ['auto', 'low'] as const;
const FIDELITIES = ['high', 'low'] as const;
const COMPLEXITIES = ['low', 'medium', 'high'] as const;

/**
 * Custom size limits of gpt-image-2 and later (openai-api-2026-12.md §1a, 3rd-party but
 * consistent across gateways): total pixels, the long edge and the aspect ratio.
 */
export const SIZE_LIMITS = { minPixels: 655_360, maxPixels: 8_294_400, maxEdge: 3840, maxRatio: 3 };

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

/** Why a `WxH` is not a custom size (gpt-image-2 and later), or null when it is one. */
export function customSizeProblem(size: string): string | null {
  // Canonical WxH only: "01024x1024" is not a size the API accepts (or echoes).
  const match = /^([1-9]\d*)x([1-9]\d*)$/.exec(size);
  const w = Number(match?.[1]);
  const h = Number(match?.[2]);
  const { minPixels, maxPixels, maxEdge, maxRatio } = SIZE_LIMITS;
  const number = (n: number): string => n.toLocaleString('en-US');
  return !match
    ? 'use WIDTHxHEIGHT in plain digits (no leading zeros), e.g. 1280x720, or auto'
    : w % 16 !== 0 || h % 16 !== 0
      ? 'both sides must be multiples of 16'
      : Math.max(w / h, h / w) > maxRatio
        ? `the aspect ratio must be between 1:${maxRatio} and ${maxRatio}:1`
        : Math.max(w, h) > maxEdge
          ? `the long edge must be at most ${maxEdge} pixels`
          : w * h < minPixels || w * h > maxPixels
            ? `the total pixel count must be between ${number(minPixels)} and ${number(maxPixels)} (it is ${number(w * h)})`
            : null;
}

/** Checks a requested size against the model's rules; `auto` is resolved later, per call. */
export function checkSize(
  size: string,
  image: ImageCapabilities,
  model: string,
  param: string,
): void {
  if (size === 'auto' || (STANDARD_SIZES as readonly string[]).includes(size)) return;
  if (!image.customSizes) throw invalidValue(param, size, [...STANDARD_SIZES, 'auto']);
  const why = customSizeProblem(size);
  if (why)
    throw invalidRequest(`Invalid size '${size}' for ${model}: ${why}.`, param, 'invalid_value');
}

const unsupported = (param: string, model: string, advice: string): never => {
  throw invalidRequest(
    `Unsupported parameter: '${param}' is not supported with ${model}; ${advice}.`,
    param,
    'unsupported_parameter',
  );
};

/**
 * Validates one image_generation tool. `liveModel` gives the model table's entry of a model
 * that exists now (undefined for an unknown or shut-down one).
 */
export function resolveImageTool(
  raw: Record<string, unknown>,
  index: number,
  liveModel: (id: string) => ModelEntry | undefined,
): ImageTool {
  const p = (key: string): string => `tools[${index}].${key}`;
  const modelValue = raw.model ?? DEFAULT_IMAGE_MODEL;
  if (typeof modelValue !== 'string' || modelValue === '')
    throw invalidType(p('model'), 'a string', modelValue);
  const model = modelValue;
  const capabilities = liveModel(model)?.image;
  if (!capabilities) throw imageModelNotFound(model);
  const action = pick(raw, 'action', p('action'), ACTIONS, 'auto');
  const sizeValue = raw.size ?? 'auto';
  if (typeof sizeValue !== 'string') throw invalidType(p('size'), 'a string', sizeValue);
  checkSize(sizeValue, capabilities, model, p('size'));
  const quality = pick<string>(raw, 'quality', p('quality'), capabilities.qualities, 'auto');
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
  if (inputFidelity !== null && capabilities.inputFidelity.length === 0)
    unsupported(p('input_fidelity'), model, 'omit it (no gpt-image-2 model takes it)');
  if (inputFidelity !== null && !capabilities.inputFidelity.includes(inputFidelity))
    throw invalidValue(p('input_fidelity'), inputFidelity, capabilities.inputFidelity);
  const complexityValue = raw.complexity ?? null;
  if (complexityValue !== null && !capabilities.complexity)
    unsupported(p('complexity'), model, 'complexity is accepted by the gpt-image-2.6 models');
  const complexity =
    complexityValue === null
      ? null
      : pick(raw, 'complexity', p('complexity'), COMPLEXITIES, 'medium');
  if (background === 'transparent' && outputFormat === 'jpeg') {
    throw invalidRequest(
      "Transparent background is not supported with output_format 'jpeg'; use 'png' or 'webp'.",
      p('background'),
      'invalid_value',
    );
  }
  if (background === 'transparent' && !capabilities.transparent) {
    throw invalidRequest(
      `Transparent background is not supported for ${model}; use 'opaque' or 'auto'.`,
      p('background'),
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
    complexity,
    capabilities,
    mask,
    echo,
  };
}

/** `auto` quality resolves like the real API reports it. */
export const resolvedQuality = (quality: string): string =>
  quality === 'auto' ? 'medium' : quality;

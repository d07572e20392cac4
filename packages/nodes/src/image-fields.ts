import { z } from 'zod';
import type { Field } from './fields';
import { booleanField, fieldsOf, numberField, selectField, textField } from './fields';
import { isGptImage2 } from './models';

/** Sizes every image model accepts; gpt-image-2 also takes custom `WxH`. */
export const STANDARD_SIZES = ['auto', '1024x1024', '1024x1536', '1536x1024'] as const;

/**
 * Checks a custom `WxH` size against the gpt-image-2 rules (reference §3): both sides
 * divisible by 16, aspect ratio between 1:3 and 3:1, at most 3840x2160 pixels in area and
 * 3840 on the long side. Returns what is wrong, or undefined.
 */
export const customSizeProblem = (size: string): string | undefined => {
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(size);
  if (!match)
    return `expected one of ${STANDARD_SIZES.join(', ')} or a custom WIDTHxHEIGHT like 2048x1152`;
  const width = Number(match[1]);
  const height = Number(match[2]);
  if (width % 16 !== 0 || height % 16 !== 0) return `both sides of ${size} must be divisible by 16`;
  if (Math.max(width, height) > 3 * Math.min(width, height))
    return `the aspect ratio of ${size} must be between 1:3 and 3:1`;
  if (Math.max(width, height) > 3840 || width * height > 3840 * 2160)
    return `${size} is larger than the 3840x2160 maximum`;
  return undefined;
};

const sizeField = {
  spec: {
    kind: 'select' as const,
    label: 'Size',
    help: 'Custom WIDTHxHEIGHT sizes (multiples of 16, up to 3840x2160) need a gpt-image-2 model.',
    default: 'auto',
    allowCustom: true,
    placeholder: '2048x1152',
    options: [
      { value: 'auto', label: 'Auto' },
      { value: '1024x1024', label: 'Square 1024×1024' },
      { value: '1024x1536', label: 'Portrait 1024×1536' },
      { value: '1536x1024', label: 'Landscape 1536×1024' },
    ],
  },
  schema: z
    .string({ error: 'expected a size like "1024x1024"' })
    .default('auto')
    .superRefine((size, ctx) => {
      if ((STANDARD_SIZES as readonly string[]).includes(size)) return;
      const problem = customSizeProblem(size);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
} satisfies Field<z.ZodType>;

/** Fields shared by `generate` and `edit` (one to one with the image_generation tool). */
export const imageFieldDefs = {
  model: textField({
    label: 'Model',
    help: 'Mainline model that calls the image tool. Empty = the configured default.',
    placeholder: 'default',
    maxLength: 200,
  }),
  image_model: textField({
    label: 'Image model',
    help: 'Model inside the image_generation tool. Empty = the configured default.',
    placeholder: 'default',
    maxLength: 200,
  }),
  size: sizeField,
  quality: selectField({
    label: 'Quality',
    default: 'auto',
    options: [
      { value: 'auto', label: 'Auto' },
      { value: 'low', label: 'Low' },
      { value: 'medium', label: 'Medium' },
      { value: 'high', label: 'High' },
    ],
  }),
  background: selectField({
    label: 'Background',
    help: 'Transparent needs PNG or WebP output.',
    default: 'auto',
    options: [
      { value: 'auto', label: 'Auto' },
      { value: 'opaque', label: 'Opaque' },
      { value: 'transparent', label: 'Transparent' },
    ],
  }),
  output_format: selectField({
    label: 'Format',
    default: 'png',
    options: [
      { value: 'png', label: 'PNG' },
      { value: 'webp', label: 'WebP' },
      { value: 'jpeg', label: 'JPEG' },
    ],
  }),
  output_compression: numberField({
    label: 'Compression',
    help: 'JPEG/WebP quality, 0–100 (100 = least compression). Not used for PNG.',
    default: 100,
    min: 0,
    max: 100,
    step: 1,
    integer: true,
  }),
  moderation: selectField({
    label: 'Moderation',
    default: 'auto',
    options: [
      { value: 'auto', label: 'Auto' },
      { value: 'low', label: 'Low' },
    ],
  }),
  partial_images: numberField({
    label: 'Partial images',
    help: 'Previews streamed while the image is generated (0–3).',
    default: 2,
    min: 0,
    max: 3,
    step: 1,
    integer: true,
  }),
  web_search: booleanField({
    label: 'Web search',
    help: 'Let the model search the web inside the same call before drawing.',
    default: false,
  }),
  variant: numberField({
    label: 'Variant',
    help: 'Change to re-roll: a new variant is a new cache entry. Never sent to the API.',
    default: 0,
    min: 0,
    max: 1_000_000,
    step: 1,
    integer: true,
  }),
};

/** The shared fields' schema (generate and edit add their own refinements). */
export const imageFieldsSchema = fieldsOf(imageFieldDefs).schema;
export type ImageFieldsData = z.infer<typeof imageFieldsSchema>;

/** Cross-field rules of the image tool, checked before any API call. */
export const refineImageData = (data: ImageFieldsData, ctx: z.RefinementCtx): void => {
  if (data.background === 'transparent' && data.output_format === 'jpeg')
    ctx.addIssue({
      code: 'custom',
      path: ['background'],
      message: 'a transparent background needs output_format png or webp (JPEG has no alpha)',
    });
  if (data.output_format === 'png' && data.output_compression !== 100)
    ctx.addIssue({
      code: 'custom',
      path: ['output_compression'],
      message: 'output_compression applies only to jpeg or webp; use 100 with png',
    });
  const imageModel = data.image_model.trim();
  if (data.background === 'transparent' && isGptImage2(imageModel))
    ctx.addIssue({
      code: 'custom',
      path: ['background'],
      message: `${imageModel} does not make transparent backgrounds (the API refuses it); use gpt-image-1.5 for transparency, or background auto or opaque`,
    });
  if (
    imageModel &&
    !isGptImage2(imageModel) &&
    !(STANDARD_SIZES as readonly string[]).includes(data.size)
  )
    ctx.addIssue({
      code: 'custom',
      path: ['size'],
      message: `custom size ${data.size} needs a gpt-image-2 model (image_model is ${imageModel}); pick ${STANDARD_SIZES.join(', ')}`,
    });
};

import { z } from 'zod';
import type { Field } from './fields';
import { booleanField, fieldsOf, modelField, numberField, selectField } from './fields';
import type { ModelProblem } from './models/image-model-rules';
import { imageModelProblems, isStandardSize, STANDARD_SIZES } from './models/image-model-rules';

export { STANDARD_SIZES } from './models/image-model-rules';

const sizeField = {
  spec: {
    kind: 'select' as const,
    label: 'Size',
    help: 'Custom WIDTHxHEIGHT sizes (multiples of 16, long side ≤ 3840, ratio ≤ 3:1, 0.66–8.3 megapixels) need a gpt-image-2 model.',
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
    // The numbers are the model's business (imageModelProblems); here only the shape.
    .refine((size) => isStandardSize(size) || /^\d{2,5}x\d{2,5}$/.test(size), {
      message: `expected one of ${STANDARD_SIZES.join(', ')} or a custom WIDTHxHEIGHT like 2048x1152`,
    }),
} satisfies Field<z.ZodType>;

const AUTO = { value: 'auto', label: 'Auto' } as const;
/** The tool's effort levels, as quality and complexity both offer them. */
const LEVELS = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
] as const;

/** Fields shared by `generate` and `edit` (one to one with the image_generation tool). */
export const imageFieldDefs = {
  model: modelField({
    label: 'Model',
    family: 'mainline',
    help: 'Mainline model that calls the image tool. Empty = the configured default.',
    placeholder: 'default',
  }),
  image_model: modelField({
    label: 'Image model',
    family: 'image',
    help: 'Model inside the image_generation tool. Empty = the configured default.',
    placeholder: 'default',
  }),
  size: sizeField,
  quality: selectField({
    label: 'Quality',
    default: 'auto',
    options: [
      AUTO,
      ...LEVELS,
      { value: 'xhigh', label: 'Extra high (2.5 models)' },
      { value: 'max', label: 'Max (2.5 models)' },
    ],
  }),
  complexity: selectField({
    label: 'Complexity',
    help: 'How much the image model plans before drawing (gpt-image-2.6 only). Auto = not sent.',
    default: 'auto',
    options: [AUTO, ...LEVELS],
  }),
  background: selectField({
    label: 'Background',
    help: 'Transparent needs PNG or WebP output.',
    default: 'auto',
    options: [
      AUTO,
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
    options: [AUTO, LEVELS[0]],
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
};

/** The shared image rules for the resolved image model (size, quality, background, …). */
export const checkImageModel = (
  data: ImageFieldsData & { input_fidelity?: string },
  models: { imageModel: string },
): ModelProblem[] => imageModelProblems(data, models.imageModel);

import { defineNode } from './define';
import { fieldsOf } from './fields';
import { imageFieldDefs, refineImageData } from './image-fields';
import { runGenerate } from './generate-run';

const { fields, schema } = fieldsOf(imageFieldDefs);
const data = schema.superRefine(refineImageData);

export type GenerateData = ReturnType<typeof data.parse>;

/** Draws an image from a prompt with the Responses API `image_generation` tool. */
export const generateNode = defineNode({
  type: 'generate',
  version: 1,
  title: 'Generate image',
  category: 'image',
  description: 'Generates an image from a prompt, optional context and reference images.',
  inputs: [
    { name: 'prompt', kind: 'text', label: 'Prompt' },
    { name: 'context', kind: 'text', label: 'Context', multiple: true, optional: true },
    {
      name: 'references',
      kind: 'image',
      label: 'References',
      multiple: true,
      optional: true,
      max: 16,
    },
  ],
  outputs: [
    { name: 'image', kind: 'image', label: 'Image' },
    { name: 'revised_prompt', kind: 'text', label: 'Revised prompt' },
  ],
  fields,
  data,
  callsApi: true,
  run: runGenerate,
});

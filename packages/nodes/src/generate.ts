import type { z } from 'zod';
import { defineNode } from './define';
import { runGenerate } from './generate-run';
import { imageNodeParts } from './image-node';
import { MAX_IMAGES } from './limits';

const { references, ...shared } = imageNodeParts({}, MAX_IMAGES);

export type GenerateData = z.infer<typeof shared.data>;

/** Draws an image from a prompt with the Responses API `image_generation` tool. */
export const generateNode = defineNode({
  type: 'generate',
  version: 1,
  title: 'Generate image',
  category: 'image',
  role: 'step',
  view: { width: 300, preview: 'image' },
  description: 'Generates an image from a prompt, optional context and reference images.',
  inputs: [
    { name: 'prompt', kind: 'text', label: 'Prompt' },
    { name: 'context', kind: 'text', label: 'Context', multiple: true, optional: true },
    references,
  ],
  ...shared,
  run: runGenerate,
});

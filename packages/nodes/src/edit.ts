import type { z } from 'zod';
import { defineNode } from './define';
import { runEdit } from './edit-run';
import { selectField, textField } from './fields';
import { imageNodeParts } from './image-node';
import { MAX_IMAGES } from './limits';

const { references, fields, ...shared } = imageNodeParts(
  {
    // Typed on the card, as a web search's query is; a connected instruction overrides it.
    instruction: textField({
      label: 'Instruction',
      multiline: true,
      exposable: true,
      placeholder: 'Replace the background with a sunlit marble counter',
      help: 'What to change. A connected Instruction input is used instead of this text.',
    }),
    input_fidelity: selectField({
      label: 'Input fidelity',
      help: 'High keeps faces and details of the input closer (costs more). Only older models took it: it is not sent to the gpt-image-2 family.',
      default: 'low',
      options: [
        { value: 'low', label: 'Low' },
        { value: 'high', label: 'High' },
      ],
    }),
  },
  // 16 images per call in all, the edited image included.
  MAX_IMAGES - 1,
);

export type EditData = z.infer<typeof shared.data>;

/** Edits an image with an instruction; a mask limits the change to its transparent region. */
export const editNode = defineNode({
  type: 'edit',
  version: 1,
  title: 'Edit image',
  category: 'image',
  role: 'step',
  view: { width: 300, preview: 'image' },
  description:
    'Edits an image following an instruction, optionally inside a mask and with reference images.',
  inputs: [
    { name: 'image', kind: 'image', label: 'Image' },
    { name: 'instruction', kind: 'text', label: 'Instruction', inline: 'instruction' },
    { name: 'mask', kind: 'mask', label: 'Mask', optional: true },
    references,
  ],
  // The instruction first: it is what a person reads and types on the card.
  fields: [
    ...fields.filter((f) => f.name === 'instruction'),
    ...fields.filter((f) => f.name !== 'instruction'),
  ],
  ...shared,
  run: runEdit,
});

import { defineNode } from './define';
import { fieldsOf, selectField } from './fields';
import { imageFieldDefs, refineImageData } from './image-fields';
import { runEdit } from './edit-run';

const { fields, schema } = fieldsOf({
  ...imageFieldDefs,
  input_fidelity: selectField({
    label: 'Input fidelity',
    help: 'High keeps faces and details of the input closer (costs more). Not sent to gpt-image-2.',
    default: 'low',
    options: [
      { value: 'low', label: 'Low' },
      { value: 'high', label: 'High' },
    ],
  }),
});
const data = schema.superRefine(refineImageData);

export type EditData = ReturnType<typeof data.parse>;

/** Edits an image with an instruction; a mask limits the change to its transparent region. */
export const editNode = defineNode({
  type: 'edit',
  version: 1,
  title: 'Edit image',
  category: 'image',
  description:
    'Edits an image following an instruction, optionally inside a mask and with reference images.',
  inputs: [
    { name: 'image', kind: 'image', label: 'Image' },
    { name: 'instruction', kind: 'text', label: 'Instruction' },
    { name: 'mask', kind: 'mask', label: 'Mask', optional: true },
    {
      name: 'references',
      kind: 'image',
      label: 'References',
      multiple: true,
      optional: true,
      // 16 images per call in all, the edited image included.
      max: 15,
    },
  ],
  outputs: [
    { name: 'image', kind: 'image', label: 'Image' },
    { name: 'revised_prompt', kind: 'text', label: 'Revised prompt' },
  ],
  fields,
  data,
  callsApi: true,
  run: runEdit,
});

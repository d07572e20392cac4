import { defineNode } from './define';
import { fieldsOf, imageField } from './fields';
import { NodeError } from './responses';

const { fields, schema } = fieldsOf({
  image: imageField({
    label: 'Image',
    help: 'Upload a PNG, WebP or JPEG (up to 50 MB).',
    exposable: true,
    required: true,
  }),
});

/** An uploaded image, used as a reference for generate or as the image to edit. */
export const referenceNode = defineNode({
  type: 'reference',
  version: 1,
  title: 'Reference image',
  category: 'input',
  role: 'input',
  view: { width: 270, preview: 'none' },
  description: 'An uploaded image.',
  inputs: [],
  outputs: [{ name: 'image', kind: 'image', label: 'Image' }],
  fields,
  data: schema,
  callsApi: false,
  run: async ({ data, nodeId }) => {
    if (!data.image)
      throw new NodeError('missing_image', `Reference node ${nodeId} has no image: upload one.`);
    return { outputs: { image: data.image } };
  },
});

import { defineNode } from './define';
import { fieldsOf, textField } from './fields';

const { fields, schema } = fieldsOf({
  text: textField({
    label: 'Text',
    multiline: true,
    exposable: true,
    placeholder: 'Describe the image…',
  }),
});

/** A piece of text: the prompt of a generate, the instruction of an edit, a search query. */
export const promptNode = defineNode({
  type: 'prompt',
  version: 1,
  title: 'Prompt',
  category: 'input',
  role: 'input',
  view: { width: 270, preview: 'none' },
  description: 'Text to feed into other nodes.',
  inputs: [],
  outputs: [{ name: 'text', kind: 'text', label: 'Text' }],
  fields,
  data: schema,
  callsApi: false,
  run: async ({ data }) => ({ outputs: { text: data.text } }),
});

import { defineNode } from './define';
import { booleanField, fieldsOf, textField } from './fields';
import { textList } from './read-inputs';

const { fields, schema } = fieldsOf({
  separator: textField({
    label: 'Separator',
    default: ', ',
    help: 'Put between the texts, in the order their wires were connected. \\n is a new line.',
    maxLength: 200,
  }),
  skip_empty: booleanField({
    label: 'Skip empty texts',
    help: 'Leave out empty texts, so no separator is doubled.',
    default: true,
  }),
});

/** `\n` typed into the separator field means a new line (the field is one line). */
const unescape = (separator: string) => separator.replace(/\\n/g, '\n').replace(/\\t/g, '\t');

/** Joins several texts into one: a subject, a style and a setting composed into one prompt. */
export const textJoinNode = defineNode({
  type: 'text_join',
  version: 1,
  title: 'Join text',
  category: 'text',
  role: 'step',
  view: { width: 270, preview: 'text' },
  description: 'Joins several texts into one, e.g. to compose a prompt from parts.',
  inputs: [{ name: 'texts', kind: 'text', label: 'Texts', multiple: true }],
  outputs: [{ name: 'text', kind: 'text', label: 'Text' }],
  fields,
  data: schema,
  callsApi: false,
  run: async ({ data, inputs }) => {
    const raw = inputs.texts;
    const all = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (v): v is string => typeof v === 'string',
    );
    const texts = data.skip_empty ? textList(inputs, 'texts') : all;
    return { outputs: { text: texts.join(unescape(data.separator)) } };
  },
});

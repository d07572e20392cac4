import { describe, expect, it } from 'vitest';
import { registry } from './registry';
import { harness } from './testing/context';
import { textJoinNode } from './text-join';

describe('text_join', () => {
  it('joins its texts in port order with the separator', async () => {
    const { ctx } = harness(textJoinNode, {
      data: { separator: ', ' },
      inputs: { texts: ['A product shot', 'studio light', 'white background'] },
    });
    expect(await textJoinNode.run(ctx)).toEqual({
      outputs: { text: 'A product shot, studio light, white background' },
    });
  });

  it('skips empty texts by default, so no separator is doubled', async () => {
    const { ctx } = harness(textJoinNode, { inputs: { texts: ['a cat', '  ', 'a hat'] } });
    expect((await textJoinNode.run(ctx)).outputs.text).toBe('a cat, a hat');
  });

  it('keeps empty texts when asked to', async () => {
    const { ctx } = harness(textJoinNode, {
      data: { skip_empty: false, separator: '|' },
      inputs: { texts: ['a', '', 'b'] },
    });
    expect((await textJoinNode.run(ctx)).outputs.text).toBe('a||b');
  });

  it('reads \\n in the separator as a new line', async () => {
    const { ctx } = harness(textJoinNode, {
      data: { separator: '\\n' },
      inputs: { texts: ['line one', 'line two'] },
    });
    expect((await textJoinNode.run(ctx)).outputs.text).toBe('line one\nline two');
  });

  it('is registered, makes no API call and needs at least one text', () => {
    expect(registry.get('text_join')).toBe(textJoinNode);
    expect(textJoinNode.callsApi).toBe(false);
    expect(textJoinNode.inputs[0]).toMatchObject({ multiple: true });
    expect(textJoinNode.inputs[0]?.optional).toBeUndefined();
  });
});

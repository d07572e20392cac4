import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../store/types';
import { sameDocumentNodes } from './autosave';

const a: FlowNode = { id: 'p', type: 'prompt', position: { x: 1, y: 2 }, data: { text: 'hi' } };

describe('sameDocumentNodes', () => {
  it('ignores measured sizes and selection, which are not saved', () => {
    const viewed = { ...a, measured: { width: 270, height: 84 }, selected: true };
    expect(sameDocumentNodes([a], [viewed])).toBe(true);
  });

  it('sees a moved node, an edited field, and an added node', () => {
    expect(sameDocumentNodes([a], [{ ...a, position: { x: 5, y: 2 } }])).toBe(false);
    expect(sameDocumentNodes([a], [{ ...a, data: { text: 'hi' } }])).toBe(false);
    expect(sameDocumentNodes([a], [a, { ...a, id: 'q' }])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import type { FlowNode } from '../store/types';
import { sameDocumentNodes, startAutosave } from './autosave';

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

describe('startAutosave', () => {
  it('writes a change still waiting when the page goes away', () => {
    localStorage.clear();
    const stop = startAutosave();
    try {
      useDocument.getState().setName('Typed just before reload');
      expect(localStorage.length).toBe(0);
      window.dispatchEvent(new Event('pagehide'));
      expect(localStorage.getItem(localStorage.key(0)!)).toContain('Typed just before reload');
    } finally {
      stop();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const press = (key: string, target: EventTarget = document.body) => {
  const event = new KeyboardEvent('keydown', { key, ctrlKey: true, bubbles: true });
  Object.defineProperty(event, 'target', { value: target });
  return shortcutFor(event)?.name;
};

afterEach(() => {
  window.getSelection()?.removeAllRanges();
  document.body.innerHTML = '';
});

describe('shortcutFor', () => {
  it('copies nodes on Ctrl+C, but leaves Ctrl+C to the browser while text is selected', () => {
    expect(press('c')).toBe('copy');
    const message = document.createElement('p');
    message.textContent = 'moderation_blocked: rephrase the prompt';
    document.body.append(message);
    window.getSelection()?.selectAllChildren(message);
    expect(press('c')).toBeUndefined();
    expect(press('z')).toBe('undo');
  });

  it('leaves keys typed in a field to the field', () => {
    const input = document.createElement('textarea');
    expect(press('z', input)).toBeUndefined();
    expect(press('Enter', input)).toBe('run');
  });

  it('adds a note on Shift+N and groups the selection on Ctrl+G, not while typing', () => {
    const key = (k: string, init: KeyboardEventInit, target: EventTarget = document.body) => {
      const event = new KeyboardEvent('keydown', { key: k, bubbles: true, ...init });
      Object.defineProperty(event, 'target', { value: target });
      return shortcutFor(event)?.name;
    };
    expect(key('N', { shiftKey: true })).toBe('addNote');
    expect(key('g', { ctrlKey: true })).toBe('group');
    expect(key('N', { shiftKey: true }, document.createElement('textarea'))).toBeUndefined();
  });
});

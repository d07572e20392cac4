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
});

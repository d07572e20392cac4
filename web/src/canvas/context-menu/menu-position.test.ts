import { describe, expect, it } from 'vitest';
import { menuPosition } from './menu-position';

const WINDOW = { width: 1024, height: 768 };
const MENU = { width: 220, height: 300 };

describe('menuPosition', () => {
  it('opens right of and below the point when it fits', () => {
    expect(menuPosition({ x: 100, y: 100 }, MENU, WINDOW)).toEqual({ left: 100, top: 100 });
  });

  it('flips left and up near the bottom-right corner, staying whole on screen', () => {
    const at = { x: 1000, y: 740 };
    const { left, top } = menuPosition(at, MENU, WINDOW);
    expect(left).toBe(1000 - 220);
    expect(top).toBe(740 - 300);
  });

  it('pushes a menu that fits neither way against the far edge', () => {
    const { top } = menuPosition({ x: 10, y: 200 }, { width: 200, height: 600 }, WINDOW);
    expect(top).toBe(768 - 8 - 600);
  });

  it('starts a menu taller than the window at its top', () => {
    expect(menuPosition({ x: 10, y: 400 }, { width: 200, height: 900 }, WINDOW).top).toBe(8);
  });
});

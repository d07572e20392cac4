/**
 * How a person opens the canvas menus, as data: the key handler in CanvasMenus and the Help
 * panel both read it, so the two cannot disagree.
 */
export interface MenuShortcut {
  name: string;
  keys: string[];
  description: string;
}

export const MENU_SHORTCUTS: MenuShortcut[] = [
  {
    name: 'contextMenu',
    keys: ['Right-click'],
    description: 'The menu of a node, a wire, a note or group, or the canvas',
  },
  {
    name: 'contextMenuKeys',
    keys: ['Menu', 'Shift F10'],
    description: 'The same menu from the keyboard: the selected node’s, else the canvas menu',
  },
];

/** The Menu key (`ContextMenu`) or Shift+F10: open a menu from the keyboard. */
export const isMenuKey = (e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean =>
  e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');

/**
 * Every keyboard action as data (Excalidraw-style): one list drives the key handler and the
 * help panel, so the two cannot disagree.
 */
export interface ShortcutContext {
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  duplicate(): void;
  remove(): void;
  selectAll(): void;
  focusSearch(): void;
  run(): void;
  runSelected(): void;
  layout(): void;
  fitView(): void;
  addNote(): void;
  group(): void;
  save(): void;
  help(): void;
  escape(): void;
}

export interface Shortcut {
  name: keyof ShortcutContext;
  keys: string[];
  description: string;
  /** Also fires while typing in a field (e.g. Ctrl+S). */
  inFields?: boolean;
  /** `inField`: focus is in a text field, where plain keys belong to the field. */
  test(e: KeyboardEvent, inField: boolean): boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const key = (e: KeyboardEvent) => e.key.toLowerCase();

export const SHORTCUTS: Shortcut[] = [
  {
    name: 'focusSearch',
    keys: ['/', 'Ctrl K'],
    description: 'Search the palette (Enter adds the node)',
    test: (e, inField) => (e.key === '/' && !mod(e) && !inField) || (mod(e) && key(e) === 'k'),
    inFields: true,
  },
  {
    name: 'undo',
    keys: ['Ctrl Z'],
    description: 'Undo',
    test: (e) => mod(e) && !e.shiftKey && key(e) === 'z',
  },
  {
    name: 'redo',
    keys: ['Ctrl Shift Z', 'Ctrl Y'],
    description: 'Redo',
    test: (e) => mod(e) && ((e.shiftKey && key(e) === 'z') || key(e) === 'y'),
  },
  {
    name: 'copy',
    keys: ['Ctrl C'],
    description: 'Copy the selected nodes',
    test: (e) => mod(e) && key(e) === 'c',
  },
  {
    name: 'paste',
    keys: ['Ctrl V'],
    description: 'Paste nodes (or an image from the clipboard)',
    test: (e) => mod(e) && key(e) === 'v',
  },
  {
    name: 'duplicate',
    keys: ['Ctrl D'],
    description: 'Duplicate the selected nodes',
    test: (e) => mod(e) && key(e) === 'd',
  },
  {
    name: 'remove',
    keys: ['Delete', 'Backspace'],
    description: 'Delete the selection',
    test: (e) => (e.key === 'Delete' || e.key === 'Backspace') && !mod(e),
  },
  {
    name: 'selectAll',
    keys: ['Ctrl A'],
    description: 'Select every node, note and group',
    test: (e) => mod(e) && key(e) === 'a',
  },
  {
    name: 'run',
    keys: ['Ctrl Enter'],
    description: 'Run the whole graph',
    inFields: true,
    test: (e) => mod(e) && !e.shiftKey && e.key === 'Enter',
  },
  {
    name: 'runSelected',
    keys: ['Ctrl Shift Enter'],
    description: 'Run up to the selected node',
    inFields: true,
    test: (e) => mod(e) && e.shiftKey && e.key === 'Enter',
  },
  {
    name: 'layout',
    keys: ['Shift L'],
    description: 'Tidy up: auto-layout left to right',
    test: (e) => e.shiftKey && !mod(e) && key(e) === 'l',
  },
  {
    name: 'fitView',
    keys: ['Shift F'],
    description: 'Fit the graph in view',
    test: (e) => e.shiftKey && !mod(e) && key(e) === 'f',
  },
  {
    name: 'addNote',
    keys: ['Shift N'],
    description: 'Add a sticky note',
    test: (e) => e.shiftKey && !mod(e) && key(e) === 'n',
  },
  {
    name: 'group',
    keys: ['Ctrl G'],
    description: 'Group the selection (a group moves what is inside it)',
    test: (e) => mod(e) && !e.shiftKey && key(e) === 'g',
  },
  {
    name: 'save',
    keys: ['Ctrl S'],
    description: 'Save to the library',
    inFields: true,
    test: (e) => mod(e) && key(e) === 's',
  },
  { name: 'help', keys: ['?'], description: 'Show these shortcuts', test: (e) => e.key === '?' },
  {
    name: 'escape',
    keys: ['Esc'],
    description: 'Close panels, clear the selection',
    inFields: true,
    test: (e) => e.key === 'Escape',
  },
];

const typingIn = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return (
    el.tagName === 'INPUT' ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    el.isContentEditable
  );
};

/** Text selected on the page (an error message, a revised prompt): Ctrl+C copies that. */
const textSelected = (): boolean =>
  typeof window !== 'undefined' && (window.getSelection()?.toString() ?? '') !== '';

/** The shortcut a key press means here, if any (typing in a field keeps its keys). */
export const shortcutFor = (e: KeyboardEvent): Shortcut | undefined => {
  const inField = typingIn(e.target);
  const shortcut = SHORTCUTS.find((s) => (!inField || s.inFields) && s.test(e, inField));
  return shortcut?.name === 'copy' && textSelected() ? undefined : shortcut;
};

import { describe, expect, it } from 'vitest';
import { useDocument } from '../store/document-store';
import type { FlowNode } from '../model/types';
import { useSession } from '../store/session-store';
import {
  restoreDocument,
  restoredRun,
  sameDocumentNodes,
  startAutosave,
  UNREADABLE_KEY,
} from './autosave';

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
      const written = Object.keys(localStorage).map((key) => localStorage.getItem(key));
      expect(written.some((value) => value?.includes('Typed just before reload'))).toBe(true);
    } finally {
      stop();
    }
  });
});

describe('autosave in several tabs', () => {
  /** A tab: its own sessionStorage id; writes its document with the name given. */
  const writeAs = (name: string) => {
    const stop = startAutosave();
    useDocument.getState().setName(name);
    window.dispatchEvent(new Event('pagehide'));
    stop();
    return sessionStorage.getItem('atelier.tab.v1')!;
  };
  const restoredName = () => {
    useDocument.getState().setName('');
    return restoreDocument() ? useDocument.getState().name : undefined;
  };

  it("gives each tab its own slot: a reload restores the tab's own work, a new tab the latest", () => {
    localStorage.clear();
    sessionStorage.clear();
    const tabA = writeAs('Work in tab A');
    sessionStorage.clear(); // another tab
    writeAs('Work in tab B');
    sessionStorage.setItem('atelier.tab.v1', tabA); // tab A reloads
    expect(restoredName()).toBe('Work in tab A');
    sessionStorage.clear(); // a new tab
    expect(restoredName()).toBe('Work in tab B');
  });
});

describe('autosave and the run on screen', () => {
  it('remembers the run whose outputs are shown, so a reload can show them again', () => {
    localStorage.clear();
    sessionStorage.clear();
    const stop = startAutosave();
    useSession.getState().beginRun('run_42', ['p']);
    useSession.getState().set({ run: undefined }); // the run bar dismissed: outputs stay
    useDocument.getState().setName('Poster');
    window.dispatchEvent(new Event('pagehide'));
    stop();
    expect(restoreDocument()).toBe(true);
    expect(restoredRun()).toBe('run_42');
  });

  it('keeps an unreadable autosaved document aside and says so, instead of dropping it', () => {
    localStorage.clear();
    sessionStorage.clear();
    useSession.setState({ toasts: [] });
    const raw = JSON.stringify({
      workflow: { format: 'atelier.workflow', version: 99, nodes: [] },
    });
    localStorage.setItem('atelier.document.v1', raw);
    expect(restoreDocument()).toBe(false);
    expect(localStorage.getItem(UNREADABLE_KEY)).toBe(raw);
    expect(useSession.getState().toasts.at(-1)).toMatchObject({ kind: 'error' });
    expect(useSession.getState().toasts.at(-1)?.message).toMatch(/could not be read.*version 99/);
  });
});

import type { VersionAuthor } from '../db/workflow-repo';

/** One editor that has a workflow open: a browser tab, known by the session id it made up. */
export interface Viewer {
  session: string;
  /** The person (Actor id and name); two tabs of one person are two viewers. */
  id: string;
  name: string;
  /** When this tab opened the workflow (epoch ms). */
  since: number;
  /** Its last heartbeat (epoch ms). */
  seenAt: number;
}

/** A tab that stopped beating this long ago closed without saying so (crash, sleep, network). */
export const PRESENCE_TTL_MS = 30_000;

/** More open tabs than a studio has people: past it, new sessions are refused, not stored. */
export const MAX_VIEWERS = 100;

export type BeatResult = 'ok' | 'taken' | 'full';

/**
 * Who has which workflow open, in memory: presence is about the next few seconds, so a
 * restart forgetting it costs one heartbeat. Editors beat every few seconds and leave on close.
 */
export class PresenceRegistry {
  private readonly open = new Map<string, Map<string, Viewer>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = PRESENCE_TTL_MS,
  ) {}

  /**
   * Records a heartbeat. A session id belongs to whoever used it first: another person
   * reusing it is refused (`taken`) rather than taking over their entry.
   */
  beat(workflowId: string, session: string, who: VersionAuthor): BeatResult {
    const at = this.now();
    const viewers = this.viewersOf(workflowId, at);
    const known = viewers.get(session);
    if (known && known.id !== who.id) return 'taken';
    if (!known && viewers.size >= MAX_VIEWERS) return 'full';
    viewers.set(session, {
      session,
      id: who.id,
      name: who.name,
      since: known?.since ?? at,
      seenAt: at,
    });
    this.open.set(workflowId, viewers);
    return 'ok';
  }

  /** The tab closed the workflow: false when there was no such session of this person. */
  leave(workflowId: string, session: string, who: VersionAuthor): boolean {
    const viewers = this.open.get(workflowId);
    const known = viewers?.get(session);
    if (!viewers || !known || known.id !== who.id) return false;
    viewers.delete(session);
    if (viewers.size === 0) this.open.delete(workflowId);
    return true;
  }

  /** Who has the workflow open now, longest first. */
  list(workflowId: string): Viewer[] {
    const viewers = this.viewersOf(workflowId, this.now());
    if (viewers.size === 0) this.open.delete(workflowId);
    return [...viewers.values()].sort(
      (a, b) => a.since - b.since || a.session.localeCompare(b.session),
    );
  }

  /** The workflow's viewers, those gone quiet dropped. */
  private viewersOf(workflowId: string, at: number): Map<string, Viewer> {
    const viewers = this.open.get(workflowId) ?? new Map<string, Viewer>();
    for (const [session, viewer] of viewers)
      if (at - viewer.seenAt > this.ttlMs) viewers.delete(session);
    return viewers;
  }
}

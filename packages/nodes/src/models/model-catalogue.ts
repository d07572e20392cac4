import { MODEL_CATALOGUE } from './catalogue';
import type { IsoDate, ModelEntry, ModelFamily, Source } from './model-entry';

/** What the API's model list (`GET /v1/models`) says of one model. */
export interface LiveModel {
  id: string;
  /** Present on deprecated models. */
  shutdownDate?: IsoDate;
}

/**
 * - `active`: served, no shutdown announced;
 * - `deprecated`: served until `shutdownDate`;
 * - `shut_down`: past its shutdown date — a call fails;
 * - `unavailable`: the API's own list does not have it (for this key);
 * - `unknown`: neither the catalogue nor an API list knows it (cannot be checked or priced).
 */
export type ModelStatus = 'active' | 'deprecated' | 'shut_down' | 'unavailable' | 'unknown';

/** One model as the editor and the checks see it: the catalogue merged with the API's list. */
export interface ModelInfo {
  id: string;
  family: ModelFamily;
  status: ModelStatus;
  shutdownDate?: IsoDate;
  /** A live model of the same family to switch to (for deprecated and dead ones). */
  replacement?: string;
  /** Whether the shutdown date is OpenAI's or reported by others. */
  source?: Source;
  /** In Atelier's catalogue (capabilities and prices known). */
  catalogued: boolean;
  /** Listed by the API for this key (undefined when no list was fetched). */
  listed?: boolean;
  /** Mainline models: can call the image_generation tool. */
  imageTool?: boolean;
}

const DAY_MS = 86_400_000;
const SNAPSHOT = /^(.*)-\d{4}-\d{2}-\d{2}$/;
const isoDay = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `now` until the start (00:00 UTC) of `date`; ≤ 0 once it has come. */
export const daysUntil = (date: IsoDate, now: number): number =>
  Math.ceil((Date.parse(`${date}T00:00:00Z`) - now) / DAY_MS);

/** Guess a model's family from its name, for models only the API lists. */
const familyOf = (id: string): ModelFamily =>
  /^(gpt-image|chatgpt-image|dall-e)/.test(id) ? 'image' : 'mainline';

/**
 * The catalogue of models, optionally merged with the API's own list: the API's word wins on
 * which models exist and when they shut down; capabilities and prices come from the
 * catalogue. Snapshots (`name-YYYY-MM-DD`) resolve to their model; nothing is matched by a
 * name prefix (`gpt-5.6-sol` is not `gpt-5`).
 */
export class ModelCatalogue {
  private readonly byId = new Map<string, ModelEntry>();
  private readonly live?: Map<string, LiveModel>;

  constructor(
    readonly entries: readonly ModelEntry[] = MODEL_CATALOGUE,
    live?: readonly LiveModel[],
    /** When the live list was fetched (epoch ms). */
    readonly fetchedAt?: number,
  ) {
    for (const entry of entries) {
      this.byId.set(entry.id, entry);
      for (const snapshot of entry.snapshots ?? []) this.byId.set(snapshot, entry);
    }
    if (live) this.live = new Map(live.map((model) => [model.id, model]));
  }

  /** A copy merged with the API's list of models. */
  withLive(live: readonly LiveModel[], fetchedAt: number): ModelCatalogue {
    return new ModelCatalogue(this.entries, live, fetchedAt);
  }

  get hasLiveList(): boolean {
    return this.live !== undefined;
  }

  /** The catalogue entry of a model or of its dated snapshot. */
  find(id: string): ModelEntry | undefined {
    const direct = this.byId.get(id);
    if (direct) return direct;
    const base = SNAPSHOT.exec(id)?.[1];
    return base === undefined ? undefined : this.byId.get(base);
  }

  /** The API's entry for a model: itself, else its base name or one of its snapshots. */
  private listed(id: string, entry: ModelEntry | undefined): LiveModel | undefined {
    if (!this.live) return undefined;
    const names = entry ? [id, entry.id, ...(entry.snapshots ?? [])] : [id];
    for (const name of names) {
      const found = this.live.get(name);
      if (found) return found;
    }
    return undefined;
  }

  /** Status, dates and replacement of one model at time `now`. */
  info(id: string, now: number): ModelInfo {
    const entry = this.find(id);
    const listed = this.listed(id, entry);
    const family = entry?.family ?? familyOf(id);
    const info: ModelInfo = { id, family, status: 'active', catalogued: entry !== undefined };
    if (this.live) info.listed = listed !== undefined;
    if (entry?.family === 'mainline') info.imageTool = entry.imageTool;
    // The API's word wins over the catalogue's (a listed model's shutdown_date, or absence).
    const shutdownDate = listed ? listed.shutdownDate : entry?.lifecycle.shutdownDate;
    if (shutdownDate) {
      info.shutdownDate = shutdownDate;
      info.source = listed ? 'official' : entry?.lifecycle.source;
    }
    info.status = this.status(id, now);
    if (info.status !== 'active' && info.status !== 'unknown') {
      const replacement = this.replacementFor(id, family, now);
      if (replacement) info.replacement = replacement;
    }
    return info;
  }

  /** The lifecycle status alone (see ModelStatus). */
  status(id: string, now: number): ModelStatus {
    const entry = this.find(id);
    const listed = this.listed(id, entry);
    const shutdownDate = listed ? listed.shutdownDate : entry?.lifecycle.shutdownDate;
    if (!entry && !listed) return this.live ? 'unavailable' : 'unknown';
    if (shutdownDate && daysUntil(shutdownDate, now) <= 0) return 'shut_down';
    if (this.live && !listed) return 'unavailable';
    return shutdownDate ? 'deprecated' : 'active';
  }

  /**
   * A live model to use instead of `id`: its own replacement, followed until a live one
   * (replacements get deprecated too), else the newest live catalogued model of its family.
   */
  replacementFor(id: string, family: ModelFamily, now: number): string | undefined {
    const seen = new Set<string>([id]);
    let next = this.find(id)?.lifecycle.replacement;
    while (next && !seen.has(next)) {
      seen.add(next);
      if (this.isLive(next, now)) return next;
      next = this.find(next)?.lifecycle.replacement;
    }
    return this.entries.find(
      (e) => e.family === family && !seen.has(e.id) && this.isLive(e.id, now),
    )?.id;
  }

  private isLive(id: string, now: number): boolean {
    const status = this.status(id, now);
    return status === 'active' || status === 'deprecated';
  }

  /**
   * Every model a picker offers: the catalogue's, merged with what the API lists of the
   * families Atelier uses, live ones first (in catalogue order), then deprecated, then dead.
   */
  list(now: number): ModelInfo[] {
    const ids = new Set(this.entries.map((e) => e.id));
    if (this.live)
      for (const id of this.live.keys())
        if (!this.find(id) && /^(gpt-image|chatgpt-image|gpt-\d|o\d)/.test(id)) ids.add(id);
    const rank: Record<ModelStatus, number> = {
      active: 0,
      unknown: 1,
      deprecated: 2,
      unavailable: 3,
      shut_down: 4,
    };
    return [...ids].map((id) => this.info(id, now)).sort((a, b) => rank[a.status] - rank[b.status]);
  }

  /** Today's date in the catalogue's terms, for messages. */
  static today(now: number): IsoDate {
    return isoDay(now);
  }
}

/** The catalogue as shipped, without an API list (CLI without a key, tests, the editor offline). */
export const STATIC_CATALOGUE = new ModelCatalogue();

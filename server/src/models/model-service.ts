import type { LiveModel, ModelDefaults, ModelInfo } from '@atelier/nodes';
import { ModelCatalogue, STATIC_CATALOGUE } from '@atelier/nodes';

const DAY_MS = 86_400_000;

export interface ModelServiceOptions {
  /** The API's model list; absent = the catalogue alone. */
  listModels?: () => Promise<LiveModel[]>;
  defaults: ModelDefaults;
  log?: (line: string) => void;
  now?: () => number;
  /** How often the list is fetched again (a day). */
  refreshMs?: number;
}

/** What `GET /api/models` answers. */
export interface ModelsResponse {
  models: ModelInfo[];
  defaults: ModelDefaults;
  /** ISO time of the API list merged in, or null when only the catalogue is known. */
  checkedAt: string | null;
  /** The API's own list as merged (for clients that run the same checks), or null. */
  live: LiveModel[] | null;
  now: string;
}

/**
 * The model catalogue as the API sees it now: the shipped catalogue, with `GET /v1/models`
 * merged over it at start and daily (the API's word wins). A failed fetch keeps what was
 * known and says so in the log.
 */
export class ModelService {
  private current: ModelCatalogue = STATIC_CATALOGUE;
  private live: LiveModel[] | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ModelServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  get catalogue(): ModelCatalogue {
    return this.current;
  }

  /** Fetches the API's list now; resolves either way. */
  async refresh(): Promise<void> {
    if (!this.options.listModels) return;
    try {
      const live = await this.options.listModels();
      this.current = STATIC_CATALOGUE.withLive(live, this.now());
      this.live = live;
      this.warnAboutDefaults();
    } catch (error) {
      this.options.log?.(
        `Could not read the API's model list (${(error as Error).message}); using Atelier's catalogue of ${ModelCatalogue.today(this.now())}.`,
      );
    }
  }

  /** First fetch, then one a day (the timer never keeps the process alive). */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.refreshMs ?? DAY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  response(): ModelsResponse {
    const now = this.now();
    const fetchedAt = this.current.fetchedAt;
    return {
      models: this.current.list(now),
      defaults: this.options.defaults,
      checkedAt: fetchedAt === undefined ? null : new Date(fetchedAt).toISOString(),
      live: this.live,
      now: new Date(now).toISOString(),
    };
  }

  /** A configured default that is dead or dying is worth a line at start, not a surprise per run. */
  warnAboutDefaults(): void {
    const now = this.now();
    const { defaults } = this.options;
    for (const [variable, id] of [
      ['ATELIER_MODEL', defaults.model],
      ['ATELIER_IMAGE_MODEL', defaults.imageModel],
    ] as const) {
      const info = this.current.info(id, now);
      const instead = info.replacement ? `; set ${variable}=${info.replacement}` : '';
      if (info.status === 'shut_down' || info.status === 'unavailable')
        this.options.log?.(
          `${variable}=${id} cannot be used (${info.status === 'shut_down' ? `shut down on ${info.shutdownDate}` : 'not in the API model list'})${instead}. Nodes that rely on it are refused before any call.`,
        );
      else if (info.status === 'deprecated')
        this.options.log?.(`${variable}=${id} shuts down on ${info.shutdownDate}${instead}.`);
    }
  }
}

/**
 * The fake's own model lifecycle table: which models exist, when each shuts down, and what the
 * image models accept. It is deliberately separate from the product's catalogue
 * (packages/nodes), so a test can make the two disagree (option `models`).
 *
 * Sources: shared/reference/openai-api-2026-12.md §2a (deprecations page, SDK 7.59 shared.ts).
 * `created` dates are the release dates where known and plausible guesses otherwise; nothing
 * reads them but GET /v1/models.
 */

export type ModelFamily = 'image' | 'mainline';

/** What an image model accepts in the image_generation tool. */
export interface ImageCapabilities {
  /** Any WxH within the pixel limits (gpt-image-2 and later); else only the standard sizes. */
  customSizes: boolean;
  qualities: readonly string[];
  /** `background: "transparent"` (gpt-image-2 has it "in preview"). */
  transparent: boolean;
  /** `input_fidelity` values accepted; empty: the field must be omitted. */
  inputFidelity: readonly ('high' | 'low')[];
  /** `complexity` (low/medium/high), new with 2.6. */
  complexity: boolean;
  /** Image output tokens of a 1024x1024 image by resolved quality (scaled by area). */
  outputTokens: Readonly<Record<string, number>>;
}

export interface ModelEntry {
  id: string;
  family: ModelFamily;
  /** Unix seconds. */
  created: number;
  /** `YYYY-MM-DD` (UTC): from 00:00 UTC that day the model is gone; null while no date is set. */
  shutdown: string | null;
  /** Mainline models that put reasoning items before their tool calls. */
  reasoning: boolean;
  image: ImageCapabilities | null;
}

const day = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000;

const BASE_QUALITIES = ['low', 'medium', 'high', 'auto'] as const;
/** gpt-image-1's published token table (openai-responses.md §10), 1024x1024. */
const GPT_IMAGE_1_TOKENS = { low: 272, medium: 1056, high: 4160 };
/**
 * gpt-image-2 and 2.5 at 1024x1024: ~200 / 1,770 / 7,000 tokens (3rd-party per-image prices at
 * $30/M, openai-api-2026-12.md §2b); xhigh and max are extrapolated.
 */
const GPT_IMAGE_2_TOKENS = { low: 200, medium: 1770, high: 7000, xhigh: 10_500, max: 14_000 };
/**
 * gpt-image-2.6 uses "3–4 times the tokens of 2.5 at low and medium" (3rd-party, §2b): the
 * middle of that range (3.5×). Nothing is published for high and above: as 2.5.
 */
const GPT_IMAGE_2_6_TOKENS = { ...GPT_IMAGE_2_TOKENS, low: 700, medium: 6195 };

const legacyImage = (inputFidelity: readonly ('high' | 'low')[]): ImageCapabilities => ({
  customSizes: false,
  qualities: BASE_QUALITIES,
  transparent: true,
  inputFidelity,
  complexity: false,
  outputTokens: GPT_IMAGE_1_TOKENS,
});
const image2 = (extra: Partial<ImageCapabilities> = {}): ImageCapabilities => ({
  customSizes: true,
  qualities: BASE_QUALITIES,
  transparent: true,
  inputFidelity: [],
  complexity: false,
  outputTokens: GPT_IMAGE_2_TOKENS,
  ...extra,
});
const HIGHER_QUALITIES = [...BASE_QUALITIES, 'xhigh', 'max'];

const imageModel = (
  id: string,
  created: string,
  shutdown: string | null,
  image: ImageCapabilities,
): ModelEntry => ({
  id,
  family: 'image',
  created: day(created),
  shutdown,
  reasoning: false,
  image,
});
const mainline = (
  id: string,
  created: string,
  shutdown: string | null,
  reasoning = true,
): ModelEntry => ({
  id,
  family: 'mainline',
  created: day(created),
  shutdown,
  reasoning,
  image: null,
});

export const MODEL_TABLE: readonly ModelEntry[] = [
  imageModel('gpt-image-1', '2025-04-23', '2026-10-23', legacyImage(['high', 'low'])),
  imageModel('gpt-image-1-mini', '2025-10-06', '2026-12-01', legacyImage(['low'])),
  imageModel('gpt-image-1.5', '2025-12-16', '2026-12-01', legacyImage(['high', 'low'])),
  imageModel('gpt-image-1.5-2025-12-16', '2025-12-16', '2026-12-01', legacyImage(['high', 'low'])),
  imageModel('chatgpt-image-latest', '2025-12-16', '2026-12-01', legacyImage(['high', 'low'])),
  imageModel('gpt-image-2', '2026-04-21', null, image2()),
  imageModel('gpt-image-2-2026-04-21', '2026-04-21', null, image2()),
  ...['sunburst', 'flare'].flatMap((kind) => [
    imageModel(
      `gpt-image-2.5-${kind}`,
      '2026-09-08',
      null,
      image2({ qualities: HIGHER_QUALITIES }),
    ),
    imageModel(
      `gpt-image-2.5-${kind}-2026-09-08`,
      '2026-09-08',
      null,
      image2({ qualities: HIGHER_QUALITIES }),
    ),
    imageModel(
      `gpt-image-2.6-${kind}`,
      '2026-11-04',
      null,
      image2({
        qualities: HIGHER_QUALITIES,
        complexity: true,
        outputTokens: GPT_IMAGE_2_6_TOKENS,
      }),
    ),
  ]),
  mainline('gpt-4o', '2024-05-13', '2027-01-14', false),
  mainline('gpt-4o-mini', '2024-07-18', '2027-01-14', false),
  mainline('gpt-4.1', '2025-04-14', '2027-01-14', false),
  mainline('gpt-4.1-mini', '2025-04-14', '2027-01-14', false),
  mainline('gpt-4.1-nano', '2025-04-14', '2026-10-23', false),
  mainline('o3', '2025-04-16', '2026-12-11'),
  mainline('o4-mini', '2025-04-16', '2026-10-23'),
  mainline('gpt-5', '2025-08-07', '2026-12-11'),
  mainline('gpt-5-mini', '2025-08-07', '2026-12-11'),
  mainline('gpt-5-nano', '2025-08-07', '2026-12-11'),
  mainline('gpt-5.5', '2026-04-23', null),
  mainline('gpt-5.6-sol', '2026-07-09', null),
  mainline('gpt-5.6-terra', '2026-07-09', null),
  mainline('gpt-5.6-luna', '2026-07-09', null),
  mainline('gpt-6-luna', '2026-09-17', null),
  mainline('gpt-6-astra', '2026-09-17', null),
  mainline('gpt-6.1-sol', '2026-10-15', null),
  mainline('gpt-6.1-terra', '2026-10-15', null),
  mainline('gpt-6.2-sol', '2026-11-19', null),
];

/** The fake's defaults: the tool's documented default image model, gpt-5's named replacement. */
export const DEFAULT_IMAGE_MODEL = 'gpt-image-2.6-sunburst';
export const DEFAULT_MODEL = 'gpt-6.1-sol';

/**
 * Changes to the table for one fake: an entry per id, `null` to remove a model (the API then
 * says it does not exist). A new id needs `family` or `like` (an id whose entry it copies).
 */
export type ModelOverrides = Record<
  string,
  { family?: ModelFamily; like?: string; shutdown?: string | null; created?: number } | null
>;

/** Matches a dated snapshot name such as gpt-5-2025-08-07. */
const SNAPSHOT = /^(.+)-\d{4}-\d{2}-\d{2}$/;

export class ModelTable {
  readonly #entries = new Map<string, ModelEntry>();

  constructor(overrides: ModelOverrides = {}) {
    for (const entry of MODEL_TABLE) this.#entries.set(entry.id, entry);
    for (const [id, change] of Object.entries(overrides)) {
      if (change === null) {
        this.#entries.delete(id);
        continue;
      }
      if (change.shutdown != null && !/^\d{4}-\d{2}-\d{2}$/.test(change.shutdown))
        throw new Error(`models.${id}.shutdown must be YYYY-MM-DD, got ${change.shutdown}`);
      const base =
        this.#entries.get(change.like ?? id) ??
        (change.family === 'image'
          ? { ...this.#entries.get(DEFAULT_IMAGE_MODEL)! }
          : change.family === 'mainline'
            ? { ...this.#entries.get(DEFAULT_MODEL)! }
            : undefined);
      if (!base) throw new Error(`models.${id}: a new model needs a family or like`);
      this.#entries.set(id, {
        ...base,
        id,
        ...(change.family && change.family !== base.family
          ? {
              family: change.family,
              image:
                change.family === 'image' ? this.#entries.get(DEFAULT_IMAGE_MODEL)!.image : null,
            }
          : {}),
        ...(change.shutdown !== undefined ? { shutdown: change.shutdown } : {}),
        ...(change.created !== undefined ? { created: change.created } : {}),
      });
    }
  }

  /**
   * The entry of a model name, or undefined when the API would not know it. A dated snapshot
   * (`<id>-YYYY-MM-DD`) of a known model shares its entry when it is not listed itself.
   */
  find(id: string): ModelEntry | undefined {
    const own = this.#entries.get(id);
    if (own) return own;
    const base = SNAPSHOT.exec(id)?.[1];
    const entry = base === undefined ? undefined : this.#entries.get(base);
    return entry && { ...entry, id };
  }

  /** The entry when the model exists at `now` (ms since the epoch), else undefined. */
  live(id: string, now: number): ModelEntry | undefined {
    const entry = this.find(id);
    return entry && !isShutDown(entry, now) ? entry : undefined;
  }

  /**
   * What a request naming `id` gets. Strict (the real API): the live entry or nothing. Lenient
   * (option `lifecycle: false`): a shut-down model still works as it did, and an unknown name
   * works like the default model of its family (named "image" or not).
   */
  resolve(id: string, now: number, strict: boolean): ModelEntry | undefined {
    if (strict) return this.live(id, now);
    const known = this.find(id);
    if (known) return known;
    const image = /image/.test(id);
    const base = this.#entries.get(image ? DEFAULT_IMAGE_MODEL : DEFAULT_MODEL);
    return base && { ...base, id, reasoning: !image && /^(gpt-[5-9]|o\d)/.test(id) };
  }

  /** Every listed model that is not shut down at `now`, in table order. */
  list(now: number): ModelEntry[] {
    return [...this.#entries.values()].filter((e) => !isShutDown(e, now));
  }
}

export const shutdownSeconds = (entry: ModelEntry): number | null =>
  entry.shutdown === null ? null : day(entry.shutdown);

export const isShutDown = (entry: ModelEntry, now: number): boolean => {
  const at = shutdownSeconds(entry);
  return at !== null && now >= at * 1000;
};

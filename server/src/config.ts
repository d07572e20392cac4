import type { ModelDefaults, UserLocation } from '@atelier/nodes';
import { DEFAULT_MODELS } from '@atelier/nodes';

export type ProviderChoice = 'auto' | 'openai' | 'simulator';

export interface Config {
  port: number;
  host: string;
  /** Folder of the database file (atelier.db). */
  dataDir: string;
  provider: ProviderChoice;
  /** OPENAI_API_KEY; never logged, never sent to a client. */
  apiKey?: string;
  /** OPENAI_BASE_URL (the SDK's own variable). */
  baseURL?: string;
  /** ATELIER_TOKEN: bearer token every API call needs (required off loopback). */
  token?: string;
  /** ATELIER_AUTH: `solo` (default: no accounts) or `accounts` (team mode: people sign in). */
  auth?: 'solo' | 'accounts';
  /** ATELIER_PUBLIC_URL: where people reach the server (invitation links, Secure cookies on https). */
  publicUrl?: string;
  /** ATELIER_AUTH_SECRET: signs session cookies (unset: one kept in the data folder). */
  authSecret?: string;
  /** ATELIER_TEAM_NAME: the team's name in team mode. */
  teamName?: string;
  /** Most API calls in flight at once. */
  concurrency: number;
  /** Batch rows running at once (ATELIER_BATCH_SLOTS, default 4). */
  batchSlots: number;
  models: ModelDefaults;
  /** A stream silent for this long fails as `stream_stalled`. */
  idleTimeoutMs: number;
  /**
   * Images per minute per image model, across every run (ATELIER_IMAGES_PER_MINUTE). Unset:
   * 5 with api.openai.com (a Tier 1 organization's limit), none on the simulator or another
   * endpoint.
   */
  imagesPerMinute?: number;
  /** ATELIER_STORE=false sends `store: false`: OpenAI keeps no prompts or images. */
  store: boolean;
  /** ATELIER_SEARCH_LOCATION: web search location for nodes that set none. */
  searchLocation?: UserLocation;
  /**
   * ATELIER_DAILY_MAX_COST: USD all runs and batches of this server may spend per UTC day;
   * a call it cannot cover is not made (as a batch's `maxCost`). Unset: no daily cap.
   */
  dailyMaxCost?: number;
  /**
   * ATELIER_WEBHOOK_SECRET: the key webhooks are signed with (HMAC-SHA256). Unset: one is
   * generated at the first start and kept in `<dataDir>/webhook-secret`.
   */
  webhookSecret?: string;
}

/** Images per minute with OpenAI when ATELIER_IMAGES_PER_MINUTE is unset (Tier 1, reportedly 5). */
export const TIER_1_IMAGES_PER_MINUTE = 5;

/** A setting that cannot be used; the message names the variable and what it expects. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

type Env = Record<string, string | undefined>;

/** Empty strings count as unset: `PORT= pnpm start` should mean the default. */
const read = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(
      name,
      `${name}="${raw}" is not valid: expected a whole number from ${min} to ${max}.`,
    );
  return value;
};

const PROVIDERS: readonly ProviderChoice[] = ['auto', 'openai', 'simulator'];

const LOCATION_KEYS = ['country', 'region', 'city', 'timezone'] as const;

/** `country=GB,city=London,timezone=Europe/London` → a web search location. */
const searchLocation = (env: Env): UserLocation | undefined => {
  const raw = read(env, 'ATELIER_SEARCH_LOCATION');
  if (raw === undefined) return undefined;
  const location: UserLocation = {};
  for (const part of raw.split(',')) {
    const [key, ...rest] = part.split('=');
    const name = key?.trim() as (typeof LOCATION_KEYS)[number];
    const value = rest.join('=').trim();
    if (!LOCATION_KEYS.includes(name) || !value)
      throw new ConfigError(
        'ATELIER_SEARCH_LOCATION',
        `ATELIER_SEARCH_LOCATION="${raw}" is not valid: expected key=value pairs of ${LOCATION_KEYS.join(', ')}, e.g. country=GB,city=London,timezone=Europe/London.`,
      );
    location[name] = value;
  }
  if (location.country && !/^[A-Za-z]{2}$/.test(location.country))
    throw new ConfigError(
      'ATELIER_SEARCH_LOCATION',
      `ATELIER_SEARCH_LOCATION: country "${location.country}" is not a two-letter code such as GB.`,
    );
  return location;
};

const bool = (env: Env, name: string, fallback: boolean): boolean => {
  const raw = read(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `${name}="${raw}" is not valid: expected true or false.`);
};

/** An amount in USD, e.g. `25` or `7.50`. */
const usd = (env: Env, name: string): number | undefined => {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const value = Number(raw.replace(/^\$/, ''));
  if (!Number.isFinite(value) || value <= 0 || value > 1_000_000)
    throw new ConfigError(
      name,
      `${name}="${raw}" is not valid: expected an amount in USD above 0, such as 25 or 7.50.`,
    );
  return value;
};

/** Reads the environment (DESIGN.md §2). Throws ConfigError for values it cannot use. */
export const loadConfig = (env: Env = process.env): Config => {
  const provider = (read(env, 'ATELIER_PROVIDER') ?? 'auto').toLowerCase();
  if (!PROVIDERS.includes(provider as ProviderChoice))
    throw new ConfigError(
      'ATELIER_PROVIDER',
      `ATELIER_PROVIDER="${provider}" is not valid: expected auto, openai or simulator.`,
    );
  const apiKey = read(env, 'OPENAI_API_KEY');
  if (provider === 'openai' && !apiKey)
    throw new ConfigError(
      'OPENAI_API_KEY',
      'ATELIER_PROVIDER=openai needs OPENAI_API_KEY; set it, or use ATELIER_PROVIDER=simulator.',
    );
  const baseURL = read(env, 'OPENAI_BASE_URL');
  if (baseURL !== undefined && !/^https?:\/\/[^\s]+$/.test(baseURL))
    throw new ConfigError(
      'OPENAI_BASE_URL',
      `OPENAI_BASE_URL="${baseURL}" is not valid: expected an http(s) URL such as https://api.openai.com/v1.`,
    );
  const auth = (read(env, 'ATELIER_AUTH') ?? 'solo').toLowerCase();
  if (auth !== 'solo' && auth !== 'accounts')
    throw new ConfigError(
      'ATELIER_AUTH',
      `ATELIER_AUTH="${auth}" is not valid: expected solo (no accounts) or accounts (a team).`,
    );
  if (auth === 'accounts' && read(env, 'ATELIER_TOKEN') !== undefined)
    throw new ConfigError(
      'ATELIER_TOKEN',
      'ATELIER_TOKEN is for solo mode; with ATELIER_AUTH=accounts each person makes personal API tokens in the Team panel. Unset ATELIER_TOKEN.',
    );
  const publicUrl = read(env, 'ATELIER_PUBLIC_URL')?.replace(/\/+$/, '');
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+$/.test(publicUrl))
    throw new ConfigError(
      'ATELIER_PUBLIC_URL',
      `ATELIER_PUBLIC_URL="${publicUrl}" is not valid: expected an origin such as https://atelier.example.com.`,
    );
  const authSecret = read(env, 'ATELIER_AUTH_SECRET');
  if (authSecret !== undefined && authSecret.length < 32)
    throw new ConfigError(
      'ATELIER_AUTH_SECRET',
      `ATELIER_AUTH_SECRET is ${authSecret.length} characters long; it must be at least 32 random characters (openssl rand -hex 32).`,
    );
  return {
    auth,
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    ...(authSecret !== undefined ? { authSecret } : {}),
    ...(read(env, 'ATELIER_TEAM_NAME') !== undefined
      ? { teamName: read(env, 'ATELIER_TEAM_NAME') }
      : {}),
    port: integer(env, 'PORT', 8787, 0, 65535),
    host: read(env, 'HOST') ?? '127.0.0.1',
    dataDir: read(env, 'ATELIER_DATA_DIR') ?? './data',
    provider: provider as ProviderChoice,
    apiKey,
    baseURL,
    token: read(env, 'ATELIER_TOKEN'),
    concurrency: integer(env, 'ATELIER_CONCURRENCY', 8, 1, 256),
    batchSlots: integer(env, 'ATELIER_BATCH_SLOTS', 4, 1, 256),
    models: {
      model: read(env, 'ATELIER_MODEL') ?? DEFAULT_MODELS.model,
      imageModel: read(env, 'ATELIER_IMAGE_MODEL') ?? DEFAULT_MODELS.imageModel,
    },
    idleTimeoutMs: integer(env, 'ATELIER_IDLE_TIMEOUT_MS', 120_000, 100, 3_600_000),
    ...(read(env, 'ATELIER_IMAGES_PER_MINUTE') === undefined
      ? {}
      : { imagesPerMinute: integer(env, 'ATELIER_IMAGES_PER_MINUTE', 5, 1, 100_000) }),
    store: bool(env, 'ATELIER_STORE', true),
    ...(searchLocation(env) ? { searchLocation: searchLocation(env) } : {}),
    ...(read(env, 'ATELIER_WEBHOOK_SECRET')
      ? { webhookSecret: read(env, 'ATELIER_WEBHOOK_SECRET') }
      : {}),
    ...(usd(env, 'ATELIER_DAILY_MAX_COST') !== undefined
      ? { dailyMaxCost: usd(env, 'ATELIER_DAILY_MAX_COST') }
      : {}),
  };
};

/** Which provider a config leads to: `auto` means OpenAI when there is a key. */
export const resolveProviderKind = (config: Config): 'openai' | 'simulator' =>
  config.provider === 'auto' ? (config.apiKey ? 'openai' : 'simulator') : config.provider;

import { ImageRateLimiter } from '@atelier/engine';
import type { ApiSettings } from '@atelier/nodes';
import type { Config } from '../config';
import { TIER_1_IMAGES_PER_MINUTE } from '../config';
import type { Provider } from '../provider';
import { OPENAI_BASE_URL } from '../provider';
import { ModelService } from './model-service';

/**
 * What the server and the CLI add to a RunService from the config and the provider: the
 * model catalogue merged with the API's list, the request settings, the images-per-minute
 * limit and the daily cap. Unless configured, that limit is Tier 1's 5 when calling OpenAI itself, and none on
 * the simulator or another endpoint (a gateway or a local stand-in has limits of its own).
 */
export const runSettings = (
  config: Config,
  provider: Pick<Provider, 'kind' | 'listModels' | 'baseURL'>,
  log?: (line: string) => void,
) => {
  const models = new ModelService({
    listModels: provider.listModels,
    defaults: config.models,
    ...(log ? { log } : {}),
  });
  const openaiItself =
    provider.kind === 'openai' && provider.baseURL.replace(/\/+$/, '') === OPENAI_BASE_URL;
  const perMinute = config.imagesPerMinute ?? (openaiItself ? TIER_1_IMAGES_PER_MINUTE : undefined);
  const api: ApiSettings = {
    store: config.store,
    ...(config.searchLocation ? { searchLocation: config.searchLocation } : {}),
  };
  return {
    models,
    service: {
      catalogue: () => models.catalogue,
      api,
      ...(perMinute ? { imageRate: new ImageRateLimiter(perMinute) } : {}),
      ...(config.dailyMaxCost !== undefined ? { dailyMaxCost: config.dailyMaxCost } : {}),
    },
  };
};

import { ImageRateLimiter } from '@atelier/engine';
import type { ApiSettings } from '@atelier/nodes';
import type { Config } from '../config';
import { TIER_1_IMAGES_PER_MINUTE } from '../config';
import type { Provider } from '../provider';
import { ModelService } from './model-service';

/**
 * What the server and the CLI add to a RunService from the config and the provider: the
 * model catalogue merged with the API's list, the request settings, and the images-per-minute
 * limit (Tier 1's 5 with OpenAI unless configured; none on the simulator unless configured).
 */
export const runSettings = (
  config: Config,
  provider: Pick<Provider, 'kind' | 'listModels'>,
  log?: (line: string) => void,
) => {
  const models = new ModelService({
    listModels: provider.listModels,
    defaults: config.models,
    ...(log ? { log } : {}),
  });
  const perMinute =
    config.imagesPerMinute ?? (provider.kind === 'openai' ? TIER_1_IMAGES_PER_MINUTE : undefined);
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
    },
  };
};

import { createFakeOpenAI } from '@atelier/fake-openai';
import type { LiveModel, ResponsesClient } from '@atelier/nodes';
import type { Config } from '../config';
import { resolveProviderKind } from '../config';
import { createOpenAIResponses } from './openai-responses';

export interface Provider {
  kind: 'simulator' | 'openai';
  /** Cache-key identity ("simulator" or "openai:<base url>"). */
  identity: string;
  responses: ResponsesClient;
  /** Where requests go (the simulator's loopback URL, or OpenAI's). */
  baseURL: string;
  /** The API's own model list (`GET /v1/models`), with shutdown dates. */
  listModels(): Promise<LiveModel[]>;
  close(): Promise<void>;
}

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Identity part of cache keys: outputs of one provider are never served for another. */
export const openaiIdentity = (baseURL: string) => `openai:${baseURL.replace(/\/+$/, '')}`;

/**
 * The model API for a config: OpenAI when chosen (or `auto` with a key), otherwise the
 * simulator — the fake Responses API started in-process on a loopback port, reached
 * through the same SDK code path with a dummy key.
 */
export const createProvider = async (
  config: Pick<Config, 'provider' | 'apiKey' | 'baseURL'>,
): Promise<Provider> => {
  const kind = resolveProviderKind(config as Config);
  if (kind === 'openai') {
    if (!config.apiKey)
      throw new Error('The OpenAI provider needs OPENAI_API_KEY; set it or use the simulator.');
    const baseURL = config.baseURL ?? OPENAI_BASE_URL;
    const identity = openaiIdentity(baseURL);
    const responses = createOpenAIResponses({ apiKey: config.apiKey, baseURL, identity });
    return {
      kind,
      identity,
      baseURL,
      responses,
      listModels: responses.listModels,
      close: async () => {},
    };
  }
  // The simulator follows the real API's model lifecycle: a shut-down model fails as it would.
  const fake = await createFakeOpenAI({ port: 0, lifecycle: true });
  const responses = createOpenAIResponses({
    apiKey: 'sk-simulator',
    baseURL: fake.baseURL,
    identity: 'simulator',
  });
  return {
    kind,
    identity: 'simulator',
    baseURL: fake.baseURL,
    responses,
    listModels: responses.listModels,
    close: () => fake.close(),
  };
};

export { createOpenAIResponses, type OpenAIResponsesOptions } from './openai-responses';
export { createProvider, openaiIdentity, OPENAI_BASE_URL, type Provider } from './create-provider';
export { retryAfterMs } from './node-errors';

import type { ModelDefaults } from './context';

/**
 * The only place model names live. The server passes its configured defaults as
 * `ctx.models`; a node's own `model` / `image_model` field overrides them when non-empty.
 */
export const DEFAULT_MODELS: ModelDefaults = {
  model: 'gpt-5',
  imageModel: 'gpt-image-1.5',
};

/** The model a node uses: its own field when set, else the configured default. */
export const resolveModel = (field: string | undefined, fallback: string): string =>
  field?.trim() || fallback;

/** gpt-image-2 family: custom WxH sizes, no `input_fidelity`. */
export const isGptImage2 = (imageModel: string): boolean =>
  /^gpt-image-2(\b|[.-])/.test(imageModel);

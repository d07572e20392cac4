/**
 * Models as data: the catalogue (names, capabilities, prices, lifecycle) and the checks
 * made against it. Node code never names a model; it resolves a node's field against the
 * configured defaults (`ctx.models`), which start from `DEFAULT_MODELS`.
 */
export {
  DEFAULT_MODELS,
  MODEL_CATALOGUE,
  IMAGE_MODELS,
  MAINLINE_MODELS,
  WEB_SEARCH_PER_CALL,
} from './models/catalogue';
export type * from './models/model-entry';
export { ModelCatalogue, STATIC_CATALOGUE, daysUntil } from './models/model-catalogue';
export type { LiveModel, ModelInfo, ModelStatus } from './models/model-catalogue';
export {
  STANDARD_SIZES,
  customSizeProblem,
  imageModelProblems,
  isStandardSize,
  takesAction,
  takesComplexity,
  takesInputFidelity,
} from './models/image-model-rules';
export type { ImageToolChoices, ModelProblem } from './models/image-model-rules';
export { checkModels, resolveModel } from './models/model-issues';
export type { ModelCheck } from './models/model-issues';

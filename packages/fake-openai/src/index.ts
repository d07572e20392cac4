export { createFakeOpenAI, type FakeOpenAI } from './server';
export type {
  FakeOpenAIOptions,
  FaultKind,
  FaultOptions,
  FaultTrigger,
  LatencyOptions,
  LimitOptions,
  RuntimeOptions,
} from './options';
export type { FakeStats, RequestLogEntry } from './stats';
export { MARKERS, type Marker } from './markers';
export {
  DEFAULT_IMAGE_MODEL,
  DEFAULT_MODEL,
  MODEL_TABLE,
  type ModelEntry,
  type ModelFamily,
  type ModelOverrides,
} from './models';
export type { ClockSetting } from './clock';
export { SIZE_LIMITS } from './image-tool';

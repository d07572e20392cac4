export { createFakeOpenAI, type FakeOpenAI } from './server';
export type {
  FakeOpenAIOptions,
  FaultKind,
  FaultOptions,
  FaultTrigger,
  LatencyOptions,
  RuntimeOptions,
} from './options';
export type { FakeStats, RequestLogEntry } from './stats';
export { MARKERS, type Marker } from './markers';

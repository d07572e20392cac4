import type { FaultKind } from './options';

/** What stats.faults counts: the option faults plus the ones markers and limits cause. */
export type FaultCounter = FaultKind | 'moderation' | 'unverified' | 'imagesPerMinute';

export interface FakeStats {
  /** Every HTTP request received. */
  requests: number;
  /** POST /v1/responses requests (including ones answered with an error). */
  responses: number;
  /** Of those, the ones that asked for a stream. */
  streams: number;
  /** GET /v1/responses/{id} requests. */
  retrieves: number;
  /** GET /v1/models and GET /v1/models/{id} requests. */
  modelRequests: number;
  /** Responses that finished with status completed / failed. */
  completed: number;
  failed: number;
  /** Streams cut, stalled, or abandoned by the client. */
  cut: number;
  stalled: number;
  aborted: number;
  /** Requests being handled right now, and the most at once since the last reset. */
  inFlight: number;
  maxInFlight: number;
  images: number;
  /** Images made, by image model. */
  imagesByModel: Record<string, number>;
  partialImages: number;
  /** Billable web searches (`search` actions; open_page is not counted). */
  webSearches: number;
  /** keepalive events sent on slow streams. */
  keepalives: number;
  /** Answers by HTTP status, e.g. { "200": 3, "429": 1 }. */
  statuses: Record<string, number>;
  /**
   * Faults injected by options or markers, by kind; `imagesPerMinute` counts the 429s of the
   * images-per-minute limit and `unverified` the refused streams.
   */
  faults: Record<FaultCounter, number>;
}

export function emptyStats(): FakeStats {
  return {
    requests: 0,
    responses: 0,
    streams: 0,
    retrieves: 0,
    modelRequests: 0,
    completed: 0,
    failed: 0,
    cut: 0,
    stalled: 0,
    aborted: 0,
    inFlight: 0,
    maxInFlight: 0,
    images: 0,
    imagesByModel: {},
    partialImages: 0,
    webSearches: 0,
    keepalives: 0,
    statuses: {},
    faults: {
      rateLimit: 0,
      overloaded: 0,
      serverError: 0,
      quota: 0,
      cut: 0,
      stall: 0,
      moderation: 0,
      unverified: 0,
      imagesPerMinute: 0,
    },
  };
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** The parsed JSON body (undefined when there was none or it was not JSON). */
  body: unknown;
  /** The HTTP status sent; 0 while pending or when the socket was cut before any answer. */
  status: number;
  /** Arrival time, ms since the epoch. */
  at: number;
  requestId: string;
  stream?: boolean;
  /** How the request ended. */
  outcome?: 'completed' | 'failed' | 'error' | 'cut' | 'stalled' | 'aborted' | 'retrieved';
  /** The injected fault or marker that shaped the answer, if any. */
  fault?: string;
  responseId?: string;
}

import type { BatchRowRecord } from './batch-record';

/** A row's completion as kept for replay (the batch's state is sent whole on every connect). */
export interface LoggedRowEvent {
  seq: number;
  row: BatchRowRecord;
}

/** Where a reconnecting client stands: `<epoch>-<seq>`, the SSE `id:` of the last event it saw. */
export interface EventCursor {
  epoch: string;
  seq: number;
}

export const parseEventId = (text: string): EventCursor | undefined => {
  const match = /^([0-9a-z]{1,32})-(\d{1,15})$/.exec(text.trim());
  return match ? { epoch: match[1]!, seq: Number(match[2]) } : undefined;
};

/**
 * The numbering of batch events and the row completions kept for `Last-Event-ID` replay.
 * Ids are `<epoch>-<seq>`: the epoch is this process's, so an id from before a restart (or
 * older than what is kept) is recognised as such and the client gets the whole picture
 * again (every finished row) instead of silently missing some. Logs of finished batches are
 * kept for the last `keepBatches` of them; a batch keeps at most `keepRows` completions.
 */
export class BatchEventLog {
  private seq = 0;
  /**
   * Per batch: its completions, the seq of the newest one dropped to stay in bounds, and the
   * seq of its last event of any kind.
   */
  private readonly logs = new Map<
    string,
    { events: LoggedRowEvent[]; droppedUpTo: number; last: number }
  >();
  private readonly evicted = new Set<string>();

  constructor(
    readonly epoch: string,
    private readonly keepBatches = 50,
    private readonly keepRows = 20_000,
  ) {}

  /** The next event id's seq (every event of every batch takes one). */
  next(): number {
    return ++this.seq;
  }

  get current(): number {
    return this.seq;
  }

  idOf(seq: number): string {
    return `${this.epoch}-${seq}`;
  }

  /** Numbers an event of the batch; a row completion is kept for replay. */
  record(batchId: string, row?: BatchRowRecord): number {
    const seq = this.next();
    let log = this.logs.get(batchId);
    if (!log) {
      log = { events: [], droppedUpTo: 0, last: 0 };
      this.logs.set(batchId, log);
      if (this.logs.size > this.keepBatches) {
        const oldest = this.logs.keys().next().value!;
        this.logs.delete(oldest);
        this.evicted.add(oldest);
      }
    }
    log.last = seq;
    if (!row) return seq;
    log.events.push({ seq, row });
    if (log.events.length > this.keepRows) {
      const dropped = log.events.splice(0, log.events.length - this.keepRows);
      log.droppedUpTo = dropped.at(-1)!.seq;
    }
    return seq;
  }

  /** Whether a client at `cursor` has seen every event of the batch sent so far. */
  upToDate(batchId: string, cursor: EventCursor): boolean {
    const log = this.logs.get(batchId);
    return cursor.epoch === this.epoch && log !== undefined && cursor.seq >= log.last;
  }

  /**
   * The row completions after `cursor`, or undefined when this log cannot say (another epoch,
   * or trimmed past it): the caller then sends every finished row.
   */
  rowsAfter(batchId: string, cursor: EventCursor): LoggedRowEvent[] | undefined {
    if (cursor.epoch !== this.epoch || cursor.seq > this.seq) return undefined;
    const log = this.logs.get(batchId);
    if (!log) return this.evicted.has(batchId) ? undefined : [];
    if (cursor.seq < log.droppedUpTo) return undefined;
    return log.events.filter((e) => e.seq > cursor.seq);
  }
}

import type { BatchRecord, BatchRowRecord } from '../batches/batch-record';
import type { CliIO } from './io';
import { usd } from './progress';

const duration = (ms: number): string => {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
};

/**
 * The batch's progress on stderr: on a terminal one bar redrawn in place (rows done, failed,
 * cost, ETA); otherwise (a log file, CI) one plain line per finished row. The ETA is this
 * process's pace over the rows still to run.
 */
export class BatchProgress {
  private readonly startedAt = Date.now();
  private doneAtStart: number | undefined;
  private drawn = false;
  private readonly seen = new Set<number>();

  constructor(
    private readonly io: CliIO,
    private readonly now: () => number = Date.now,
  ) {}

  private get tty(): boolean {
    return this.io.stderrTTY === true && this.io.stderrWrite !== undefined;
  }

  /** A message line; on a terminal the bar is cleared first and redrawn after. */
  line(text: string, batch?: BatchRecord): void {
    this.clear();
    this.io.stderr(text);
    if (batch) this.draw(batch);
  }

  /** Rows that finished since the last call (plain lines), then the bar (terminal). */
  update(batch: BatchRecord, rows: readonly BatchRowRecord[]): void {
    const done = batch.succeeded + batch.failed + batch.cancelled;
    this.doneAtStart ??= done;
    for (const row of rows) {
      const finished =
        row.status === 'succeeded' || row.status === 'failed' || row.status === 'cancelled';
      if (!finished || this.seen.has(row.index)) continue;
      this.seen.add(row.index);
      if (this.tty && row.status === 'succeeded') continue;
      this.line(
        `row ${row.index + 1}/${batch.total} ${row.status}${row.cost > 0 ? ` (${usd(row.cost)})` : ''}${row.error ? `: ${row.error.code}: ${row.error.message}` : ''} · ${this.summary(batch)}`,
      );
    }
    this.draw(batch);
  }

  /** Rows already finished when this process started watching (a resumed batch). */
  known(rows: readonly BatchRowRecord[]): void {
    for (const row of rows)
      if (row.status !== 'queued' && row.status !== 'running') this.seen.add(row.index);
  }

  summary(batch: BatchRecord): string {
    const done = batch.succeeded + batch.failed + batch.cancelled;
    const parts = [`${done}/${batch.total} rows`];
    if (batch.failed) parts.push(`${batch.failed} failed`);
    parts.push(`${usd(batch.cost)}${batch.maxCost !== null ? ` of ${usd(batch.maxCost)}` : ''}`);
    const eta = this.eta(batch);
    if (eta) parts.push(`ETA ${eta}`);
    return parts.join(' · ');
  }

  private eta(batch: BatchRecord): string | undefined {
    const done = batch.succeeded + batch.failed + batch.cancelled;
    const here = done - (this.doneAtStart ?? done);
    const left = batch.total - done;
    if (here <= 0 || left <= 0) return undefined;
    return duration(((this.now() - this.startedAt) / here) * left);
  }

  private draw(batch: BatchRecord): void {
    if (!this.tty) return;
    const done = batch.succeeded + batch.failed + batch.cancelled;
    const width = 24;
    const filled = batch.total ? Math.round((done / batch.total) * width) : 0;
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    this.io.stderrWrite!(`\r\x1b[2K${bar} ${this.summary(batch)}`);
    this.drawn = true;
  }

  /** Leaves the terminal line empty (before a message, and at the end). */
  clear(): void {
    if (!this.drawn) return;
    this.io.stderrWrite!('\r\x1b[2K');
    this.drawn = false;
  }
}

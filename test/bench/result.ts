/** One measured figure of a benchmark module (`export async function run(): Promise<BenchResult[]>`). */
export interface BenchResult {
  /** Dotted name, e.g. `engine.schedule.wall_over_critical_path`. */
  name: string;
  value: number;
  unit: string;
  /** The figure to meet (see `better` for its direction). */
  target?: number;
  /** Which way is good: `lower` (default for times, ratios of cost) or `higher` (speed-ups). */
  better?: 'lower' | 'higher';
  /** What the value is compared with (same unit), e.g. the serial time. */
  baseline?: number;
  /** value / baseline, or the speed-up when that reads better; say which in `note`. */
  ratio?: number;
  note?: string;
}

/**
 * What the fake believes the time is (option `now`): model shutdowns and `created_at` follow it.
 * A date sets the clock to that instant, from where it runs on with real time; a function is
 * asked every time. Rate-limit windows use real time, whatever the clock says.
 */
export type ClockSetting = Date | number | string | (() => Date | number);

export type Clock = () => number;

const toMs = (value: Date | number | string): number => {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`now: not a date: ${String(value)}`);
  return ms;
};

export function createClock(setting: ClockSetting | undefined): Clock {
  if (setting === undefined) return Date.now;
  if (typeof setting === 'function') return () => toMs(setting());
  const offset = toMs(setting) - Date.now();
  return () => Date.now() + offset;
}

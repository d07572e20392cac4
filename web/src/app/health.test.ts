import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type Health } from '../api/api';
import { useSession } from '../store/session-store';
import { watchHealth } from './health';

afterEach(() => {
  vi.useRealTimers();
  useSession.setState({ serverDown: undefined, provider: undefined });
});

describe('watchHealth', () => {
  it('shows the server going away and coming back; a 401 means it is there', async () => {
    vi.useFakeTimers();
    const answers: (Health | Error)[] = [
      { ok: true, provider: 'simulator', version: '0.1.0' },
      new ApiError(0, 'network_error', 'The server cannot be reached. Is it running?'),
      new ApiError(401, 'unauthorized', 'token needed'),
      { ok: true, provider: 'openai', version: '0.1.0' },
    ];
    const check = () => {
      const next = answers.shift()!;
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    };
    const stop = watchHealth(check, 1000);
    const states: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(i === 0 ? 0 : 1000);
      const { serverDown, provider } = useSession.getState();
      states.push([serverDown, provider]);
    }
    stop();
    expect(states).toEqual([
      [false, 'simulator'],
      [true, 'simulator'],
      [false, 'simulator'],
      [false, 'openai'],
    ]);
  });
});

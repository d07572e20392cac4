import { ApiError, api, type Health } from '../api/api';
import { useSession } from '../store/session-store';

/**
 * Keeps the banner honest: asks the server's health now and every `intervalMs`, so a server
 * that goes away (or comes back, or restarts on another provider) shows within seconds.
 * A 401 is not an outage (the server answered): the token dialog asks for its token.
 */
export const watchHealth = (
  check: () => Promise<Health> = () => api.health(),
  intervalMs = 10_000,
): (() => void) => {
  const probe = () =>
    check().then(
      (h) => useSession.getState().set({ provider: h.provider, serverDown: false }),
      (error: unknown) =>
        useSession
          .getState()
          .set({ serverDown: !(error instanceof ApiError && error.status === 401) }),
    );
  void probe();
  const timer = setInterval(() => void probe(), intervalMs);
  return () => clearInterval(timer);
};

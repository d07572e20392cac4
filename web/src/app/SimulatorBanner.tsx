import { useSession } from '../store/session-store';

export function SimulatorBanner() {
  const provider = useSession((s) => s.provider);
  const down = useSession((s) => s.serverDown);
  if (down)
    return (
      <div className="banner down" role="alert" data-testid="server-down-banner">
        The Atelier server is not reachable: editing works, running and saving do not. Start it with{' '}
        <code>pnpm start</code>.
      </div>
    );
  if (provider !== 'simulator') return null;
  return (
    <div className="banner sim" role="status" data-testid="simulator-banner">
      <strong>Simulator</strong>{' '}
      <span className="banner-long">
        — no OpenAI key is set, so images come from the built-in fake Responses API. Nothing is sent
        to OpenAI and nothing is billed; costs shown are estimates of what the real API would
        charge.
      </span>
      <span
        className="banner-short"
        title="No OpenAI key is set: images come from the built-in fake Responses API; costs are estimates"
      >
        — no OpenAI key: nothing is sent to OpenAI or billed; costs are estimates.
      </span>
    </div>
  );
}

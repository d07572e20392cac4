import { useVersions, SESSION } from './versions-store';

const time = (at: number) =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Who else has this workflow open (other people, or this person in another tab). */
export function PresenceBadge() {
  const viewers = useVersions((s) => s.viewers);
  const me = viewers.find((v) => v.session === SESSION);
  const others = viewers.filter((v) => v.session !== SESSION);
  if (others.length === 0) return null;
  const label = (v: (typeof others)[number]) =>
    me && v.id === me.id ? `${v.name} (another tab)` : v.name;
  return (
    <div
      className="presence"
      data-testid="presence"
      title={others.map((v) => `${label(v)} · here since ${time(v.since)}`).join('\n')}
    >
      <span className="presence-dot" aria-hidden />
      <span className="muted small">Also here:</span>
      {others.map((v) => (
        <span key={v.session} className="presence-viewer" data-testid="presence-viewer">
          {label(v)} <span className="muted small">since {time(v.since)}</span>
        </span>
      ))}
    </div>
  );
}

import { useVersions, SESSION } from './versions-store';

const time = (at: number) =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** One or two letters of a name for its chip ("Ada Lovelace" → "AL"). */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => [...w][0]!.toUpperCase())
    .join('') || '?';

/** Who else has this workflow open (other people, or this person in another tab). */
export function PresenceBadge() {
  const viewers = useVersions((s) => s.viewers);
  const me = viewers.find((v) => v.session === SESSION);
  const others = viewers.filter((v) => v.session !== SESSION);
  if (others.length === 0) return null;
  const label = (v: (typeof others)[number]) =>
    me && v.id === me.id ? `${v.name} (another tab)` : v.name;
  return (
    <div className="presence" data-testid="presence" role="group" aria-label="Also here">
      <span className="presence-dot" aria-hidden />
      {others.map((v) => {
        const who = `${label(v)} since ${time(v.since)}`;
        return (
          <span
            key={v.session}
            className="presence-viewer"
            data-testid="presence-viewer"
            title={who}
            aria-label={who}
          >
            {initials(v.name)}
          </span>
        );
      })}
    </div>
  );
}

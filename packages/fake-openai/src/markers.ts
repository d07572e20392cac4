/** Prompt markers that trigger simulated failures (case-insensitive, anywhere in the text input). */
export const MARKERS = [
  'moderation',
  'quota',
  'rate_limit',
  'rate_limit_bare',
  'ipm',
  'unverified',
  'cut',
  'stall',
  'server_error',
  'search_incomplete',
  'open_page',
] as const;
export type Marker = (typeof MARKERS)[number];

const pattern = new RegExp(`\\[sim:(${MARKERS.join('|')})\\]`, 'gi');

export function findMarkers(text: string): Set<Marker> {
  const found = new Set<Marker>();
  for (const match of text.matchAll(pattern)) found.add(match[1]!.toLowerCase() as Marker);
  return found;
}

/** The text with markers removed, for captions and search queries. */
export function stripMarkers(text: string): string {
  return text
    .replace(pattern, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

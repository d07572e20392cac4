/** What the palette search looks at in a node type. */
export interface Searchable {
  readonly type: string;
  readonly title: string;
  readonly description: string;
}

/**
 * How well `query` (trimmed, lower case) names an item; lower is better, undefined = no match.
 * A type id or title beats a description that merely mentions the word ("edit" → Edit image,
 * not Mask, whose description says "…that an edit may change").
 */
const rankOf = (item: Searchable, query: string): number | undefined => {
  const names = [item.type, item.title.toLowerCase()];
  if (names.some((n) => n.startsWith(query))) return 0;
  // Word starts: `search` finds web_search, `image` finds Generate image.
  if (names.some((n) => n.split(/[^a-z0-9]+/).some((word) => word.startsWith(query)))) return 1;
  if (names.some((n) => n.includes(query))) return 2;
  if (item.description.toLowerCase().includes(query)) return 3;
  return undefined;
};

/**
 * The items matching `query`, best first: name prefix, then word prefix, then anywhere in the
 * name, then in the description. Ties keep the given (palette) order; an empty query keeps all.
 */
export const rankMatches = <T extends Searchable>(items: readonly T[], query: string): T[] => {
  const q = query.trim().toLowerCase();
  if (!q) return [...items];
  return items
    .map((item, index) => ({ item, index, rank: rankOf(item, q) }))
    .filter((m): m is { item: T; index: number; rank: number } => m.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((m) => m.item);
};

/** A new id `<prefix>_<n>` not in `taken` (ids follow the document's id pattern). */
export const freshId = (prefix: string, taken: ReadonlySet<string>): string => {
  const base = prefix.replace(/[^A-Za-z0-9_.:-]/g, '_');
  for (let n = 1; ; n += 1) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
};

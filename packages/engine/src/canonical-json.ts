/**
 * JSON with object keys sorted at every depth, so equal values always give equal text
 * (the input of a cache key). Follows JSON.stringify otherwise: `undefined` properties are
 * dropped, `undefined` in arrays becomes null. Non-finite numbers are rejected instead of
 * silently becoming null, because two different values must never share a key.
 */
export const canonicalJson = (value: unknown): string => {
  const out = write(value, '$');
  return out ?? 'null';
};

const write = (value: unknown, path: string): string | undefined => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError(`canonicalJson: ${path} is a bigint`);
    case 'object':
      break;
  }
  if (Array.isArray(value))
    return `[${value.map((item, i) => write(item, `${path}[${i}]`) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = write(record[key], `${path}.${key}`);
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${parts.join(',')}}`;
};

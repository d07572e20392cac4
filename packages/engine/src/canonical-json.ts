/**
 * JSON with object keys sorted at every depth, so equal values always give equal text
 * (the input of a cache key). Follows JSON.stringify otherwise: `undefined` properties are
 * dropped, `undefined` in arrays becomes null. Non-finite numbers and bigints are rejected
 * instead of silently becoming null, because two different values must never share a key.
 * (Plain loops, path built only on error: it runs for every node of every run.) `root`
 * names the value in that error's path.
 */
export const canonicalJson = (value: unknown, root = '$'): string => {
  try {
    return write(value) ?? 'null';
  } catch (error) {
    if (error instanceof Unrepresentable)
      throw new TypeError(`canonicalJson: ${root}${error.path} is ${error.what}`);
    throw error;
  }
};

class Unrepresentable extends Error {
  path = '';
  constructor(readonly what: string) {
    super(what);
  }
}

const write = (value: unknown): string | undefined => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Unrepresentable(String(value));
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new Unrepresentable('a bigint');
    case 'object':
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += within(`[${i}]`, value[i]) ?? 'null';
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const item = within(`.${key}`, record[key]);
    if (item !== undefined) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${item}`;
  }
  return `${out}}`;
};

const within = (step: string, value: unknown): string | undefined => {
  if (typeof value !== 'object' && typeof value !== 'number' && typeof value !== 'bigint')
    return write(value);
  try {
    return write(value);
  } catch (error) {
    if (error instanceof Unrepresentable) error.path = step + error.path;
    throw error;
  }
};

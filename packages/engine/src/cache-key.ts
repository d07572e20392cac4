import { hash } from 'node:crypto';
import { isBlobId } from '@atelier/graph';
import type { PortSpec } from '@atelier/graph';
import type { NodeInputs } from '@atelier/nodes';
import { canonicalJson } from './canonical-json';

/** SHA-256 (hex) of UTF-8 `text`; the one-shot `crypto.hash` (Node ≥ 20.12) is twice as fast. */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/** What a cache key is made of (DESIGN.md §5). */
export interface CacheKeyParts {
  /** Node type and its definition `version` (bumped when outputs for the same data change). */
  type: string;
  version: number;
  /** The node's data as validated (view state lives outside `data` and never gets here). */
  data: unknown;
  /** The node type's input ports, in definition order. */
  ports: readonly PortSpec[];
  /** The values the node receives (a `multiple` port gets an array, in edge order). */
  inputs: NodeInputs;
  /**
   * ResponsesClient.identity. Part of every node's key, API-calling or not, so a switch of
   * provider (simulator ↔ OpenAI) starts from a clean cache and simulator outputs are never
   * served as real ones — also through nodes that merely pass images along.
   */
  provider: string;
}

/**
 * The cache key of one node: SHA-256 (hex) of the canonical JSON of its type, version, data,
 * input digests in port order (a `multiple` port: the list in edge order) and provider
 * identity. Images and masks are digested by their
 * blob id — the SHA-256 of their bytes — never by provenance (responseId, callId), so the
 * same bytes give the same key whichever run produced them.
 */
export const cacheKeyFor = (parts: CacheKeyParts): string => {
  // The canonical JSON of {data, inputs, provider, type, version} (keys sorted), written
  // directly: building digest objects and a copy of `data` only to serialise them once was
  // a fifth of the engine's time per node. The text is exactly what canonicalJson of those
  // objects gives, so keys already stored stay valid (cache-key.test.ts pins one).
  // data first: with several unrepresentable values, the error names the same one as before.
  const data =
    parts.data === undefined
      ? ''
      : `"data":${canonicalJson(hasBlob(parts.data) ? digestData(parts.data) : parts.data, '$.data')},`;
  let inputs = '';
  parts.ports.forEach((port, p) => {
    const value = parts.inputs[port.name];
    let digest: string;
    if (!port.multiple) digest = writeDigest(port, value, p);
    else if (!Array.isArray(value) || value.length === 0) digest = '[]';
    else {
      digest = '[';
      for (let i = 0; i < value.length; i++)
        digest += (i > 0 ? ',' : '') + writeDigest(port, value[i], p, i);
      digest += ']';
    }
    inputs += `${p > 0 ? ',' : ''}[${JSON.stringify(port.name)},${digest}]`;
  });
  return sha256Hex(
    `{${data}"inputs":[${inputs}],"provider":${JSON.stringify(parts.provider)},` +
      `"type":${JSON.stringify(parts.type)},"version":${canonicalJson(parts.version, '$.version')}}`,
  );
};

/** canonicalJson(digestValue(port, value)) without building the digest of a text. */
const writeDigest = (
  port: Pick<PortSpec, 'kind'>,
  value: unknown,
  portIndex: number,
  item?: number,
): string => {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `{"text":${JSON.stringify(value)}}`;
  const digest = digestValue(port, value);
  if (typeof digest === 'string') return JSON.stringify(digest);
  const path = `$.inputs[${portIndex}][1]${item === undefined ? '' : `[${item}]`}`;
  return canonicalJson(digest, path);
};

type Digest = string | { [kind: string]: unknown } | null;

/**
 * One input value's digest: `image:<blob>` or `mask:<blob>` (the blob id is the SHA-256 of
 * the bytes); text and sources go into the key as they are — the whole key is hashed once,
 * which is cheaper than hashing each value first. null when the port is not connected.
 */
export const digestValue = (port: Pick<PortSpec, 'kind'>, value: unknown): Digest => {
  if (value === undefined || value === null) return null;
  const blob = blobOf(value);
  if (blob) return `${port.kind === 'mask' ? 'mask' : 'image'}:${blob}`;
  if (typeof value === 'string') return { text: value };
  return { [port.kind === 'sources' ? 'sources' : 'json']: value };
};

const blobOf = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const blob = (value as { blob?: unknown }).blob;
  return typeof blob === 'string' && isBlobId(blob) ? blob : undefined;
};

/** Whether `value` holds an image/mask value anywhere (most node data does not). */
const hasBlob = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasBlob);
  if (blobOf(value)) return true;
  for (const key in value) if (hasBlob((value as Record<string, unknown>)[key])) return true;
  return false;
};

/** Data with every image/mask value (e.g. a reference node's `image`) reduced to its blob id. */
const digestData = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(digestData);
  if (typeof value !== 'object' || value === null) return value;
  const blob = blobOf(value);
  if (blob) return { blob };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, digestData(v)]));
};

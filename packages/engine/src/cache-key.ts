import { createHash } from 'node:crypto';
import { isBlobId } from '@atelier/graph';
import type { PortSpec } from '@atelier/graph';
import type { NodeInputs } from '@atelier/nodes';
import { canonicalJson } from './canonical-json';

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

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
export const cacheKeyFor = (parts: CacheKeyParts): string =>
  sha256Hex(
    canonicalJson({
      type: parts.type,
      version: parts.version,
      data: digestData(parts.data),
      inputs: parts.ports.map((port) => [port.name, digestInput(port, parts.inputs[port.name])]),
      provider: parts.provider,
    }),
  );

type Digest = string | { [kind: string]: unknown } | null;

const digestInput = (port: PortSpec, value: unknown): Digest | Digest[] => {
  if (port.multiple) return Array.isArray(value) ? value.map((v) => digestValue(port, v)) : [];
  return digestValue(port, value);
};

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

/** Data with every image/mask value (e.g. a reference node's `image`) reduced to its blob id. */
const digestData = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(digestData);
  if (typeof value !== 'object' || value === null) return value;
  const blob = blobOf(value);
  if (blob) return { blob };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, digestData(v)]));
};

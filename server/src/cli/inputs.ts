import type { ImageValue, InputValue, Issue, MaskValue, Workflow } from '@atelier/graph';
import { maskSizeProblem, recipeSignature } from '@atelier/graph';
import { readPngInfo } from '@atelier/nodes';
import type { NodeRegistry } from '@atelier/nodes';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BlobStore } from '../blobs/blob-store';
import { ImageCheckError } from '../blobs/check-image';
import { sniffImage } from '../blobs/sniff';
import { missingImages as sharedMissingImages } from '../runs/missing-images';

export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

type Resolved = { values: Record<string, InputValue>; issues: Issue[] };

const readInputFile = async (
  path: string,
  at: string,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; issue: Issue }> => {
  try {
    const info = await stat(path);
    if (info.size > MAX_IMAGE_BYTES)
      return {
        ok: false,
        issue: { path: at, code: 'file_too_large', message: `${at}: ${path} is larger than 50 MB` },
      };
    return { ok: true, bytes: await readFile(path) };
  } catch {
    return {
      ok: false,
      issue: { path: at, code: 'file_not_found', message: `${at}: cannot read the file ${path}` },
    };
  }
};

const shortValue = (value: string): string =>
  JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);

/**
 * The text of a file given to a text input, or why it is not text: a prompt made of an
 * image's bytes (NULs, U+FFFD) would be sent, billed and cached as if it were meant.
 */
const fileText = (bytes: Buffer): { ok: true; text: string } | { ok: false; what: string } => {
  const image = sniffImage(bytes);
  if (image) return { ok: false, what: `a binary file (${image.mime}?)` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, what: 'not UTF-8 text' };
  }
  if (text.includes('\0')) return { ok: false, what: 'a binary file (it contains NUL bytes)' };
  return { ok: true, text };
};

/**
 * Turns `--set name=value` pairs into named-input values. `@path` reads a file: an
 * image or mask input stores it in the BlobStore (type sniffed from the bytes; masks
 * must be PNG), a text input takes the file's text. Unknown names pass through so that
 * applyInputs names the inputs that exist.
 */
export const resolveSets = async (
  sets: readonly { name: string; value: string }[],
  workflow: Workflow,
  registry: NodeRegistry,
  /** Where images go: the local blob store, or a server's POST /api/blobs (--server). */
  blobs: Pick<BlobStore, 'putUpload'>,
  cwd: string,
): Promise<Resolved> => {
  const kinds = new Map(
    recipeSignature(workflow, registry).map((input) => [input.name, input.kind]),
  );
  // A Map, then own properties: `--set __proto__=…` is a name like any other (and unknown).
  const values = new Map<string, InputValue>();
  const issues: Issue[] = [];
  const given = new Map<string, string>();
  for (const { name, value } of sets) {
    const at = `inputs.${name}`;
    const earlier = given.get(name);
    if (earlier !== undefined) {
      // Keeping the last value would run something the user may not have meant.
      issues.push({
        path: at,
        code: 'duplicate_input',
        message: `${at}: input "${name}" is set twice (--set ${name}=${shortValue(earlier)}, then --set ${name}=${shortValue(value)}); pass it once`,
      });
      continue;
    }
    given.set(name, value);
    const kind = kinds.get(name);
    const isFile = value.startsWith('@');
    if (kind === 'image' || kind === 'mask') {
      if (!isFile) {
        issues.push({
          path: at,
          code: 'input_kind_mismatch',
          message: `${at}: "${name}" is ${kind === 'mask' ? 'a mask' : 'an image'}; pass a file: --set ${name}=@path/to/${kind === 'mask' ? 'mask' : 'image'}.png`,
        });
        continue;
      }
      const path = resolve(cwd, value.slice(1));
      const read = await readInputFile(path, at);
      if (!read.ok) {
        issues.push(read.issue);
        continue;
      }
      const sniffed = sniffImage(read.bytes);
      if (!sniffed) {
        issues.push({
          path: at,
          code: 'unsupported_media_type',
          message: `${at}: ${path} is not a PNG, WebP or JPEG image`,
        });
        continue;
      }
      if (kind === 'mask' && sniffed.mime !== 'image/png') {
        issues.push({
          path: at,
          code: 'invalid_mask',
          message: `${at}: a mask must be a PNG with alpha (transparent = change); ${path} is ${sniffed.mime}`,
        });
        continue;
      }
      if (kind === 'mask' && readPngInfo(read.bytes)?.hasAlpha === false) {
        issues.push({
          path: at,
          code: 'invalid_mask',
          message: `${at}: ${path} has no alpha channel; a mask marks the region to change with transparent pixels (export it as a PNG with transparency)`,
        });
        continue;
      }
      const tooLarge = kind === 'mask' ? maskSizeProblem(read.bytes.length) : undefined;
      if (tooLarge) {
        issues.push({ path: at, code: 'mask_too_large', message: `${at}: ${path} ${tooLarge}` });
        continue;
      }
      let stored;
      try {
        // Decoded in full, as an upload is: a cut-off file fails here, not at the API.
        stored = await blobs.putUpload(read.bytes);
      } catch (error) {
        if (!(error instanceof ImageCheckError)) throw error;
        issues.push({ path: at, code: error.code, message: `${at}: ${path}: ${error.message}` });
        continue;
      }
      values.set(
        name,
        kind === 'mask'
          ? ({ ...stored, mime: 'image/png' } satisfies MaskValue)
          : (stored satisfies ImageValue),
      );
      continue;
    }
    if (kind === 'text' && isFile) {
      const path = resolve(cwd, value.slice(1));
      const read = await readInputFile(path, at);
      if (!read.ok) {
        issues.push(read.issue);
        continue;
      }
      const text = fileText(read.bytes);
      if (text.ok) values.set(name, text.text.trimEnd());
      else
        issues.push({
          path: at,
          code: 'not_text',
          message: `${at}: ${path} is ${text.what} but "${name}" is a text input; pass a UTF-8 text file, or the text itself: --set ${name}="..."`,
        });
      continue;
    }
    values.set(name, value);
  }
  return { values: Object.fromEntries(values), issues };
};

/** Reference and mask nodes the run needs that have nothing in them: say how to fill them. */
export const missingImages = (workflow: Workflow, target?: string): Issue[] =>
  // The server's check (POST /api/runs refuses the same runs), with the CLI's way to fill them.
  sharedMissingImages(workflow, target, (field, input) =>
    input
      ? `pass one with --set ${input.name}=@path/to/${field}.png`
      : 'add one in the editor, or expose the field as a named input and pass it with --set',
  );

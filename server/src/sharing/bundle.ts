import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { recipeKey } from '@atelier/graph';
import { z } from 'zod';
import { blobIdOf } from '../blobs/blob-store';

/**
 * The `.atelier.zip` bundle: a zip (fflate) holding
 *   manifest.json            what is inside (this schema)
 *   workflow.atelier.json    the document, as in the plain export
 *   images/<sha256>.<ext>    each image once, named by the SHA-256 of its bytes
 *   recipes/<id>@<v>.atelier.json  every recipe the document uses (transitively), each at the
 *                            version a recipe node pins, as stored on the exporting server
 * Images are stored, not deflated (they are compressed already); JSON is deflated.
 * `recipes` is optional in the manifest: bundles written before recipes read as before.
 */
export const BUNDLE_FORMAT = 'atelier.bundle';
export const BUNDLE_VERSION = 1;
export const DOCUMENT_PATH = 'workflow.atelier.json';
const MANIFEST_PATH = 'manifest.json';

const MIME_EXT = { 'image/png': 'png', 'image/webp': 'webp', 'image/jpeg': 'jpg' } as const;
type Mime = keyof typeof MIME_EXT;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 (64 lowercase hex)');

const imageEntry = z.object({
  sha256,
  path: z.string(),
  mime: z.enum(['image/png', 'image/webp', 'image/jpeg']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
});

const runEntry = z.object({
  id: z.string(),
  provider: z.enum(['simulator', 'openai']),
  createdAt: z.number(),
  /** Named-input values: text, or an image as `{ blob, … }` (its sha256 in `images`). */
  inputs: z.record(
    z.string(),
    z.union([z.string(), z.looseObject({ blob: z.string() })], {
      error: 'an input value is text or an image ({ "blob": "<sha256>", … })',
    }),
  ),
  /** Each node's outputs (image values name a sha256 in `images`). */
  nodes: z.record(z.string(), z.object({ outputs: z.record(z.string(), z.unknown()) })),
  /**
   * The document the run ran, when it is not the exported version's (the latest run with
   * outputs may be of an earlier version): its outputs are recorded with what made them.
   */
  document: z.unknown().optional(),
});

const recipeEntry = z.object({
  /** The pin as the exporting server knows it (what the bundled documents' recipe nodes say). */
  workflowId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a workflow id like "wf_abc123"'),
  version: z.number().int().positive(),
  name: z.string(),
  path: z.string(),
});

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  name: z.string(),
  exportedAt: z.string(),
  source: z.object({ workflowId: z.string(), version: z.number().int() }).optional(),
  document: z.literal(DOCUMENT_PATH),
  images: z.array(imageEntry),
  recipes: z.array(recipeEntry).optional(),
  run: runEntry.optional(),
});

export type BundleManifest = z.infer<typeof manifestSchema>;
export type BundleRun = z.infer<typeof runEntry>;

/** One recipe version carried by a bundle: its document as stored where it was exported. */
export interface BundleRecipe {
  workflowId: string;
  version: number;
  name: string;
  document: unknown;
}

const recipePath = (recipe: { workflowId: string; version: number }) =>
  `recipes/${recipe.workflowId}@${recipe.version}.atelier.json`;

export interface BundleImage {
  sha256: string;
  mime: Mime;
  width: number;
  height: number;
  bytes: Uint8Array;
}

/** A bundle that cannot be read; `path` names the entry. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    message: string,
    readonly path = '',
  ) {
    super(message);
  }
}

export const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

export const writeBundle = (input: {
  name: string;
  document: unknown;
  images: readonly BundleImage[];
  source?: BundleManifest['source'];
  run?: BundleRun;
  recipes?: readonly BundleRecipe[];
  /** ISO time; now by default (fixed by a file that must not change on every write). */
  exportedAt?: string;
}): Uint8Array => {
  const files: Zippable = {};
  const images: BundleManifest['images'] = [];
  for (const image of input.images) {
    const path = `images/${image.sha256}.${MIME_EXT[image.mime]}`;
    if (files[path]) continue;
    files[path] = [image.bytes, { level: 0 }];
    const { bytes, ...info } = image;
    images.push({ ...info, path, bytes: bytes.length });
  }
  const recipes: NonNullable<BundleManifest['recipes']> = [];
  for (const recipe of input.recipes ?? []) {
    const path = recipePath(recipe);
    if (files[path]) continue;
    files[path] = strToU8(`${JSON.stringify(recipe.document, null, 2)}\n`);
    recipes.push({
      workflowId: recipe.workflowId,
      version: recipe.version,
      name: recipe.name,
      path,
    });
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    name: input.name,
    exportedAt: input.exportedAt ?? new Date().toISOString(),
    ...(input.source ? { source: input.source } : {}),
    document: DOCUMENT_PATH,
    images,
    ...(recipes.length > 0 ? { recipes } : {}),
    ...(input.run ? { run: input.run } : {}),
  };
  files[MANIFEST_PATH] = strToU8(JSON.stringify(manifest, null, 2));
  files[DOCUMENT_PATH] = strToU8(`${JSON.stringify(input.document, null, 2)}\n`);
  return zipSync(files, {
    level: 6,
    ...(input.exportedAt ? { mtime: new Date(input.exportedAt) } : {}),
  });
};

export interface ReadBundle {
  manifest: BundleManifest;
  document: unknown;
  /** Images whose bytes hash to their name. */
  images: Map<string, BundleImage>;
  /** Images listed but absent, or whose bytes do not match their hash. */
  broken: Map<string, string>;
  /** The recipes it carries, by `recipeKey` of the exporting server's pin (documents unchecked). */
  recipes: Map<string, BundleRecipe>;
}

/** Limits: one image ≤ 50 MB, the whole unpacked bundle ≤ 1 GB (a zip bomb stops early). */
const MAX_ENTRY = 50 * 1024 * 1024;
const MAX_TOTAL = 1024 * 1024 * 1024;

const json = (bytes: Uint8Array | undefined, path: string): unknown => {
  if (!bytes) throw new BundleError(`The bundle has no ${path}.`, path);
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    throw new BundleError(`${path} in the bundle is not valid JSON.`, path);
  }
};

export const readBundle = (zip: Uint8Array): ReadBundle => {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (file) => {
        if (file.originalSize > MAX_ENTRY)
          throw new BundleError(`${file.name} is larger than 50 MB.`, file.name);
        total += file.originalSize;
        if (total > MAX_TOTAL) throw new BundleError('The bundle unpacks to more than 1 GB.');
        return (
          file.name === MANIFEST_PATH ||
          file.name === DOCUMENT_PATH ||
          /^images\/[^/]+$/.test(file.name) ||
          /^recipes\/[^/]+$/.test(file.name)
        );
      },
    });
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`The file is not a readable zip: ${(error as Error).message}.`);
  }
  const parsed = manifestSchema.safeParse(json(files[MANIFEST_PATH], MANIFEST_PATH));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError(
      `manifest.json is not an Atelier bundle manifest${issue ? ` (${issue.path.join('.')}: ${issue.message})` : ''}.`,
      MANIFEST_PATH,
    );
  }
  const manifest = parsed.data;
  const document = json(files[DOCUMENT_PATH], DOCUMENT_PATH);
  const images = new Map<string, BundleImage>();
  const broken = new Map<string, string>();
  for (const entry of manifest.images) {
    const bytes = files[entry.path];
    if (!bytes) broken.set(entry.sha256, `${entry.path} is missing from the bundle`);
    else if (blobIdOf(bytes) !== entry.sha256)
      broken.set(entry.sha256, `${entry.path} does not match its SHA-256 (the file is damaged)`);
    else images.set(entry.sha256, { ...entry, bytes });
  }
  const recipes = new Map<string, BundleRecipe>();
  for (const entry of manifest.recipes ?? []) {
    if (entry.path !== recipePath(entry))
      throw new BundleError(
        `manifest.json lists recipe ${entry.workflowId}@${entry.version} at ${entry.path}; expected ${recipePath(entry)}.`,
        MANIFEST_PATH,
      );
    const { path: _path, ...pin } = entry;
    recipes.set(recipeKey(entry), {
      ...pin,
      document: json(files[entry.path], entry.path),
    });
  }
  return { manifest, document, images, broken, recipes };
};

import { z } from 'zod';
import type { RunRecord } from '../runs/run-record';
import { isPng } from '@atelier/nodes';
import { embedInPng, extractFromPng } from './recipe-png';
import { embedInWebp, extractFromWebp, isWebp } from './recipe-webp';

/**
 * What "Download with recipe" embeds and an image drop restores: the document as that run
 * ran it (its named inputs applied), the run's inputs, and where it came from.
 */
export const RECIPE_FORMAT = 'atelier.recipe';

export const recipeSchema = z.object({
  format: z.literal(RECIPE_FORMAT),
  version: z.literal(1),
  name: z.string(),
  document: z.record(z.string(), z.unknown()),
  inputs: z.record(z.string(), z.unknown()),
  source: z.object({
    sha256: z.string(),
    runId: z.string(),
    nodeId: z.string(),
    port: z.string(),
    workflowId: z.string().optional(),
    workflowVersion: z.number().optional(),
  }),
});
export type Recipe = z.infer<typeof recipeSchema>;

export const recipeOf = (
  run: RunRecord,
  use: { nodeId: string; port: string },
  sha256: string,
): Recipe => ({
  format: RECIPE_FORMAT,
  version: 1,
  name: run.workflow.name,
  document: run.workflow as unknown as Recipe['document'],
  inputs: run.inputs as Recipe['inputs'],
  source: {
    sha256,
    runId: run.id,
    nodeId: use.nodeId,
    port: use.port,
    ...(run.workflowId !== undefined ? { workflowId: run.workflowId } : {}),
    ...(run.workflowVersion !== undefined ? { workflowVersion: run.workflowVersion } : {}),
  },
});

/** True for the formats a recipe can be embedded in (PNG, WebP; not JPEG). */
export const canEmbed = (mime: string) => mime === 'image/png' || mime === 'image/webp';

export const embedRecipe = (bytes: Uint8Array, recipe: Recipe): Uint8Array => {
  const text = JSON.stringify(recipe);
  if (isPng(bytes)) return embedInPng(bytes, text);
  if (isWebp(bytes)) return embedInWebp(bytes, text);
  throw new Error('A recipe can be embedded only in a PNG or a WebP.');
};

/** The recipe embedded in an image, or undefined when there is none (or it is unreadable). */
export const extractRecipe = (bytes: Uint8Array): Recipe | undefined => {
  const text = extractFromPng(bytes) ?? extractFromWebp(bytes);
  if (text === undefined) return undefined;
  try {
    const parsed = recipeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

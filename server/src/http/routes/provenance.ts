import { isBlobId } from '@atelier/graph';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { UnsupportedImageError, blobIdOf } from '../../blobs/blob-store';
import { sniffImage } from '../../blobs/sniff';
import { provenanceOf } from '../../sharing/provenance-repo';
import type { ProvenanceUse } from '../../sharing/provenance-repo';
import { canEmbed, embedRecipe, extractRecipe, recipeOf } from '../../sharing/recipe';
import type { AppDeps } from '../deps';
import { apiError, errorBody } from '../errors';
import { validate } from '../validate';
import { MAX_UPLOAD_BYTES } from './blobs';
import { idSchema } from './workflows';

const shaParam = z.object({
  sha256: z.string().refine(isBlobId, 'expected the SHA-256 of the image bytes: 64 lowercase hex'),
});
const downloadQuery = z.object({ run: idSchema.optional() });

/** Said wherever a recipe is embedded: the bytes change, so OpenAI's signature breaks. */
export const CREDENTIALS_NOTE =
  'Embedding the recipe changes the file, so the content credentials (C2PA) the API signed no longer verify; download the original to keep them.';

/**
 * Provenance of output images (DESIGN.md §11): `GET /api/provenance/:sha256`, the download
 * with the recipe embedded, and `POST /api/provenance/image` (an image a person dropped:
 * what this server knows of it, or the recipe it carries).
 */
export const provenanceRoutes = (deps: AppDeps) => {
  const describe = (sha256: string, uses: ProvenanceUse[]) => {
    const origin = uses[0]!;
    const run = deps.runs.get(origin.runId);
    const info = deps.blobs.info(sha256);
    return {
      sha256,
      ...(info
        ? { image: { mime: info.mime, width: info.width, height: info.height, bytes: info.bytes } }
        : {}),
      runId: origin.runId,
      nodeId: origin.nodeId,
      port: origin.port,
      ...(origin.workflowId !== undefined ? { workflowId: origin.workflowId } : {}),
      ...(origin.workflowVersion !== undefined ? { workflowVersion: origin.workflowVersion } : {}),
      ...(run ? { provider: run.provider, inputs: run.inputs, createdAt: run.createdAt } : {}),
      ...(run?.via !== undefined ? { via: run.via } : {}),
      /** The recipe as that run ran it (named inputs applied). */
      ...(run ? { recipe: recipeOf(run, origin, sha256) } : {}),
      uses,
    };
  };

  const notFound = (c: Context, sha256: string) =>
    apiError(
      c,
      404,
      'provenance_not_found',
      `No output of a run on this server has SHA-256 ${sha256}.`,
      {
        path: 'sha256',
      },
    );

  return new Hono()
    .post(
      '/image',
      allow('view'),
      bodyLimit({
        maxSize: MAX_UPLOAD_BYTES,
        onError: (c) => c.json(errorBody('payload_too_large', 'Images are limited to 50 MB.'), 413),
      }),
      async (c) => {
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        if (bytes.length === 0)
          return apiError(c, 400, 'empty_body', 'Send the image bytes as the request body.');
        // The bytes decide: a text file or a GIF is not "an image made elsewhere".
        if (!sniffImage(bytes)) {
          const { code, message } = new UnsupportedImageError();
          return apiError(
            c,
            415,
            code,
            `${message} Drop an image made by Atelier or any PNG, WebP or JPEG.`,
          );
        }
        const sha256 = blobIdOf(bytes);
        const uses = provenanceOf(deps.db, sha256);
        if (uses.length > 0)
          return c.json({ source: 'provenance' as const, ...describe(sha256, uses) }, 200);
        const recipe = extractRecipe(bytes);
        if (recipe) {
          // The embedded recipe names the original output: known here when made here.
          const original = provenanceOf(deps.db, recipe.source.sha256);
          return c.json(
            original.length > 0
              ? {
                  source: 'embedded' as const,
                  ...describe(recipe.source.sha256, original),
                  embedded: recipe,
                }
              : { source: 'embedded' as const, sha256, recipe },
            200,
          );
        }
        return apiError(
          c,
          404,
          'no_recipe',
          'This image was not made on this server and carries no Atelier recipe.',
        );
      },
    )
    .get('/:sha256', allow('view'), validate('param', shaParam), (c) => {
      const { sha256 } = c.req.valid('param');
      const uses = provenanceOf(deps.db, sha256);
      return uses.length > 0 ? c.json(describe(sha256, uses), 200) : notFound(c, sha256);
    })
    .get(
      '/:sha256/with-recipe',
      allow('view'),
      validate('param', shaParam),
      validate('query', downloadQuery),
      async (c) => {
        const { sha256 } = c.req.valid('param');
        const { run: runId } = c.req.valid('query');
        const uses = provenanceOf(deps.db, sha256);
        const use = runId === undefined ? uses[0] : uses.find((u) => u.runId === runId);
        const run = use ? deps.runs.get(use.runId) : undefined;
        const info = deps.blobs.info(sha256);
        if (!use || !run || !info) return notFound(c, sha256);
        if (!canEmbed(info.mime))
          return apiError(
            c,
            415,
            'cannot_embed',
            `A recipe can be embedded in PNG and WebP images; this one is ${info.mime}. Set the node's output_format to png or webp, or download the original.`,
          );
        const bytes = embedRecipe(await deps.blobs.get(sha256), recipeOf(run, use, sha256));
        const ext = info.mime === 'image/png' ? 'png' : 'webp';
        c.header(
          'Content-Disposition',
          `attachment; filename="${run.workflow.name.replace(/[^\w .-]+/g, '_')}-${use.nodeId}.recipe.${ext}"`,
        );
        c.header('X-Atelier-Note', CREDENTIALS_NOTE);
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': info.mime });
      },
    );
};

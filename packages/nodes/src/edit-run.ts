import type { NodeContext, NodeResult } from './context';
import { dataUrl } from './base64';
import type { EditData } from './edit';
import {
  imagePart,
  imageRequestParts,
  imageResult,
  loadImages,
  streamImageCall,
  textPart,
} from './image-call';
import { MAX_IMAGES } from './limits';
import { takesInputFidelity } from './models/image-model-rules';
import { imageList, optionalMask, requiredImage } from './read-inputs';
import type { ImageGenerationTool, ResponsesRequest } from './responses';
import { NodeError } from './responses';

/**
 * Edits an image. When the image came out of a call of this same provider and no mask is
 * given, the request chains on that response (`previous_response_id`) instead of sending
 * the image again; if the API no longer stores it, the image is sent, once.
 */
export const runEdit = async (ctx: NodeContext<EditData>): Promise<NodeResult> => {
  const { data, inputs } = ctx;
  const image = requiredImage(inputs, 'image', `Edit ${ctx.nodeId}`);
  const instruction = inputs.instruction;
  if (typeof instruction !== 'string' || instruction.trim() === '')
    throw new NodeError(
      'missing_input',
      `The instruction of ${ctx.nodeId} is empty: type one on the card or connect a prompt with some text.`,
    );
  const mask = optionalMask(inputs, 'mask');
  const references = imageList(inputs, 'references');
  if (references.length + 1 > MAX_IMAGES)
    throw new NodeError(
      'too_many_images',
      `${references.length + 1} images (the image and ${references.length} references): one call takes at most ${MAX_IMAGES}.`,
    );
  if (mask && (mask.width !== image.width || mask.height !== image.height))
    throw new NodeError(
      'mask_size_mismatch',
      `The mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}: they must be the same size.`,
    );
  const { model, imageModel, tools } = await imageRequestParts(ctx, 'edit', async (imageModel) => ({
    // Only models that take input_fidelity get it; no current model does (reference §3).
    ...(takesInputFidelity(imageModel) ? { input_fidelity: data.input_fidelity } : {}),
  }));
  // Every image of the request is loaded once and counted against the 50 MB per request.
  const loaded = await loadImages(ctx, [
    { label: `The image to edit (${image.width}x${image.height})`, image },
    ...references.map((ref, i) => ({ label: `Reference image ${i + 1}`, image: ref })),
    ...(mask ? [{ label: 'The mask', image: mask }] : []),
  ]);
  const edited = loaded[0]!;
  const referenceParts = loaded.slice(1, 1 + references.length).map(imagePart);
  if (mask) {
    const maskImage = loaded[loaded.length - 1]!;
    const tool = tools.tools![0] as ImageGenerationTool;
    tool.input_image_mask = { image_url: dataUrl(maskImage.mime, maskImage.bytes) };
  }
  const request = (chainOn: string | undefined): ResponsesRequest => ({
    model,
    ...(chainOn ? { previous_response_id: chainOn } : {}),
    input: [
      {
        role: 'user',
        content: [
          textPart(instruction),
          // The image goes first among the images: a mask applies to the first one.
          ...(chainOn ? [] : [imagePart(edited)]),
          ...referenceParts,
        ],
      },
    ],
    ...tools,
  });

  const canChain = !mask && image.provider === ctx.responses.identity && image.responseId;
  if (canChain && ctx.api?.store === false)
    ctx.log(
      'Requests are not stored (store: false), so the image is sent instead of chaining on its response.',
    );
  const chainOn = canChain && ctx.api?.store !== false ? image.responseId : undefined;
  let requests = 1;
  let call;
  try {
    call = await streamImageCall(ctx, request(chainOn));
  } catch (error) {
    if (!(chainOn && isLostResponse(error))) throw error;
    ctx.log(
      `The previous response ${chainOn} is no longer stored by the API; re-sent the image instead.`,
    );
    requests = 2;
    call = await streamImageCall(ctx, request(undefined));
  }
  return imageResult(ctx, call, {
    prompt: instruction,
    imageModel,
    // A chained edit sends no image, but the earlier one is still in the tool's context.
    inputImages: references.length + 1,
    requests,
  });
};

/**
 * The API no longer has the response to chain on: its own code, a 404, or any error that
 * blames `previous_response_id` (the shapes public clients have met).
 */
const isLostResponse = (error: unknown): boolean =>
  error instanceof NodeError &&
  (error.code === 'previous_response_not_found' ||
    error.details.status === 404 ||
    error.details.param === 'previous_response_id');

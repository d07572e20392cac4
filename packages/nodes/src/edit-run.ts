import type { NodeContext, NodeResult } from './context';
import { dataUrl } from './base64';
import type { EditData } from './edit';
import { imagePart, imageRequestParts, imageResult, streamImageCall, textPart } from './image-call';
import { MAX_IMAGES } from './limits';
import { isGptImage2 } from './models';
import { imageList, optionalMask, requiredImage, requiredText } from './read-inputs';
import type { ResponsesRequest } from './responses';
import { NodeError } from './responses';

/**
 * Edits an image. When the image came out of a call of this same provider and no mask is
 * given, the request chains on that response (`previous_response_id`) instead of sending
 * the image again; if the API no longer stores it, the image is sent, once.
 */
export const runEdit = async (ctx: NodeContext<EditData>): Promise<NodeResult> => {
  const { data, inputs } = ctx;
  const image = requiredImage(inputs, 'image', `Edit ${ctx.nodeId}`);
  const instruction = requiredText(inputs, 'instruction', `The instruction of ${ctx.nodeId}`);
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
  const { model, imageModel, tools } = await imageRequestParts(ctx, async (imageModel) => ({
    // gpt-image-2 rejects input_fidelity (reference §3).
    ...(isGptImage2(imageModel) ? {} : { input_fidelity: data.input_fidelity }),
    ...(mask
      ? { input_image_mask: { image_url: dataUrl(mask.mime, await ctx.blobs.get(mask.blob)) } }
      : {}),
  }));
  const referenceParts = await Promise.all(references.map((ref) => imagePart(ctx, ref)));
  const request = async (chainOn: string | undefined): Promise<ResponsesRequest> => ({
    model,
    ...(chainOn ? { previous_response_id: chainOn } : {}),
    input: [
      {
        role: 'user',
        content: [
          textPart(instruction),
          // The image goes first among the images: a mask applies to the first one.
          ...(chainOn ? [] : [await imagePart(ctx, image)]),
          ...referenceParts,
        ],
      },
    ],
    ...tools,
  });

  const chainOn =
    !mask && image.provider === ctx.responses.identity && image.responseId
      ? image.responseId
      : undefined;
  let requests = 1;
  let call;
  try {
    call = await streamImageCall(ctx, await request(chainOn));
  } catch (error) {
    if (!(chainOn && error instanceof NodeError && error.code === 'previous_response_not_found'))
      throw error;
    ctx.log(
      `The previous response ${chainOn} is no longer stored by the API; re-sent the image instead.`,
    );
    requests = 2;
    call = await streamImageCall(ctx, await request(undefined));
  }
  const sentImage = requests === 2 || !chainOn;
  return imageResult(ctx, call, {
    prompt: instruction,
    imageModel,
    inputImages: references.length + (sentImage ? 1 : 0),
    requests,
  });
};

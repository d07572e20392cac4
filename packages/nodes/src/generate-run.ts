import type { NodeContext, NodeResult } from './context';
import type { GenerateData } from './generate';
import {
  imagePart,
  imageRequestParts,
  imageResult,
  loadImages,
  streamImageCall,
  textPart,
} from './image-call';
import { MAX_IMAGES } from './limits';
import { imageList, requiredText, textList } from './read-inputs';
import { NodeError } from './responses';

/** One streamed Responses call with the image tool: prompt, context texts, reference images. */
export const runGenerate = async (ctx: NodeContext<GenerateData>): Promise<NodeResult> => {
  const { inputs } = ctx;
  const prompt = requiredText(inputs, 'prompt', `The prompt of ${ctx.nodeId}`);
  const context = textList(inputs, 'context');
  const references = imageList(inputs, 'references');
  if (references.length > MAX_IMAGES)
    throw new NodeError(
      'too_many_images',
      `${references.length} reference images: one call takes at most ${MAX_IMAGES}.`,
    );
  const { model, imageModel, tools } = await imageRequestParts(ctx, 'generate');
  const images = await loadImages(
    ctx,
    references.map((image, i) => ({ label: `Reference image ${i + 1}`, image })),
  );
  const content = [textPart(prompt), ...context.map(textPart), ...images.map(imagePart)];
  const call = await streamImageCall(ctx, {
    model,
    input: [{ role: 'user', content }],
    ...tools,
  });
  return imageResult(ctx, call, {
    prompt,
    imageModel,
    inputImages: references.length,
    requests: 1,
  });
};

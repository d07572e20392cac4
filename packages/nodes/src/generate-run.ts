import type { NodeContext, NodeResult } from './context';
import type { GenerateData } from './generate';
import {
  imagePart,
  imageTool,
  imageUsage,
  modelsFor,
  storeResult,
  streamImageCall,
  textPart,
  toolsFor,
} from './image-call';
import { imageList, requiredText, textList } from './read-inputs';
import { NodeError } from './responses';
import { MAX_IMAGES } from './limits';

/** One streamed Responses call with the image tool: prompt, context texts, reference images. */
export const runGenerate = async (ctx: NodeContext<GenerateData>): Promise<NodeResult> => {
  const { data, inputs } = ctx;
  const prompt = requiredText(inputs, 'prompt', `The prompt of ${ctx.nodeId}`);
  const context = textList(inputs, 'context');
  const references = imageList(inputs, 'references');
  if (references.length > MAX_IMAGES)
    throw new NodeError(
      'too_many_images',
      `${references.length} reference images: one call takes at most ${MAX_IMAGES}.`,
    );
  const { model, imageModel } = modelsFor(ctx);
  const tool = imageTool(data, imageModel);
  const content = [
    textPart(prompt),
    ...context.map(textPart),
    ...(await Promise.all(references.map((image) => imagePart(ctx, image)))),
  ];
  const { response, partialImages } = await streamImageCall(ctx, {
    model,
    input: [{ role: 'user', content }],
    ...toolsFor(data, tool),
  });
  const { image, item, items } = await storeResult(ctx, response);
  return {
    outputs: { image, revised_prompt: item.revised_prompt ?? prompt },
    usage: imageUsage(response, items, {
      imageModel,
      size: data.size,
      quality: data.quality,
      partialImages,
      inputImages: references.length,
      requests: 1,
    }),
  };
};

import { invalidRequest, invalidType, invalidValue } from './errors';
import { checkImageBytes } from './image-bytes';
import { decodeBytes, decodeDataUrl, decodeMaskDataUrl } from './image/codec';
import { planImageCall, type ImageCallPlan, type KeyedImage } from './image/image-call';
import { resolveImageTool, type ImageTool } from './image-tool';
import type { ModelEntry } from './models';
import type { ParsedRequest } from './request';
import type { ResponseObject } from './response-object';
import {
  WEB_SEARCH_TYPES,
  resolveWebSearchTool,
  simulateSearch,
  type SearchResult,
  type WebSearchTool,
} from './web-search';

/** Everything a response needs, resolved and validated before the first byte is sent. */
export interface PreparedResponse {
  request: ParsedRequest;
  tools: unknown[];
  search: { tool: WebSearchTool; result: SearchResult } | null;
  image: ImageCallPlan | null;
  inputImageCount: number;
}

const TOOL_TYPES = ['image_generation', ...WEB_SEARCH_TYPES];

/** Which tool types tool_choice lets the simulated model call. */
function allowedTools(toolChoice: unknown): (type: string) => boolean {
  if (
    toolChoice === undefined ||
    toolChoice === null ||
    toolChoice === 'auto' ||
    toolChoice === 'required'
  )
    return () => true;
  if (toolChoice === 'none') return () => false;
  if (typeof toolChoice === 'object' && !Array.isArray(toolChoice)) {
    const choice = toolChoice as Record<string, unknown>;
    if (choice.type === 'allowed_tools' && Array.isArray(choice.tools)) {
      const types = new Set(choice.tools.map((t) => (t as Record<string, unknown>)?.type));
      return (type) => types.has(type);
    }
    if (typeof choice.type === 'string')
      return (type) =>
        type === choice.type ||
        (choice.type === 'web_search_preview' && type.startsWith('web_search'));
  }
  throw invalidRequest(
    "Invalid value for 'tool_choice': use 'none', 'auto', 'required' or a tool choice object.",
    'tool_choice',
    'invalid_value',
  );
}

/** What validation needs to know about the fake's state. */
export interface PrepareEnv {
  /** The model table's entry of a model that exists now, else undefined. */
  liveModel(id: string): ModelEntry | undefined;
  maxImageBytes: number;
}

/** Read access to stored responses. */
export interface StoredResponses {
  response(id: string): ResponseObject | undefined;
  /** An output item of any stored response, by its id. */
  item(id: string): Record<string, unknown> | undefined;
}

export async function prepareResponse(
  request: ParsedRequest,
  stored: StoredResponses,
  env: PrepareEnv,
): Promise<PreparedResponse> {
  let imageTool: ImageTool | null = null;
  let searchTool: WebSearchTool | null = null;
  const echo: unknown[] = [];
  request.tools.forEach((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw invalidType(`tools[${i}]`, 'a tool object', raw);
    const tool = raw as Record<string, unknown>;
    if (tool.type === 'image_generation') {
      const resolved = resolveImageTool(tool, i, env.liveModel);
      imageTool ??= resolved;
      echo.push(resolved.echo);
    } else if (typeof tool.type === 'string' && WEB_SEARCH_TYPES.includes(tool.type)) {
      const resolved = resolveWebSearchTool(tool, i);
      searchTool ??= resolved;
      echo.push(resolved.echo);
    } else if (tool.type === 'function' || tool.type === 'custom') {
      echo.push(tool); // accepted and echoed; the simulated model never calls them
    } else {
      throw invalidValue(`tools[${i}].type`, tool.type, TOOL_TYPES);
    }
  });

  const previous =
    request.previousResponseId === null ? undefined : stored.response(request.previousResponseId);
  if (request.previousResponseId !== null && !previous) {
    throw invalidRequest(
      `Previous response with id '${request.previousResponseId}' not found.`,
      'previous_response_id',
      'previous_response_not_found',
    );
  }

  // The size limit is checked before anything is decoded, like a body limit.
  checkImageBytes(request, imageTool as ImageTool | null, env.maxImageBytes);
  // Input images are decoded even without an image tool: a broken image is a 400 either way.
  const inputs: KeyedImage[] = [];
  for (const ref of request.images)
    inputs.push({ image: await decodeDataUrl(ref.url, ref.param), key: ref.url });
  for (const call of request.imageCalls) {
    const item = call.result === null ? stored.item(call.id) : undefined;
    const result = call.result ?? (typeof item?.result === 'string' ? item.result : null);
    if (result === null)
      throw invalidRequest(
        `Item with id '${call.id}' not found.`,
        `${call.param}.id`,
        'invalid_value',
      );
    inputs.push({
      image: await decodeBytes(Buffer.from(result, 'base64'), `${call.param}.result`),
      key: result,
    });
  }

  const allows = allowedTools(request.body.tool_choice);
  const useSearch =
    searchTool !== null && allows((searchTool as WebSearchTool).echo.type as string);
  const result = useSearch
    ? simulateSearch(request.prompt, searchTool!, {
        incomplete: request.markers.has('search_incomplete'),
        openPage: request.markers.has('open_page'),
      })
    : null;
  // max_tool_calls caps built-in tool calls in the order the model makes them: searches
  // (each web_search_call, open_page included) first, then the image.
  const cap = request.maxToolCalls ?? Infinity;
  if (result) result.actions = result.actions.slice(0, cap);
  const search = result ? { tool: searchTool!, result } : null;
  const callsLeft = cap - (result?.actions.length ?? 0);

  let image: ImageCallPlan | null = null;
  const tool = imageTool as ImageTool | null;
  if (tool && allows('image_generation') && callsLeft > 0) {
    // A chained turn edits the previous response's last image; images sent with it are
    // further references (as the real API keeps the earlier image in context).
    if (tool.action !== 'generate' && previous && (inputs.length === 0 || !tool.mask)) {
      const last = lastImage(previous);
      if (last)
        inputs.unshift({
          image: await decodeBytes(Buffer.from(last, 'base64'), 'previous_response_id'),
          key: last,
          cached: true,
        });
    }
    const mask = tool.mask
      ? {
          image: await decodeMaskDataUrl(
            tool.mask,
            `tools[${tool.index}].input_image_mask.image_url`,
          ),
          key: tool.mask,
        }
      : null;
    image = planImageCall({
      tool,
      prompt: request.prompt,
      headline: search?.result.headline ?? null,
      inputs,
      mask,
    });
  }
  return { request, tools: echo, search, image, inputImageCount: inputs.length };
}

function lastImage(response: ResponseObject): string | null {
  for (let i = response.output.length - 1; i >= 0; i -= 1) {
    const item = response.output[i]!;
    if (item.type === 'image_generation_call' && typeof item.result === 'string')
      return item.result;
  }
  return null;
}

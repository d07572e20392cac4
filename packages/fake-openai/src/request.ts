import { integerOutOfRange, invalidRequest, invalidType } from './errors';
import { findMarkers, stripMarkers, type Marker } from './markers';

/** An input image part, still encoded; `param` names it for error messages. */
export interface InputImageRef {
  url: string;
  param: string;
}

/** An earlier image_generation_call passed back as input (by value or by item_reference). */
export interface ImageCallRef {
  id: string;
  result: string | null;
  param: string;
}

export interface ParsedRequest {
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  store: boolean;
  /** The user's text with simulation markers removed. */
  prompt: string;
  markers: Set<Marker>;
  images: InputImageRef[];
  imageCalls: ImageCallRef[];
  previousResponseId: string | null;
  instructions: string | null;
  tools: unknown[];
  include: string[];
  obfuscation: boolean;
  /** `max_tool_calls`: built-in tool calls the simulated model may make (null: no cap). */
  maxToolCalls: number | null;
}

const MAX_PROMPT = 32000;
const MAX_IMAGES = 16;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the top level of a POST /v1/responses body; tools are resolved separately. */
export function parseRequest(body: unknown): ParsedRequest {
  if (!isObject(body)) throw invalidRequest('The request body must be a JSON object.', null);
  const model = body.model;
  if (model === undefined)
    throw invalidRequest(
      "Missing required parameter: 'model'.",
      'model',
      'missing_required_parameter',
    );
  if (typeof model !== 'string' || model === '')
    throw invalidType('model', 'a non-empty string', model);
  const optional = <T>(
    key: string,
    type: string,
    check: (v: unknown) => boolean,
  ): T | undefined => {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    if (!check(v)) throw invalidType(key, type, v);
    return v as T;
  };
  const stream = optional<boolean>('stream', 'a boolean', (v) => typeof v === 'boolean') ?? false;
  const store = optional<boolean>('store', 'a boolean', (v) => typeof v === 'boolean') ?? true;
  const previousResponseId =
    optional<string>('previous_response_id', 'a string', (v) => typeof v === 'string') ?? null;
  const instructions =
    optional<string>('instructions', 'a string', (v) => typeof v === 'string') ?? null;
  const tools = optional<unknown[]>('tools', 'an array', Array.isArray) ?? [];
  const include =
    optional<unknown[]>(
      'include',
      'an array of strings',
      (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
    ) ?? [];
  const streamOptions = optional<Record<string, unknown>>('stream_options', 'an object', isObject);
  optional('metadata', 'an object', isObject);
  optional('parallel_tool_calls', 'a boolean', (v) => typeof v === 'boolean');
  const maxToolCalls =
    optional<number>('max_tool_calls', 'an integer', (v) => Number.isInteger(v)) ?? null;
  if (maxToolCalls !== null && maxToolCalls < 1)
    throw integerOutOfRange('max_tool_calls', maxToolCalls, 1, Number.MAX_SAFE_INTEGER);
  if (body.input === undefined && previousResponseId === null) {
    throw invalidRequest(
      "Missing required parameter: 'input'.",
      'input',
      'missing_required_parameter',
    );
  }

  const texts: string[] = instructions ? [instructions] : [];
  const userTexts: string[] = [];
  const images: InputImageRef[] = [];
  const imageCalls: ImageCallRef[] = [];
  const input = body.input;
  if (typeof input === 'string') {
    userTexts.push(input);
  } else if (Array.isArray(input)) {
    input.forEach((item, i) => readItem(item, `input[${i}]`, userTexts, texts, images, imageCalls));
  } else if (input !== undefined) {
    throw invalidType('input', 'a string or an array of input items', input);
  }
  const allText = [...texts, ...userTexts].join('\n');
  if (userTexts.join('\n').length > MAX_PROMPT) {
    throw invalidRequest(
      `The prompt is too long: at most ${MAX_PROMPT} characters.`,
      'input',
      'string_above_max_length',
    );
  }
  if (images.length > MAX_IMAGES) {
    throw invalidRequest(
      `Too many input images: at most ${MAX_IMAGES}, got ${images.length}.`,
      'input',
      'too_many_images',
    );
  }
  return {
    body,
    model,
    stream,
    store,
    prompt: stripMarkers(userTexts.join('\n')),
    markers: findMarkers(allText),
    images,
    imageCalls,
    previousResponseId,
    instructions,
    tools,
    include: include as string[],
    obfuscation: streamOptions?.include_obfuscation !== false,
    maxToolCalls,
  };
}

function readItem(
  item: unknown,
  path: string,
  userTexts: string[],
  otherTexts: string[],
  images: InputImageRef[],
  imageCalls: ImageCallRef[],
): void {
  if (!isObject(item)) throw invalidType(path, 'an input item object', item);
  const type = item.type ?? 'message';
  if (type === 'image_generation_call' || type === 'item_reference') {
    if (typeof item.id !== 'string')
      throw invalidRequest(
        `Missing required parameter: '${path}.id'.`,
        `${path}.id`,
        'missing_required_parameter',
      );
    const result = typeof item.result === 'string' && item.result !== '' ? item.result : null;
    imageCalls.push({ id: item.id, result, param: path });
    return;
  }
  if (type !== 'message') return; // other item kinds (function outputs, reasoning…) carry no prompt
  const role = item.role;
  if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer') {
    throw invalidRequest(
      `Invalid value: ${JSON.stringify(role)}. Supported values are: 'user', 'assistant', 'system', and 'developer'.`,
      `${path}.role`,
      'invalid_value',
    );
  }
  const sink = role === 'user' ? userTexts : otherTexts;
  const content = item.content;
  if (typeof content === 'string') {
    sink.push(content);
    return;
  }
  if (!Array.isArray(content))
    throw invalidType(`${path}.content`, 'a string or an array of content parts', content);
  content.forEach((part, j) => {
    const partPath = `${path}.content[${j}]`;
    if (!isObject(part)) throw invalidType(partPath, 'a content part object', part);
    switch (part.type) {
      case 'input_text':
      case 'output_text':
        if (typeof part.text !== 'string')
          throw invalidType(`${partPath}.text`, 'a string', part.text);
        sink.push(part.text);
        return;
      case 'input_image': {
        if (typeof part.file_id === 'string') {
          throw invalidRequest(
            'The fake Responses API has no Files API: send the image as a data URL in image_url.',
            `${partPath}.file_id`,
            'unsupported_parameter',
          );
        }
        if (typeof part.image_url !== 'string') {
          throw invalidRequest(
            `Missing required parameter: '${partPath}.image_url'.`,
            `${partPath}.image_url`,
            'missing_required_parameter',
          );
        }
        images.push({ url: part.image_url, param: `${partPath}.image_url` });
        return;
      }
      default:
        return; // input_file, refusal…: nothing the simulator uses
    }
  });
}

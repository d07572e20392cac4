import OpenAI from 'openai';
import sharp from 'sharp';
import { afterAll, beforeAll, expect } from 'vitest';
import { createFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from '../src/index';

/**
 * The smallest custom size the gpt-image-2 models make (655,360 px, the minimum): the cheapest
 * image to render in tests that need a real API size.
 */
export const SMALL = { width: 1024, height: 640, size: '1024x640' } as const;

/** An image_generation tool at the SMALL size on gpt-image-2. */
export const SMALL_TOOL = {
  type: 'image_generation',
  model: 'gpt-image-2',
  size: SMALL.size,
} as const;

/** A date before gpt-image-1 (and the other legacy image models) shut down, for their tests. */
export const BEFORE_LEGACY_SHUTDOWN = '2026-10-01T00:00:00Z';

/** Loosely typed JSON for assertions on wire payloads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = Record<string, any>;

/** Starts one fake for the file's tests and closes it afterwards. */
export function useFake(options: FakeOpenAIOptions = {}): {
  readonly fake: FakeOpenAI;
  client(opts?: { maxRetries?: number }): OpenAI;
} {
  let fake: FakeOpenAI | undefined;
  beforeAll(async () => {
    fake = await createFakeOpenAI(options);
  });
  afterAll(async () => {
    await fake?.close();
  });
  return {
    get fake() {
      if (!fake) throw new Error('fake not started');
      return fake;
    },
    client: (opts = {}) =>
      new OpenAI({ apiKey: 'sk-test', baseURL: fake!.baseURL, maxRetries: opts.maxRetries ?? 0 }),
  };
}

/** Runs `body` against a fresh fake with `options`, closing it afterwards. */
export async function withFake<T>(
  options: FakeOpenAIOptions,
  body: (fake: FakeOpenAI) => Promise<T>,
): Promise<T> {
  const fake = await createFakeOpenAI(options);
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}

/** The real SDK against `fake`. */
export const sdk = (fake: FakeOpenAI, maxRetries = 0): OpenAI =>
  new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries });

export interface RawStream {
  status: number;
  headers: Headers;
  /** The `event:` line of each frame and its parsed `data:` payload. */
  frames: { event: string | null; data: Loose }[];
  events: Loose[];
}

/** POSTs with plain fetch and parses the SSE frames, to check framing the SDK would hide. */
export async function rawStream(
  fake: FakeOpenAI,
  body: Record<string, unknown>,
): Promise<RawStream> {
  const res = await fetch(`${fake.baseURL}/responses`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, stream: true }),
  });
  const text = await res.text();
  const frames = text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? null;
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6) ?? 'null';
      return { event, data: JSON.parse(data) as Loose };
    });
  return { status: res.status, headers: res.headers, frames, events: frames.map((f) => f.data) };
}

export async function postJson(
  fake: FakeOpenAI,
  body: unknown,
  headers: Record<string, string> = { authorization: 'Bearer sk-test' },
): Promise<{ status: number; headers: Headers; json: Loose }> {
  const res = await fetch(`${fake.baseURL}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Loose };
}

/** One gpt-6.1-sol request with an image_generation `tool` (its `type` added) on `input`. */
export const postImageTool = (
  fake: FakeOpenAI,
  tool: Loose,
  input: unknown = 'x',
): ReturnType<typeof postJson> =>
  postJson(fake, { model: 'gpt-6.1-sol', input, tools: [{ type: 'image_generation', ...tool }] });

/** A deterministic test picture: a colour ramp with a checker pattern, optionally with alpha. */
export async function testImage(
  width: number,
  height: number,
  format: 'png' | 'jpeg' | 'webp' = 'png',
  alpha = false,
): Promise<Buffer> {
  const channels = alpha ? 4 : 3;
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * channels;
      const check = ((x >> 3) + (y >> 3)) % 2 === 0;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = check ? 200 : 40;
      if (alpha) data[i + 3] = 255 - ((x * 7 + y * 3) % 128);
    }
  }
  const image = sharp(data, { raw: { width, height, channels } });
  return format === 'png'
    ? image.png().toBuffer()
    : format === 'webp'
      ? image.webp({ lossless: true }).toBuffer()
      : image.jpeg().toBuffer();
}

/** A mask whose alpha is 0 inside `hole` (the area to edit) and 255 elsewhere. */
export async function maskImage(
  width: number,
  height: number,
  hole: { x: number; y: number; w: number; h: number },
): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4, 0);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      const inHole = x >= hole.x && x < hole.x + hole.w && y >= hole.y && y < hole.y + hole.h;
      data[i + 3] = inHole ? 0 : 255;
    }
  }
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

export const dataUrl = (bytes: Buffer, mime = 'image/png'): string =>
  `data:${mime};base64,${bytes.toString('base64')}`;

/** testImage (PNG) as a data URL, for `input_image`. */
export const testImageUrl = async (width: number, height: number): Promise<string> =>
  dataUrl(await testImage(width, height));

/** maskImage as a data URL, for `input_image_mask`. */
export const maskUrl = async (
  width: number,
  height: number,
  hole: { x: number; y: number; w: number; h: number },
): Promise<string> => dataUrl(await maskImage(width, height, hole));

/** Decodes to RGBA whatever the format. */
export async function rgba(
  bytes: Buffer,
): Promise<{ width: number; height: number; data: Buffer }> {
  const { data, info } = await sharp(bytes)
    .toColourspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** The RGBA pixels of base64 image bytes (an image_generation_call's `result`, a partial image). */
export const pixelsOf = (base64: unknown): ReturnType<typeof rgba> =>
  rgba(Buffer.from(base64 as string, 'base64'));

export const userMessage = (text: string, images: string[] = []): unknown[] => [
  {
    role: 'user',
    content: [
      { type: 'input_text', text },
      ...images.map((image_url) => ({ type: 'input_image', image_url, detail: 'auto' })),
    ],
  },
];

/** The image_generation_call item of an answer that must be a 200 (else its body is shown). */
export function okImageItem(res: { status: number; json: Loose }): Loose {
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return imageItem(res.json as { output: unknown[] });
}

/** The image_generation_call item of a response. */
export function imageItem(response: { output: unknown[] }): Loose {
  const item = response.output.find(
    (o) => (o as { type: string }).type === 'image_generation_call',
  );
  if (!item) throw new Error('no image_generation_call in output');
  return item as Loose;
}

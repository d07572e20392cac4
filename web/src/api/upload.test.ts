import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadImage } from './upload';

/** What a person must never read in an upload error: the API's words. */
const API_WORDS = /blob|POST|\/api|inputs\.|nodes\[|\{/;

const file = (name: string, type: string, bytes = 10) =>
  new File([new Uint8Array(bytes)], name, { type });

afterEach(() => vi.unstubAllGlobals());

describe('uploadImage errors', () => {
  it('names the file and the node, and says what to use, before sending anything', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const error = await uploadImage(file('cat.gif', 'image/gif'), {
      node: '“Hero shot”',
    }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      '“cat.gif” could not be added to “Hero shot”: it is a GIF image; use a PNG, WebP or JPEG',
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a mask that is not a PNG, or of 4 MB or more, in words a person acts on', async () => {
    vi.stubGlobal('fetch', vi.fn());
    const jpeg = await uploadImage(file('m.jpg', 'image/jpeg'), {
      kind: 'mask',
      node: 'Mask “mask_1”',
    }).catch((e: Error) => e);
    expect((jpeg as Error).message).toMatch(
      /^“m\.jpg” could not be added to Mask “mask_1”: a mask must be a PNG/,
    );
    const big = await uploadImage(file('m.png', 'image/png', 4 * 1024 * 1024), {
      kind: 'mask',
    }).catch((e: Error) => e);
    expect((big as Error).message).toMatch(/is 4\.0 MB; the API takes masks of less than 4 MB/);
    for (const e of [jpeg, big]) expect((e as Error).message).not.toMatch(API_WORDS);
  });

  it("passes on the server's reason without its codes or paths", async () => {
    const fetch = vi.fn((_url: string, _init: RequestInit) =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            error: {
              code: 'invalid_image',
              message: 'The image does not decode: it may be cut off.',
            },
          }),
          { status: 422, headers: { 'content-type': 'application/json' } },
        ),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    const error = await uploadImage(file('photo.png', 'image/png'), {
      node: 'Reference “photo”',
    }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      '“photo.png” could not be added to Reference “photo”: the image does not decode: it may be cut off.',
    );
    expect((error as Error).message).not.toMatch(API_WORDS);
    // The bytes themselves went as the body of POST /api/blobs, typed as the image.
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toMatch(/\/api\/blobs$/);
    expect(init.body).toBeInstanceOf(File);
    expect(new Headers(init.headers).get('content-type')).toBe('image/png');
  });
});

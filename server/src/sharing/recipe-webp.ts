import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';

/**
 * The recipe in a WebP: an XMP chunk (RIFF `XMP `) holding an `atelier:recipe` element whose
 * text is the recipe JSON, zlib-compressed and base64-encoded (compact, and safe inside XML).
 * A simple WebP (VP8/VP8L only) gains the VP8X header that metadata needs.
 */
const NS = 'https://atelier.invalid/ns/recipe/1.0/';
const XMP_FLAG = 0x04;
const ALPHA_FLAG = 0x10;

const fourcc = (bytes: Uint8Array, at: number) =>
  String.fromCharCode(...bytes.subarray(at, at + 4));

export const isWebp = (bytes: Uint8Array) =>
  bytes.length >= 12 && fourcc(bytes, 0) === 'RIFF' && fourcc(bytes, 8) === 'WEBP';

const chunks = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { type: string; data: Uint8Array }[] = [];
  for (let at = 12; at + 8 <= bytes.length;) {
    const size = view.getUint32(at + 4, true);
    if (at + 8 + size > bytes.length) break;
    out.push({ type: fourcc(bytes, at), data: bytes.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size & 1);
  }
  return out;
};

const riff = (parts: { type: string; data: Uint8Array }[]): Uint8Array => {
  const size = parts.reduce((n, p) => n + 8 + p.data.length + (p.data.length & 1), 4);
  const out = new Uint8Array(8 + size);
  const view = new DataView(out.buffer);
  out.set(strToU8('RIFF', true), 0);
  view.setUint32(4, size, true);
  out.set(strToU8('WEBP', true), 8);
  let at = 12;
  for (const part of parts) {
    out.set(strToU8(part.type, true), at);
    view.setUint32(at + 4, part.data.length, true);
    out.set(part.data, at + 8);
    at += 8 + part.data.length + (part.data.length & 1);
  }
  return out;
};

/** Canvas size (and alpha) of a simple WebP, from its VP8 or VP8L header. */
const canvasOf = (image: { type: string; data: Uint8Array }) => {
  const d = image.data;
  if (image.type === 'VP8 ' && d.length >= 10)
    return {
      width: (d[6]! | (d[7]! << 8)) & 0x3fff,
      height: (d[8]! | (d[9]! << 8)) & 0x3fff,
      alpha: false,
    };
  if (image.type === 'VP8L' && d.length >= 5) {
    const bits = (d[1]! | (d[2]! << 8) | (d[3]! << 16) | (d[4]! << 24)) >>> 0;
    return {
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
      alpha: ((bits >>> 28) & 1) === 1,
    };
  }
  return undefined;
};

const vp8x = (flags: number, width: number, height: number): Uint8Array => {
  const data = new Uint8Array(10);
  data[0] = flags;
  const w = width - 1;
  const h = height - 1;
  data.set(
    [w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff],
    4,
  );
  return data;
};

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const xmpPacket = (text: string) =>
  `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description rdf:about="" xmlns:atelier="${NS}"><atelier:recipe>${base64(zlibSync(strToU8(text)))}</atelier:recipe>` +
  `</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

const RECIPE_ELEMENT = /<atelier:recipe>([A-Za-z0-9+/=\s]+)<\/atelier:recipe>/;

/** The WebP with the recipe in its XMP chunk (an earlier XMP chunk is replaced). */
export const embedInWebp = (webp: Uint8Array, text: string): Uint8Array => {
  if (!isWebp(webp)) throw new Error('not a WebP');
  let parts = chunks(webp).filter((c) => c.type !== 'XMP ');
  const head = parts[0];
  if (!head) throw new Error('a WebP without image data');
  if (head.type === 'VP8X') {
    const data = new Uint8Array(head.data);
    data[0] = data[0]! | XMP_FLAG;
    parts = [{ type: 'VP8X', data }, ...parts.slice(1)];
  } else {
    const canvas = canvasOf(head);
    if (!canvas) throw new Error('an unknown WebP layout');
    const flags = XMP_FLAG | (canvas.alpha ? ALPHA_FLAG : 0);
    parts = [{ type: 'VP8X', data: vp8x(flags, canvas.width, canvas.height) }, ...parts];
  }
  parts.push({ type: 'XMP ', data: strToU8(xmpPacket(text)) });
  return riff(parts);
};

/** The recipe text of a WebP's XMP, or undefined. */
export const extractFromWebp = (webp: Uint8Array): string | undefined => {
  if (!isWebp(webp)) return undefined;
  const xmp = chunks(webp).find((c) => c.type === 'XMP ');
  const match = xmp ? RECIPE_ELEMENT.exec(strFromU8(xmp.data)) : null;
  if (!match) return undefined;
  try {
    return strFromU8(
      unzlibSync(new Uint8Array(Buffer.from(match[1]!.replace(/\s/g, ''), 'base64'))),
    );
  } catch {
    return undefined;
  }
};

/** The kinds of value that flow along edges (DESIGN.md §3). */
export const PORT_KINDS = ['text', 'image', 'mask', 'sources'] as const;
export type PortKind = (typeof PORT_KINDS)[number];

/** Content address of stored bytes: lowercase hex SHA-256 of the bytes. */
export type BlobId = string & { readonly __brand: 'BlobId' };
export const BLOB_ID_PATTERN = /^[0-9a-f]{64}$/;
export const isBlobId = (value: string): value is BlobId => BLOB_ID_PATTERN.test(value);

export const IMAGE_MIMES = ['image/png', 'image/webp', 'image/jpeg'] as const;
export type ImageMime = (typeof IMAGE_MIMES)[number];

/** A stored image. Provenance is set when the image came out of a Responses API call. */
export interface ImageValue {
  blob: BlobId;
  mime: ImageMime;
  width: number;
  height: number;
  /** Provider identity that produced it (see ResponsesClient.identity). */
  provider?: string;
  /** Response that produced it: lets an edit chain with `previous_response_id`. */
  responseId?: string;
  /** The `ig_…` id of the image_generation_call item. */
  callId?: string;
}

/** A PNG with alpha of the same size as its image; transparent = region to change. */
export interface MaskValue {
  blob: BlobId;
  mime: 'image/png';
  width: number;
  height: number;
}

export interface Source {
  url: string;
  title: string;
}

export interface PortValueByKind {
  text: string;
  image: ImageValue;
  mask: MaskValue;
  sources: Source[];
}
export type PortValue = PortValueByKind[PortKind];

import type { ImageValue } from '@atelier/graph';
import { IMAGE_MIMES, maskSizeProblem } from '@atelier/graph';
import { ApiError, api } from './api';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** What is wrong with a file as an image upload, checked before sending it. */
export const imageFileProblem = (file: {
  name: string;
  type: string;
  size: number;
}): string | undefined => {
  if (!(IMAGE_MIMES as readonly string[]).includes(file.type))
    return `it is ${file.type ? kindName(file.type) : 'not an image'}; use a PNG, WebP or JPEG`;
  if (file.size > MAX_UPLOAD_BYTES)
    return `it is ${(file.size / 1024 / 1024).toFixed(1)} MB; images may be at most 50 MB`;
  if (file.size === 0) return 'the file is empty';
  return undefined;
};

const kindName = (mime: string) =>
  mime.startsWith('image/') ? `a ${mime.slice(6).toUpperCase()} image` : `a ${mime} file`;

/** What is wrong with a file as a mask, beyond being an image: the API's rules, before sending. */
const maskFileProblem = (file: { type: string; size: number }): string | undefined => {
  if (file.type !== 'image/png')
    return 'a mask must be a PNG with transparency (transparent = the part to change)';
  const tooLarge = maskSizeProblem(file.size);
  return tooLarge && `it ${tooLarge}`;
};

/** Where an upload goes, so a failure can say it in a person's words. */
export interface UploadTarget {
  kind?: 'image' | 'mask';
  /** The node it goes into, by the title a person sees (e.g. `Reference “photo”`). */
  node?: string;
}

/**
 * Uploads an image file; throws an Error whose message names the file and the node and says
 * what to do (never the API's words: no "blob", no paths).
 */
export const uploadImage = async (
  file: File | Blob,
  target: UploadTarget = {},
): Promise<ImageValue> => {
  const named = file instanceof File ? file : new File([file], '', { type: file.type });
  const what = named.name ? `“${named.name}”` : `The ${target.kind ?? 'image'}`;
  const into = target.node ? ` to ${target.node}` : '';
  const cannot = (why: string) => new Error(`${what} could not be added${into}: ${why}`);
  const problem =
    imageFileProblem(named) ?? (target.kind === 'mask' ? maskFileProblem(named) : undefined);
  if (problem) throw cannot(problem);
  try {
    const stored = await api.uploadBlob(named);
    return { blob: stored.blob, mime: stored.mime, width: stored.width, height: stored.height };
  } catch (error) {
    if (error instanceof ApiError) throw cannot(sentence(error.message));
    throw error;
  }
};

/** The server's sentence, starting lower-case after the colon. */
const sentence = (message: string) => message.charAt(0).toLowerCase() + message.slice(1);

export const isWorkflowFile = (file: File): boolean =>
  file.type === 'application/json' || file.name.endsWith('.json');

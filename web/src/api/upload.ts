import type { ImageValue } from '@atelier/graph';
import { IMAGE_MIMES } from '@atelier/graph';
import { ApiError, api } from './api';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** What is wrong with a file as an image upload, checked before sending it. */
export const imageFileProblem = (file: {
  name: string;
  type: string;
  size: number;
}): string | undefined => {
  if (!(IMAGE_MIMES as readonly string[]).includes(file.type))
    return `${file.name || 'That file'} is ${file.type || 'not an image'}: upload a PNG, WebP or JPEG`;
  if (file.size > MAX_UPLOAD_BYTES)
    return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB: the limit is 50 MB`;
  if (file.size === 0) return `${file.name} is empty`;
  return undefined;
};

/** Uploads an image file (POST /api/blobs); throws an Error whose message a person can act on. */
export const uploadImage = async (file: File | Blob): Promise<ImageValue> => {
  const named = file instanceof File ? file : new File([file], 'image', { type: file.type });
  const problem = imageFileProblem(named);
  if (problem) throw new Error(problem);
  try {
    const stored = await api.uploadBlob(named);
    return {
      blob: stored.blob,
      mime: stored.mime,
      width: stored.width,
      height: stored.height,
    };
  } catch (error) {
    if (error instanceof ApiError) throw new Error(`Upload refused: ${error.message}`);
    throw error;
  }
};

export const isWorkflowFile = (file: File): boolean =>
  file.type === 'application/json' || file.name.endsWith('.json');

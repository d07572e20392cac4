export * from './context';
export * from './definition';
export * from './responses';
export * from './models';
export * from './define';
export * from './registry';
export * from './prompt';
export * from './reference';
export * from './mask';
export * from './web-search';
export * from './generate';
export * from './edit';

export { encodeBase64, decodeBase64, dataUrl } from './base64';
export { readPngInfo } from './png';
export type { PngInfo } from './png';
export { MAX_IMAGES } from './limits';
export { sourcesOf, searchQuery } from './web-search-run';

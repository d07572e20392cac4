// The worker's entry: plain JavaScript that any Node thread can load, which then loads the
// TypeScript worker through tsx (under vitest a worker inherits no TypeScript loader).
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./render-worker.ts', import.meta.url);
export const render = worker.render;
export const encode = worker.encode;
/** Loading this module is the work: see render-pool.ts. */
export const warm = () => true;

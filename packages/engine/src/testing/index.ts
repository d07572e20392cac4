export * from './deferred';
export * from './fake-responses';
export * from './memory-blobs';
export * from './toy-nodes';
export * from './harness';

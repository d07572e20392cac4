export * from './ports';
export * from './spec';
export * from './document';

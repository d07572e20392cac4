export * from './ports';
export * from './spec';
export * from './document';
export * from './values';

export * from './call';
export * from './conflicts';
export * from './downstream';
export * from './hooks';
export * from './in-sync';
export * from './initial-sync';
export * from './scheduler';
export * from './upstream';

export * from './hooks';
export * from './local-writes';
export * from './meta';
export * from './reset';
export * from './schema';
export { activeOutbox, entriesOf, isActive, materialize } from './view';

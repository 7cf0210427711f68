export * from './hooks';
export * from './local-writes';
export * from './meta';
export * from './schema';
export { activeOutbox, entriesOf, isActive, materialize } from './view';

export * from './changes';
export * from './checkpoint';
export * from './classify';
export * from './item-key';
export * from './protocol';
export * from './rebase';
export * from './versions';

export * from './booking-check';
export * from './currency';
export * from './document-fields';
export * from './expiring';

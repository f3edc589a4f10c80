// The widget ↔ proxy contract: schemas (server side) and the plain constants both sides share.
export * from './constants.js';
export * from './schemas.js';

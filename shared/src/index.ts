export * from './fields.js';
export * from './validation.js';
export * from './batch.js';
export * from './precheck.js';
export * from './application.js';
export * from './auth.js';
export * from './uscc.js';
export * from './review.js';

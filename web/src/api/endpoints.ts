/** The API calls of the web app, by area. */
export * from './accounts-api';
export * from './applications-api';
export * from './review-api';

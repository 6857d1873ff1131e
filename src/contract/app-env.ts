/**
 * Environment variables the app container gets from its Deployment (beside the ConfigMap's):
 * the running version, so the app's /info can say which build answers.
 */
export const APP_VERSION_ENV = 'APP_VERSION';

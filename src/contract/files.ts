/**
 * The numbered manifest set. Every app gets the same names; a file whose concern is not enabled
 * is absent, and numbers never shift.
 */
export const MANIFEST_FILES = {
  namespace: '00-namespace',
  networkPolicies: '01-network-policies',
  sealedSecrets: '02-sealed-secrets',
  configmap: '03-configmap',
  storage: '04-storage',
  database: '05-db',
  redis: '06-redis',
  rabbitmq: '07-rabbitmq',
  app: '08-app',
  nginx: '09-nginx',
  ingress: '10-ingress',
  metricsExporters: '11-metrics-exporters',
  hpa: '12-hpa',
} as const;

export type ManifestFile = (typeof MANIFEST_FILES)[keyof typeof MANIFEST_FILES];

export const MANIFEST_EXTENSION = '.yaml';

/** Files vibe-env writes and therefore may replace or remove on the next synth. */
export const NUMBERED_FILE = /^\d{2}-[a-z0-9-]+\.yaml$/;

/** Annotation and label prefix of vibe-env's own metadata. */
export const VIBE_PREFIX = 'vibe-env.io';

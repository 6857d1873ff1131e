// Public API of sealing. Only re-exports; the factory that wraps ciphertext stays internal.
export { loadSealingKey, readSealingKeyFile, sealingKeyModulusBytes, MIN_RSA_BITS, type LoadSealingKeyOptions } from './certificate';
export { inspectSealedValue, seal, sealingLabel, type SealedValueInspection, type SealOptions } from './crypto';
export { checkSealedFileTarget, mergeIntoSealedFile, type MergeResult, type SealedFileUpdate } from './merge-sealed-file';
export { CLUSTER_WIDE_ANNOTATION, NAMESPACE_WIDE_ANNOTATION, SEAL_SCOPES, type SealScope, type SealTarget } from './scope';
export { SealedSecretFile, type SealedSecretFileContents } from './sealed-secret-file';
export { SEALED_SECRET_API_VERSION, SEALED_SECRET_KIND, sealedSecretManifest } from './sealed-secret-manifest';
export { SealedValue } from './sealed-value';

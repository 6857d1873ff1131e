// The review gate's secret scanner. Only re-exports; the worker is loaded by path, never imported.
export { BUILTIN_PATTERNS, isNonSecretValue, luhnValid, type PatternMatch, type SecretCategory, type SecretPattern } from './patterns';
export { beginScanTexts, maskSecret, scanTexts, startSecretScanner, workerFile, type ScanOptions, type ScanText, type SecretHit } from './scanner';

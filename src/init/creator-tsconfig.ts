/**
 * The compiler options of a creator repository: what `vibe init` writes into tsconfig.json, and
 * what `vibe synth --app` type-checks main.ts with when the repository has no tsconfig.json.
 */
export const CREATOR_COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'commonjs',
  lib: ['es2022'],
  strict: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  noEmit: true,
} as const;

#!/usr/bin/env node
/**
 * The `vibe` and `vibe-env` executables: the compile cache first (src/io/compile-cache.ts), so
 * that it sees every module the command loads, then the command itself.
 */
import { installCompileCache } from '../io/compile-cache';

installCompileCache();
// Required only now, after the cache is in place; an import would be hoisted above it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
void (require('./main') as typeof import('./main')).main();

/**
 * How `vibe synth --app main.ts` and `vibe seal --app main.ts` talk to the `VibeApp.synthesize`
 * call inside a creator's main.ts. A global symbol, not a module variable: main.ts imports the
 * repository's own copy of vibe-env, which need not be the copy running the command.
 */
export const MAIN_TS_HOOK = Symbol.for('vibe-env.main-ts');

/** Apps as the hook sees them (any vibe-env copy): the answers resolved, the files not written. */
export interface HookedApp {
  readonly model: unknown;
  synth(): void;
}

export interface MainTsHook {
  /** The main.ts being run: its folder is where the default sealed file is looked for. */
  readonly file: string;
  /** True: resolve the answers only, write nothing (sealing reads the app from them). */
  readonly captureOnly: boolean;
  /** Every app main.ts synthesized (or, with captureOnly, resolved), in order. */
  readonly apps: HookedApp[];
}

/** The hook of the running `vibe … --app`, or undefined under `cdk8s synth` / `ts-node main.ts`. */
export function mainTsHook(): MainTsHook | undefined {
  return (globalThis as Record<symbol, MainTsHook | undefined>)[MAIN_TS_HOOK];
}

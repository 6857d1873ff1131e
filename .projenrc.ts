import { JsonFile, javascript, typescript } from 'projen';

// The project file: every dependency, task and config file is declared here.
// Run `npx projen` after editing; projen rewrites package.json, tsconfig and friends.
const project = new typescript.TypeScriptProject({
  name: 'vibe-env',
  description:
    'CDK8s constructs and the `vibe` CLI: five answers in, a hardened Kubernetes namespace out, with a review gate.',
  license: 'Apache-2.0',
  authorName: 'vibe-env developers',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.19.0',
  // typescript 7 drops the compiler API that ts-node and projen rely on (SPEC §1).
  typescriptVersion: '~5.9.3',
  sampleCode: false,
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  // The linter checks in `npm test`; it never rewrites files (CI must not pass by fixing its input).
  eslintOptions: { dirs: ['src'], commandOptions: { fix: false } },
  entrypoint: 'lib/index.js',
  // `vibe-env` too, so `npx vibe-env …` names this package (an unrelated `vibe` package exists).
  // lib/cli/bin.js installs the compile cache (src/io/compile-cache.ts), then runs lib/cli/main.js.
  bin: { 'vibe': 'lib/cli/bin.js', 'vibe-env': 'lib/cli/bin.js' },
  deps: [
    'zod@^4.1.0',
    'yaml@^2.8.0',
    // The fast bulk parser for `vibe review` (~10x the `yaml` package's speed); `yaml` stays the
    // reference: positions, error messages and anything outside the fast path.
    'js-yaml@^5.5.0',
    // commander 15 needs Node >=22.12; 14 is the newest line that runs on Node 20.19 (engines).
    'commander@^14.0.0',
    // Review gate: a real Dockerfile parser, and secretlint's maintained secret patterns
    // (async, run in a worker thread the gate posts its texts to and later blocks on, so the gate
    // stays synchronous and secretlint scans while other checks run).
    'dockerfile-ast@^0.7.0',
    '@secretlint/core@^11.0.0',
    '@secretlint/secretlint-rule-preset-recommend@^11.0.0',
    // Unified diffs for `vibe review --fix --dry-run` (ships CommonJS and its own types).
    'diff@^9.0.0',
    // `vibe mcp`: the Model Context Protocol server for coding assistants (stdio). Loaded only by
    // that command; its HTTP transports' dependencies are never required.
    '@modelcontextprotocol/sdk@~1.32.0',
  ],
  // Peers, set with the compatibility matrix below (PEER_MATRIX).
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    '@swc/core',
    '@swc/jest',
    'fast-check@^4',
    // 5.x is ESM and Node 22 only.
    'kubernetes-models@^4.5.0',
    // The SealedSecret schema for the same validation (the 2.x line is CommonJS).
    '@kubernetes-models/sealed-secrets@^2.0.2',
    // Argo CD Application/ApplicationSet schemas (2.x is CommonJS on Node 20).
    '@kubernetes-models/argo-cd@^2.5.0',
    // JSON Schema validation of generated workflows and dashboards in tests.
    'ajv@^8.17.0',
    'cdk8s-cli@^2.200.0',
    // Source of src/imports/k8s.ts (scripts/generate-k8s-imports.ts, npx projen import:k8s): the
    // L1 bindings are copied out of it, so the package does not load or need it at run time.
    'cdk8s-plus-28@^2.5.6',
    'eslint-plugin-jest',
    // Bundles the secret scanner's worker with secretlint into one CommonJS file at compile time
    // (see src/review/secrets/secretlint-worker-entry.ts for the measured reason).
    'esbuild@^0.28.0',
  ],
  gitignore: ['/k8s/', '/examples/**/k8s/', '/examples/**/dist/', '*.tgz'],
  tsconfig: {
    compilerOptions: {
      // Source maps in .js.map files beside the code, not inlined: an inline map doubled every
      // file that `vibe` reads and compiles at start (~60 ms of a cold synth).
      inlineSourceMap: false,
      sourceMap: true,
      module: 'commonjs',
      target: 'ES2022',
      lib: ['es2022'],
      skipLibCheck: true,
    },
  },
  tsconfigDev: {
    compilerOptions: {
      // The examples import the package by name, as a creator's main.ts does.
      baseUrl: '.',
      paths: { 'vibe-env': ['../src/index.ts'] },
      module: 'commonjs',
      target: 'ES2022',
      lib: ['es2022'],
      skipLibCheck: true,
    },
    include: ['../examples/**/*.ts', '../bench/**/*.ts'],
  },
  jestOptions: {
    // CI must never rewrite a golden file; `npm run test:update` is the deliberate way.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // A run that finds no test is a broken run, not a green one.
    passWithNoTests: false,
    junitReporting: false,
    coverageText: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      moduleNameMapper: { '^vibe-env$': '<rootDir>/src/index.ts' },
      testTimeout: 60_000,
    },
  },
});

// @swc/jest runs the suite several times faster than ts-jest; type checking is done by `tsc`.
const jest = project.jest!;
jest.config.transform = { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
jest.config.testMatch = ['<rootDir>/test/**/*.test.ts'];
jest.config.collectCoverage = false;
project.deps.removeDependency('ts-jest');

// A real version, so a packed or published vibe-env says what it is (`vibe init` writes it into
// new repositories); the release path is `npm run package` (npm pack from a clean build) then
// `npm publish dist/js/vibe-env-<version>.tgz`.
project.package.addVersion('0.1.0');
// Only what runs: the compiled library and CLI (no sources, source maps, tests or fixtures).
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '!lib/**/*.test.*']);

// Lets examples and the CLI tests import the package by its own name.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './package.json': './package.json',
});

// The secret scanner's worker thread, bundled with secretlint (ES modules) into one CommonJS
// file, which loads without Node's ES module loader and fits the compile cache. The entry falls
// back to the plain lib/review/secrets/secretlint-worker.js when the bundle is missing or older.
// Without dynamic import(): a module with one is kept out of the compile cache (see there).
project.compileTask.exec('esbuild lib/review/secrets/secretlint-worker.js --bundle --platform=node --target=node20 --format=cjs --supported:dynamic-import=false --log-level=warning --outfile=lib/review/secrets/secretlint-worker.bundle.js');

// Tests drive the compiled CLI and `cdk8s synth`, so compile first; then type-check the tests
// and examples (jest's swc transform does not), which is what makes @ts-expect-error tests bite.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');
project.testTask.prependSpawn(project.compileTask);

// Lint rule from STYLE.md: an expect() without a matcher asserts nothing.
project.eslint?.addPlugins('jest');
project.eslint?.addRules({ 'jest/valid-expect': 'error', 'jest/no-disabled-tests': 'error' });
project.eslint?.addIgnorePattern('src/imports/');
// The check fixtures are data (a creator's files, written as they would be), not this project's code.
project.eslint?.addIgnorePattern('test/checks/*/');
// Vendored JSON schemas are test data, not part of the package.
project.npmignore?.exclude('/schemas/', '/bench/', '/examples/', '/crds/', '/scripts/');

project.addTask('example', {
  description: 'Synthesize the Inventory Checker example into examples/inventory-checker/k8s, list the files, and review them',
  steps: [
    { spawn: 'compile' },
    { exec: 'node lib/cli/bin.js synth --values examples/inventory-checker/values.yaml --out examples/inventory-checker/k8s' },
    { exec: 'node lib/cli/bin.js review examples/inventory-checker/k8s --cert examples/inventory-checker/sealed-secrets-cert.pem' },
  ],
});

project.addTask('import', {
  description: 'Regenerate the SealedSecret classes from the CRD kept in crds/ (offline)',
  exec: 'cdk8s import crds/sealedsecrets.bitnami.com.yaml --output src/imports --language typescript --no-check-upgrade',
});

project.addTask('import:k8s', {
  description: 'Regenerate src/imports/k8s.ts: the Kubernetes L1 bindings vibe-env uses, copied out of cdk8s-plus-28',
  exec: 'ts-node --swc scripts/generate-k8s-imports.ts',
});

project.addTask('bench', {
  description: 'Benchmarks against their baselines (cold synth, scale, review throughput, seal); writes docs/benchmarks.md',
  steps: [{ spawn: 'compile' }, { exec: 'ts-node --swc bench/run.ts', receiveArgs: true }],
});

project.addTask('test:cluster', {
  description: 'Integration tests against a real kube-apiserver, etcd and the Sealed Secrets controller on 127.0.0.1 (builds them once with Go; skipped with the reason without Go)',
  steps: [
    { spawn: 'compile' },
    { exec: 'bash scripts/testenv/build.sh --or-skip' },
    { exec: "jest --maxWorkers=1 --testMatch '<rootDir>/test/real-cluster/**/*.itest.ts'", receiveArgs: true },
  ],
});

project.addTask('docs', {
  description: 'Generate docs/checks.md from the check catalogue, and the examples `vibe explain` shows from the check fixtures',
  steps: [
    { exec: 'ts-node --swc scripts/check-examples.ts' },
    { spawn: 'compile' },
    { exec: 'node lib/cli/main.js checks --format markdown > docs/checks.md' },
  ],
});

project.addTask('golden:update', {
  description: 'Rewrite the golden files on purpose (review the diff before committing)',
  steps: [{ spawn: 'compile' }, { exec: 'bash scripts/golden-update.sh' }],
});

// --- Peers and the compatibility matrix (issue 19) ---------------------------------------------
// cdk8s and constructs are the app's own: as peers, a creator's or platform engineer's chart and
// VibeApp share one copy (regular dependencies nested a second copy, and adding a Chart of the
// app's cdk8s to a VibeApp failed to compile). Ranges: the oldest and newest of each are installed
// under an npm alias and tested (test/compat/peer-matrix.test.ts).
const PEER_MATRIX = {
  cdk8s: { range: '^2.70.0', oldest: '2.70.0' },
  constructs: { range: '^10.4.0', oldest: '10.4.0' },
} as const;
for (const [name, { range, oldest }] of Object.entries(PEER_MATRIX)) {
  project.addPeerDeps(`${name}@${range}`);
  project.addDevDeps(`${name}@${range}`, `${name}-oldest@npm:${name}@${oldest}`);
}
// Only cluster commands (review --live, drift, fetch-cert, shutdown) need the Kubernetes client
// (~55 MB): an optional peer, loaded lazily, with a plain message naming the install command
// when absent (src/cluster/kube-client.ts). ~1.4: 2.x needs Node 22 (engines say 20.19).
project.addPeerDeps('@kubernetes/client-node@~1.4.0');
project.addDevDeps('@kubernetes/client-node@~1.4.0');
project.package.addField('peerDependenciesMeta', { '@kubernetes/client-node': { optional: true } });
// The API reference in docs/api/, generated from src/index.ts and its doc comments; a test keeps it
// in step with the code (test/docs/api-reference.test.ts), as docs/checks.md is.
project.addDevDeps('typedoc@^0.28.0', 'typedoc-plugin-markdown@^4.9.0');
new JsonFile(project, 'typedoc.json', {
  // typedoc refuses unknown keys, so no "generated by projen" marker inside it.
  marker: false,
  obj: {
    entryPoints: ['src/index.ts'],
    tsconfig: 'tsconfig.json',
    plugin: ['typedoc-plugin-markdown'],
    out: 'docs/api',
    readme: 'none',
    excludePrivate: true,
    excludeProtected: false,
    excludeInternal: true,
    excludeExternals: true,
    // No source links or line numbers: the reference changes when the API does, not when a line moves.
    disableSources: true,
    hideGenerator: true,
    hidePageHeader: true,
    hideBreadcrumbs: true,
    githubPages: false,
    cleanOutputDir: true,
    // tsc checks the types; typedoc only reads them (and is several times faster so).
    skipErrorChecking: true,
    treatWarningsAsErrors: true,
    validation: { notExported: false, invalidLink: true, notDocumented: false },
  },
});
// The tag cdk8s import writes into src/imports (the Kubernetes schema of each binding).
new JsonFile(project, 'tsdoc.json', {
  marker: false,
  obj: { extends: ['typedoc/tsdoc.json'], tagDefinitions: [{ tagName: '@schema', syntaxKind: 'block' }] },
});
project.addTask('docs:api', {
  description: 'Generate the API reference in docs/api/ from src/index.ts (typedoc, markdown)',
  exec: 'typedoc --options typedoc.json',
  receiveArgs: true,
});
project.npmignore?.exclude('/typedoc.json', '/tsdoc.json');

// Node 22 and 24 beside CI's own Node (20): Node from the registry's `node` package, cached in
// ~/.cache/vibe-env; the build and the CLI, synth and review tests.
project.addTask('test:node-matrix', {
  description: 'Build and run the CLI, synth and review tests on Node 22 and 24 (or the majors given), Node from the npm registry, cached in ~/.cache/vibe-env',
  exec: 'bash scripts/node-matrix.sh',
  receiveArgs: true,
});

project.synth();

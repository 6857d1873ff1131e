import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Bench } from './env';
import { CLI, EXAMPLE_DIR, EXAMPLE_VALUES, ROOT } from './env';
import type { Row, SectionResult } from './report';
import { profileLines, profileRequires } from './require-profile';
import { failureText, runTimed, type RunResult } from './proc';
import { formatMs, formatRatio, interleave, median, pairedRatios, spreadOf, type Subject } from './stats';

const TITLE = '1. Cold synth: vibe synth --values examples/inventory-checker/values.yaml';
const FLOOR_TARGET = 3;
/** vibe synth against the measured floor (node + yaml + parse the answers + write the bytes). */
const SYNTH_FLOOR_TARGET = 1.4;
/** vibe synth against `cdk8s synth` with the repository's own cdk8s.yaml. */
const CDK8S_TARGET = 5;
/** Pairs of the interleaved runs outside --quick (the "at least 11"). */
const PAIRS = 11;

/** The `cdk8s init typescript-app` files that matter for `cdk8s synth`. */
const TEMPLATE_DIR = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app');

/**
 * A folder shaped like a `cdk8s init typescript-app` project around examples/inventory-checker/main.ts:
 * the template's cdk8s.yaml app command (`npx ts-node main.ts`, type-checking) and tsconfig.json,
 * main.ts and its sealed-secrets.yaml, and node_modules holding symlinks: `vibe-env` → this
 * repository (so it resolves to lib/ through package.json, and its own dependencies resolve from
 * the repository's node_modules once Node follows the link), plus the template's devDependencies
 * ts-node, typescript and @types/node from the repository. Nothing is installed or downloaded.
 */
function cdk8sAppFolder(bench: Bench): string {
  const dir = path.join(bench.tmp, 'cdk8s-app');
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(path.join(modules, '.bin'), { recursive: true });
  fs.mkdirSync(path.join(modules, '@types'), { recursive: true });
  const link = (target: string, at: string) => {
    if (!fs.existsSync(target)) throw new Error(`${target} is missing (run npm ci)`);
    fs.symlinkSync(target, path.join(modules, at), 'dir');
  };
  link(ROOT, 'vibe-env');
  link(path.join(ROOT, 'node_modules', 'ts-node'), 'ts-node');
  link(path.join(ROOT, 'node_modules', 'typescript'), 'typescript');
  link(path.join(ROOT, 'node_modules', '@types', 'node'), path.join('@types', 'node'));
  const tsNodeBin = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'ts-node', 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['ts-node'];
  fs.symlinkSync(path.join('..', 'ts-node', tsNodeBin), path.join(modules, '.bin', 'ts-node'));

  fs.copyFileSync(path.join(EXAMPLE_DIR, 'main.ts'), path.join(dir, 'main.ts'));
  const sealed = path.join(EXAMPLE_DIR, 'sealed-secrets.yaml');
  if (fs.existsSync(sealed)) fs.copyFileSync(sealed, path.join(dir, 'sealed-secrets.yaml'));
  fs.copyFileSync(path.join(TEMPLATE_DIR, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  const templateYaml = fs.readFileSync(path.join(TEMPLATE_DIR, 'cdk8s.yaml'), 'utf8');
  const app = /^app: (.*)$/m.exec(templateYaml)?.[1] ?? 'npx ts-node main.ts';
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `language: typescript\napp: ${app}\n`);
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'inventory-checker', version: '1.0.0', private: true, main: 'main.js' }, null, 2)}\n`);
  return dir;
}

/** name → bytes of every file in a folder (one level: the numbered set and its README). */
function folderContents(dir: string): Map<string, string> {
  if (!fs.existsSync(dir)) return new Map();
  return new Map(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

function sameContents(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size > 0 && a.size === b.size && [...a].every(([name, text]) => b.get(name) === text);
}

export async function coldSynth(bench: Bench): Promise<SectionResult> {
  const quick = bench.options.quick;
  const node = process.execPath;
  const out = (name: string) => path.join(bench.tmp, 'cold-synth', name);
  const env = bench.env;
  const failures: string[] = [];
  const checked = (label: string) => (result: RunResult): number | undefined => {
    if (result.code === 0 && !result.timedOut) return result.ms;
    failures.push(`${label}: ${failureText(result)}`);
    return undefined;
  };

  const floor = () => runTimed(node, ['-e', '0'], { env, timeoutMs: 30_000 });
  const vibe = (dir: string) => runTimed(node, [CLI, 'synth', '--values', EXAMPLE_VALUES, '--out', dir], { env, timeoutMs: 60_000 });
  const version = () => runTimed(node, [CLI, '--version'], { env, timeoutMs: 30_000 });
  // vibe synth as a user runs it after the first command: the compile cache filled (bench.env).
  // Beside it, the same command with the cache turned off, and the first run after an install
  // or update (an empty cache: everything compiled, then the cache written).
  const uncached = (dir: string) => runTimed(node, [CLI, 'synth', '--values', EXAMPLE_VALUES, '--out', dir], { env: { ...env, VIBE_COMPILE_CACHE: 'off' }, timeoutMs: 60_000 });
  let firstRuns = 0;
  const firstRun = (dir: string) =>
    runTimed(node, [CLI, 'synth', '--values', EXAMPLE_VALUES, '--out', dir], { env: { ...env, VIBE_CACHE_DIR: path.join(bench.tmp, `first-run-cache-${firstRuns++}`) }, timeoutMs: 60_000 });
  const appDir = cdk8sAppFolder(bench);
  const cdk8sBin = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
  const cdk8s = (dir: string) => runTimed(cdk8sBin, ['synth', '--no-check-upgrade', '--output', dir], { cwd: appDir, env, timeoutMs: 180_000 });
  // The repository's own cdk8s.yaml (`npx ts-node --swc examples/inventory-checker/main.ts`, no
  // type check): the fastest way this repository itself runs cdk8s synth.
  const cdk8sRepo = (dir: string) => runTimed(cdk8sBin, ['synth', '--no-check-upgrade', '--output', dir], { cwd: ROOT, env, timeoutMs: 180_000 });
  const bundle = path.join(bench.tmp, 'cold-synth', 'vibe-bytes.json');
  const synthFloor = (dir: string) => runTimed(node, [bench.childScript('synth-floor'), '--values', EXAMPLE_VALUES, '--bytes', bundle, '--out', dir], { env, timeoutMs: 30_000 });

  // One unmeasured run of each: the file cache is warm and the compile cache is filled.
  bench.log('cold synth: warm-up runs');
  await floor();
  const vibeWarm = await vibe(out('vibe-warmup'));
  if (vibeWarm.code !== 0) throw new Error(`vibe synth failed: ${failureText(vibeWarm)}`);
  await version();
  await uncached(out('uncached-warmup'));
  fs.writeFileSync(bundle, JSON.stringify(Object.fromEntries(folderContents(out('vibe-warmup')))));
  const floorWarm = await synthFloor(out('floor-warmup'));
  if (floorWarm.code !== 0) throw new Error(`the synth floor script failed: ${failureText(floorWarm)}`);
  // cdk8s gets no warm-up run of its own: typescript and ts-node are in the file cache already
  // (this process runs on them); its first measured run is compared with vibe synth's output.
  const written = folderContents(out('vibe-warmup')).size;
  let equivalent: boolean | undefined;
  let repoEquivalent: boolean | undefined;
  const pairs = quick ? 3 : PAIRS;

  bench.log('cold synth: interleaved runs');
  let run = 0;
  const subjects: Subject[] = [
    { key: 'floor', min: pairs, max: pairs, run: async () => checked('node -e 0')(await floor()) },
    { key: 'vibe', min: pairs, max: pairs, run: async () => checked('vibe synth')(await vibe(out(`vibe-${run++}`))) },
    { key: 'synth-floor', min: pairs, max: pairs, run: async () => checked('synth floor script')(await synthFloor(out(`floor-${run++}`))) },
    {
      key: 'cdk8s-repo',
      min: quick ? 1 : pairs,
      max: quick ? 1 : pairs,
      run: async () => {
        const dir = out(`cdk8s-repo-${run++}`);
        const ms = checked('cdk8s synth (cdk8s.yaml)')(await cdk8sRepo(dir));
        if (ms !== undefined && repoEquivalent === undefined) repoEquivalent = sameContents(folderContents(dir), folderContents(out('vibe-warmup')));
        return ms;
      },
    },
    { key: 'version', min: 3, max: 3, run: async () => checked('vibe --version')(await version()) },
    { key: 'uncached', min: quick ? 2 : 5, max: quick ? 2 : 5, run: async () => checked('vibe synth, compile cache off')(await uncached(out(`uncached-${run++}`))) },
    { key: 'first-run', min: quick ? 2 : 5, max: quick ? 2 : 5, run: async () => checked('vibe synth, empty compile cache')(await firstRun(out(`first-run-${run++}`))) },
    {
      key: 'cdk8s',
      min: quick ? 1 : 3,
      max: quick ? 1 : 3,
      run: async () => {
        const dir = out(`cdk8s-${run++}`);
        const ms = checked('cdk8s synth')(await cdk8s(dir));
        if (ms !== undefined && equivalent === undefined) equivalent = sameContents(folderContents(dir), folderContents(out('vibe-warmup')));
        return ms;
      },
    },
  ];
  const samples = await interleave(subjects, quick ? 5_000 : 20_000);
  const cdkOk = (samples.get('cdk8s')?.length ?? 0) > 0;
  const repoOk = (samples.get('cdk8s-repo')?.length ?? 0) > 0;
  const spread = (key: string) => spreadOf(samples.get(key));
  const ratioSpread = (a: string, b: string) => spreadOf(pairedRatios(samples.get(a), samples.get(b)), formatRatio);
  const m = (key: string) => median(samples.get(key) ?? []);
  const n = (key: string) => samples.get(key)?.length ?? 0;
  const floorMs = m('floor');
  const vibeMs = m('vibe');
  const cdkMs = m('cdk8s');
  const repoMs = m('cdk8s-repo');
  const synthFloorMs = m('synth-floor');

  bench.log('cold synth: require profile and phases');
  const profile = await profileRequires(bench, 'synth', [CLI, 'synth', '--values', EXAMPLE_VALUES, '--out', out('profiled')], quick ? 1 : 2, { env, timeoutMs: 60_000 });
  const phasesRun = await runTimed(node, [bench.childScript('synth-phases'), '--values', EXAMPLE_VALUES, '--out', out('phases'), '--reps', quick ? '3' : '15'], { env, timeoutMs: 90_000 });
  const phases = phasesRun.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.type === 'result') as
    | { processStartToScript: number; requireMs: number; cold: Record<string, number>; warm: Record<string, number>; warmRuns: number }
    | undefined;
  if (!phases) failures.push(`synth phases child: ${failureText(phasesRun)}`);

  const rows: Row[] = [
    { section: TITLE, name: 'node -e 0 (the floor)', value: formatMs(floorMs), spread: spread('floor'), runs: n('floor') },
    {
      section: TITLE,
      name: 'the synth floor: node + yaml + parse the answers + write the same bytes (bench/children/synth-floor.ts)',
      value: formatMs(synthFloorMs),
      spread: spread('synth-floor'),
      runs: n('synth-floor'),
      baseline: `node -e 0: ${formatMs(floorMs)}`,
      ratio: formatRatio(synthFloorMs / floorMs),
    },
    {
      section: TITLE,
      name: `vibe synth --values (all ${written} files, review gate included)`,
      value: formatMs(vibeMs),
      spread: spread('vibe'),
      runs: n('vibe'),
      baseline: `node -e 0: ${formatMs(floorMs)}`,
      ratio: formatRatio(vibeMs / floorMs),
      target: `≤ ${FLOOR_TARGET}× node -e 0`,
      met: vibeMs / floorMs <= FLOOR_TARGET,
      note: `paired ratios p25–p75: ${ratioSpread('vibe', 'floor') ?? '—'}`,
    },
    {
      section: TITLE,
      name: 'vibe synth against the synth floor',
      value: formatMs(vibeMs),
      runs: Math.min(n('vibe'), n('synth-floor')),
      baseline: `synth floor: ${formatMs(synthFloorMs)}`,
      ratio: formatRatio(vibeMs / synthFloorMs),
      target: `≤ ${SYNTH_FLOOR_TARGET}× the synth floor`,
      met: vibeMs / synthFloorMs <= SYNTH_FLOOR_TARGET,
      note: `paired ratios p25–p75: ${ratioSpread('vibe', 'synth-floor') ?? '—'}`,
    },
    {
      section: TITLE,
      name: "cdk8s synth with the repository's own cdk8s.yaml (npx ts-node --swc examples/inventory-checker/main.ts)",
      value: repoOk ? formatMs(repoMs) : 'failed',
      spread: spread('cdk8s-repo'),
      runs: n('cdk8s-repo'),
      baseline: `vibe synth: ${formatMs(vibeMs)}`,
      ratio: repoOk ? `vibe is ${formatRatio(repoMs / vibeMs)} faster` : undefined,
      target: `vibe ≥ ${CDK8S_TARGET}× faster`,
      met: repoOk ? repoMs / vibeMs >= CDK8S_TARGET : false,
      note: repoOk ? (repoEquivalent ? `same ${written} files, byte for byte, as vibe synth writes` : 'its output differs from vibe synth (the README is vibe synth\'s own)') : failures.find((f) => f.startsWith('cdk8s synth (cdk8s.yaml)')),
    },
    {
      section: TITLE,
      name: 'cdk8s synth, default TS template (npx ts-node main.ts, type-checked; for reference)',
      value: cdkOk ? formatMs(cdkMs) : 'failed',
      spread: spread('cdk8s'),
      runs: n('cdk8s'),
      baseline: `vibe synth: ${formatMs(vibeMs)}`,
      ratio: cdkOk ? `vibe is ${formatRatio(cdkMs / vibeMs)} faster` : undefined,
      note: cdkOk ? (equivalent ? `same ${written} files, byte for byte, as vibe synth writes` : 'its output differs from vibe synth') : failures.find((f) => f.startsWith('cdk8s synth:')),
    },
    { section: TITLE, name: 'vibe --version (commander and the command table only)', value: formatMs(m('version')), spread: spread('version'), runs: n('version'), baseline: `node -e 0: ${formatMs(floorMs)}`, ratio: formatRatio(m('version') / floorMs) },
  ];
  for (const [key, name] of [
    ['uncached', 'vibe synth with the compile cache off (VIBE_COMPILE_CACHE=off)'],
    ['first-run', 'vibe synth, first run after an install or update (empty compile cache: compiles everything, then writes the cache)'],
  ] as const) {
    if (n(key) === 0) continue;
    rows.push({
      section: TITLE,
      name,
      value: formatMs(m(key)),
      spread: spread(key),
      runs: n(key),
      baseline: `node -e 0: ${formatMs(floorMs)}`,
      ratio: formatRatio(m(key) / floorMs),
      note: `vibe synth with its cache filled is ${formatMs(m(key) - vibeMs)} (${Math.round((100 * (m(key) - vibeMs)) / m(key))}%) faster`,
    });
  }

  const causes: string[] = [];
  if (phases && profile) {
    const coldTotal = Object.values(phases.cold).reduce((a, b) => a + b, 0);
    causes.push(
      `A cold \`vibe synth\` takes ${formatMs(vibeMs)} against ${formatMs(floorMs)} for \`node -e 0\`; the target (${FLOOR_TARGET}×) allows ${formatMs(FLOOR_TARGET * floorMs)}. Where the time goes:`,
      '',
      '| step | cold, first run in a process | warm, repeated in the same process |',
      '|---|---:|---:|',
      `| node's own start (to the first line of the script) | ${formatMs(phases.processStartToScript)} | — |`,
      `| module loading, CLI (commander, command table, synth-command and everything it imports; require hook) | ${formatMs(profile.mainRequireMs)} | — |`,
      `| module loading, the library alone (load-input, vibe-app, synth-gate; phases child) | ${formatMs(phases.requireMs)} | — |`,
      ...Object.keys(phases.cold).map((step) => `| ${step} | ${formatMs(phases.cold[step])} | ${formatMs(phases.warm[step])} |`),
      `| **synthesis steps together** | **${formatMs(coldTotal)}** | **${formatMs(Object.values(phases.warm).reduce((a, b) => a + b, 0))}** |`,
      '',
      `As in \`vibe synth\`, the secretlint worker thread is started before the library loads, so loading secretlint in it ` +
        `(${formatMs(profile.workerRequireMs)} of module loading in the worker alone) overlaps the main thread's work when a second core is free; ` +
        `the cold review gate waits only for what is left of it. Warm, the same gate takes ${formatMs(phases.warm['review gate'])}. ` +
        'Cold steps also pay for V8 compiling and optimising code that runs once.',
      '',
      'Module loading (`node -r bench/require-hook.js`, which times each module\'s first load through `Module._load`):',
      '',
      ...profileLines(profile),
    );
  }
  if (phases) {
    causes.push(
      '',
      `Against the synth floor (${formatMs(synthFloorMs)}: node, yaml, parsing the answers and writing the same ${written} files, nothing else), ` +
        `vibe synth spends ${formatMs(vibeMs - synthFloorMs)} more: the module loading and synthesis steps above, the review gate, and its durable writes ` +
        '(each file to a temp file, fsync, rename, under a lock, with the record of the files it wrote) where the floor writes plainly.',
    );
  }
  if (repoOk) {
    causes.push(
      '',
      `\`cdk8s synth\` with the repository's own cdk8s.yaml (${formatMs(repoMs)}) starts the cdk8s CLI, which starts npx, which starts ts-node with swc ` +
        '(no type check) on examples/inventory-checker/main.ts, which then runs the same library as vibe synth. ' +
        `vibe synth is ${formatRatio(repoMs / vibeMs)} faster; ${CDK8S_TARGET}× would need vibe synth at ${formatMs(repoMs / CDK8S_TARGET)}.`,
    );
  }
  if (cdkOk) {
    causes.push(
      '',
      `For reference, \`cdk8s synth\` as \`cdk8s init typescript-app\` sets it up (${formatMs(cdkMs)}, \`npx ts-node main.ts\`) also type-checks main.ts against the declarations of vibe-env, cdk8s, constructs and zod ` +
        '(the template has no skipLibCheck). The app folder is a temp folder shaped like the template (cdk8s.yaml, tsconfig.json, main.ts, sealed-secrets.yaml) whose `node_modules/vibe-env` is a symlink to this repository; ts-node, typescript and @types/node are symlinked from the repository.',
    );
  }
  if (failures.length > 0) causes.push('', `Failed runs (not counted): ${failures.slice(0, 5).join('; ')}`);
  return {
    title: TITLE,
    rows,
    causes,
    data: { samples: Object.fromEntries(samples), equivalent, repoEquivalent, profile, phases, failures },
  };
}

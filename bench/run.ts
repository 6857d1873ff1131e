/**
 * The benchmark of vibe-env: `npm run bench` (npx tsc --build && npx ts-node --swc bench/run.ts).
 *
 *   1. cold synth    vibe synth of the Inventory Checker vs node -e 0 and vs cdk8s synth (default TS template)
 *   2. scale         N = 1, 10, 100, 500 apps in one process: time per app, peak RSS
 *   3. review        vibe review over the synthesized apps vs the bare YAML parse; each check's growth
 *   4. seal          vibe seal of 100 values vs node -e 0
 *   5. graph         vibe graph over 2,000 and 10,000 Deployments with their policies
 *
 * It prints a table (median, spread, baseline measured in the same run, ratio, target, met, the
 * machine's load) and writes docs/benchmarks.md with the causes it measured. A row without a valid
 * measurement (every run failed, none made) is reported as FAILED, never as a number. Exit code:
 * 1 when the harness failed (a section threw or a row FAILED); with --check also when a target
 * is missed; otherwise 0 whatever the timings.
 *
 * Flags: --quick (fewer repetitions, N up to 100; writes no report unless --markdown is given),
 * --markdown <file>, --json <file>, --only <section,...> (cold-synth, scale, review, seal, graph),
 * --check, --keep-temp.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { coldSynth } from './cold-synth';
import { CLI, createBench, removeTemp, ROOT, type BenchOptions } from './env';
import * as os from 'node:os';
import { runMain } from './proc';
import { judged, machine, markdown, textTable, type SectionResult } from './report';
import { reviewThroughput } from './review-throughput';
import { scale } from './scale';
import { graphScale } from './graph-scale';
import { seal } from './seal';

const SECTIONS = ['cold-synth', 'scale', 'review', 'seal', 'graph'] as const;

function parseArgs(argv: readonly string[]): BenchOptions {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  const known = new Set(['--quick', '--markdown', '--json', '--only', '--keep-temp', '--check']);
  for (const a of argv) {
    if (a.startsWith('--') && !known.has(a)) throw new Error(`unknown flag ${a} (known: ${[...known].join(', ')})`);
  }
  const quick = argv.includes('--quick');
  const only = new Set((value('--only') ?? '').split(',').filter((s) => s !== ''));
  for (const s of only) if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only: unknown section ${s} (sections: ${SECTIONS.join(', ')})`);
  const markdownFile = value('--markdown') ?? (quick || only.size > 0 ? undefined : path.join(ROOT, 'docs', 'benchmarks.md'));
  const jsonFile = value('--json');
  return { quick, only, check: argv.includes('--check'), keepTemp: argv.includes('--keep-temp'), ...(markdownFile ? { markdownFile } : {}), ...(jsonFile ? { jsonFile } : {}) };
}

function errorSection(title: string, error: unknown): SectionResult {
  const message = error instanceof Error ? error.message : String(error);
  return { title, rows: [{ section: title, name: 'harness error', value: 'FAILED', failed: true, met: false, note: message.split('\n')[0] }], causes: [`The section failed: ${message}`], data: { error: message } };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CLI)) {
    process.stderr.write(`The compiled CLI ${path.relative(ROOT, CLI)} is missing: run "npx tsc --build" first (npm run bench does).\n`);
    return 1;
  }
  const started = Date.now();
  const bench = createBench(options);
  const wanted = (name: (typeof SECTIONS)[number]) => options.only.size === 0 || options.only.has(name);
  const sections: SectionResult[] = [];
  let harnessFailed = false;
  const guarded = async (title: string, run: () => Promise<SectionResult>) => {
    try {
      const section = await run();
      // Each row gets the load the machine had when its section finished measuring.
      const load = os.loadavg()[0].toFixed(2);
      sections.push({ ...section, rows: section.rows.map((row) => judged(row, load)) });
    } catch (error) {
      harnessFailed = true;
      bench.log(`${title} failed: ${error instanceof Error ? error.stack : String(error)}`);
      sections.push(errorSection(title, error));
    }
  };

  try {
    bench.log(`vibe-env benchmark${options.quick ? ' (quick)' : ''}: node ${process.version}, temp folder ${bench.tmp}`);
    if (wanted('cold-synth')) await guarded('1. Cold synth', () => coldSynth(bench));
    let outputs: ReadonlyMap<number, string> = new Map();
    if (wanted('scale')) {
      await guarded('2. Scale', async () => {
        const result = await scale(bench);
        outputs = result.outputs;
        return result.section;
      });
    }
    if (wanted('review')) await guarded('3. Review throughput', () => reviewThroughput(bench, outputs));
    if (wanted('seal')) await guarded('4. Seal', () => seal(bench));
    if (wanted('graph')) await guarded('5. Graph scale', () => graphScale(bench));
  } finally {
    removeTemp(bench);
  }

  const durationMs = Date.now() - started;
  const host = machine();
  process.stdout.write(`\n${textTable(sections)}\n`);
  const rows = sections.flatMap((s) => s.rows);
  const targets = rows.filter((r) => r.met !== undefined);
  const failedRows = rows.filter((r) => r.failed);
  process.stdout.write(
    `Targets met: ${targets.filter((r) => r.met).length} of ${targets.length}. ` +
      (failedRows.length > 0 ? `FAILED rows (no valid measurement): ${failedRows.map((r) => r.name).join('; ')}. ` : '') +
      `Node ${host.node}, ${host.cores} cores, load ${host.loadAverage}, ${(durationMs / 1000).toFixed(0)} s.\n`,
  );
  for (const section of sections) {
    if (section.causes.length === 0) continue;
    process.stdout.write(`\n## ${section.title}\n\n${section.causes.join('\n')}\n`);
  }
  if (options.markdownFile) {
    fs.mkdirSync(path.dirname(options.markdownFile), { recursive: true });
    fs.writeFileSync(options.markdownFile, markdown(sections, host, { quick: options.quick, durationMs }));
    process.stdout.write(`\nWrote ${path.relative(process.cwd(), options.markdownFile)}\n`);
  }
  if (options.jsonFile) {
    fs.writeFileSync(options.jsonFile, `${JSON.stringify({ machine: host, quick: options.quick, durationMs, sections }, null, 2)}\n`);
  }
  if (harnessFailed || failedRows.length > 0) return 1;
  return options.check && targets.some((r) => !r.met) ? 1 : 0;
}

runMain(main);

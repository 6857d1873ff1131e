import { randomBytes } from 'node:crypto';
import type { Bench } from './env';
import { CLI, EXAMPLE_CERT } from './env';
import type { Row, SectionResult } from './report';
import { profileLines, profileRequires } from './require-profile';
import { failureText, runTimed } from './proc';
import { formatMs, formatRatio, interleave, median, spreadOf } from './stats';

const TITLE = '4. Seal: vibe seal of 100 values from stdin';
const VALUES = 100;
const FLOOR_TARGET = 2;

export async function seal(bench: Bench): Promise<SectionResult> {
  const quick = bench.options.quick;
  const input = Array.from({ length: VALUES }, (_, i) => `SERVICE_${i}_API_KEY=${randomBytes(24).toString('base64url')}`).join('\n') + '\n';
  const args = [CLI, 'seal', '--cert', EXAMPLE_CERT, '--namespace', 'platform-vibe-x', '--name', 'x-secrets'];
  const rawArgs = [...args, '--raw'];
  const failures: string[] = [];
  // Each run's output is checked: the default prints a SealedSecret with every key, --raw one line per value.
  const sealOnce = (raw: boolean) => async () => {
    const run = await runTimed(process.execPath, raw ? rawArgs : args, { env: bench.env, input, timeoutMs: 60_000 });
    const pattern = raw ? /^SERVICE_\d+_API_KEY=\S+$/ : /^ {4}SERVICE_\d+_API_KEY: \S+$/;
    const lines = run.stdout.split('\n').filter((l) => pattern.test(l)).length;
    if (run.code === 0 && lines === VALUES && (raw || run.stdout.includes('kind: SealedSecret'))) return run.ms;
    failures.push(`${raw ? '--raw' : 'default'}: ${run.code === 0 ? `printed ${lines} sealed values instead of ${VALUES}` : failureText(run)}`);
    return undefined;
  };
  const floorOnce = async () => {
    const run = await runTimed(process.execPath, ['-e', '0'], { env: bench.env, timeoutMs: 30_000 });
    return run.code === 0 ? run.ms : undefined;
  };

  bench.log('seal: warm-up and interleaved runs');
  await floorOnce();
  await sealOnce(false)();
  await sealOnce(true)();
  const pairs = quick ? 3 : 11;
  const samples = await interleave(
    [
      { key: 'floor', min: pairs, max: pairs, run: floorOnce },
      { key: 'seal', min: pairs, max: pairs, run: sealOnce(false) },
      { key: 'raw', min: pairs, max: pairs, run: sealOnce(true) },
    ],
    quick || bench.hurry() ? 3_000 : 8_000,
  );
  const floorMs = median(samples.get('floor') ?? []);
  const sealMs = median(samples.get('seal') ?? []);
  const rawMs = median(samples.get('raw') ?? []);
  const profile = await profileRequires(bench, 'seal', args, quick ? 1 : 2, { input, timeoutMs: 60_000 });

  const rows: Row[] = [
    { section: TITLE, name: 'node -e 0 (the floor)', value: formatMs(floorMs), spread: spreadOf(samples.get('floor')), runs: samples.get('floor')?.length },
    {
      section: TITLE,
      name: `vibe seal, ${VALUES} KEY=VALUE lines on stdin (RSA-OAEP + AES-GCM each), the default output: a SealedSecret in YAML`,
      value: formatMs(sealMs),
      spread: spreadOf(samples.get('seal')),
      runs: samples.get('seal')?.length,
      baseline: `node -e 0: ${formatMs(floorMs)}`,
      ratio: formatRatio(sealMs / floorMs),
      target: `≤ ${FLOOR_TARGET}× the floor`,
      met: sealMs / floorMs <= FLOOR_TARGET,
      note: failures.length ? `failed runs: ${failures.slice(0, 2).join('; ')}` : undefined,
    },
    {
      section: TITLE,
      name: `vibe seal --raw (one sealed value per line, no YAML)`,
      value: formatMs(rawMs),
      spread: spreadOf(samples.get('raw')),
      runs: samples.get('raw')?.length,
      baseline: `node -e 0: ${formatMs(floorMs)}`,
      ratio: formatRatio(rawMs / floorMs),
      target: `≤ ${FLOOR_TARGET}× the floor`,
      met: rawMs / floorMs <= FLOOR_TARGET,
    },
  ];
  const causes: string[] = [];
  if (profile) {
    const work = profile.endMs - profile.bootstrapMs - profile.mainRequireMs;
    causes.push(
      `\`vibe seal\` takes ${formatMs(sealMs)} against ${formatMs(floorMs)} for \`node -e 0\` (target ${FLOOR_TARGET}×: ${formatMs(FLOOR_TARGET * floorMs)}). ` +
        `With the require hook: node's start ${formatMs(profile.bootstrapMs)}, module loading ${formatMs(profile.mainRequireMs)}, ` +
        `everything else (reading stdin, ${VALUES} seals, output) ${formatMs(work)}.`,
      '',
      ...profileLines(profile),
    );
  }
  return { title: TITLE, rows, causes, data: { samples: Object.fromEntries(samples), profile, failures } };
}

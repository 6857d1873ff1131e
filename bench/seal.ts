import { randomBytes } from 'node:crypto';
import type { Bench } from './env';
import { CLI, EXAMPLE_CERT } from './env';
import type { Row, SectionResult } from './report';
import { profileLines, profileRequires } from './require-profile';
import { failureText, runTimed } from './proc';
import { formatMs, formatRatio, interleave, median } from './stats';

const TITLE = '4. Seal: vibe seal of 100 values from stdin (--raw)';
const VALUES = 100;
const FLOOR_TARGET = 2;

export async function seal(bench: Bench): Promise<SectionResult> {
  const quick = bench.options.quick;
  const input = Array.from({ length: VALUES }, (_, i) => `SERVICE_${i}_API_KEY=${randomBytes(24).toString('base64url')}`).join('\n') + '\n';
  const args = [CLI, 'seal', '--cert', EXAMPLE_CERT, '--namespace', 'platform-vibe-x', '--name', 'x-secrets', '--raw'];
  const failures: string[] = [];
  const sealOnce = async () => {
    const run = await runTimed(process.execPath, args, { env: bench.env, input, timeoutMs: 60_000 });
    const lines = run.stdout.split('\n').filter((l) => /^SERVICE_\d+_API_KEY=\S+$/.test(l)).length;
    if (run.code === 0 && lines === VALUES) return run.ms;
    failures.push(run.code === 0 ? `printed ${lines} sealed values instead of ${VALUES}` : failureText(run));
    return undefined;
  };
  const floorOnce = async () => {
    const run = await runTimed(process.execPath, ['-e', '0'], { env: bench.env, timeoutMs: 30_000 });
    return run.code === 0 ? run.ms : undefined;
  };

  bench.log('seal: warm-up and interleaved runs');
  await floorOnce();
  await sealOnce();
  const samples = await interleave(
    [
      { key: 'floor', min: quick ? 3 : 7, max: quick ? 3 : 11, run: floorOnce },
      { key: 'seal', min: quick ? 3 : 7, max: quick ? 3 : 11, run: sealOnce },
    ],
    quick || bench.hurry() ? 3_000 : 8_000,
  );
  const floorMs = median(samples.get('floor') ?? []);
  const sealMs = median(samples.get('seal') ?? []);
  const profile = await profileRequires(bench, 'seal', args, quick ? 1 : 2, { input, timeoutMs: 60_000 });

  const rows: Row[] = [
    { section: TITLE, name: 'node -e 0 (the floor)', value: formatMs(floorMs), runs: samples.get('floor')?.length },
    {
      section: TITLE,
      name: `vibe seal --raw, ${VALUES} KEY=VALUE lines on stdin (RSA-OAEP + AES-GCM each)`,
      value: formatMs(sealMs),
      runs: samples.get('seal')?.length,
      baseline: `node -e 0: ${formatMs(floorMs)}`,
      ratio: formatRatio(sealMs / floorMs),
      target: `≤ ${FLOOR_TARGET}× the floor`,
      met: sealMs / floorMs <= FLOOR_TARGET,
      note: failures.length ? `failed runs: ${failures.slice(0, 2).join('; ')}` : undefined,
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

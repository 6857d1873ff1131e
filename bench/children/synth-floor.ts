import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `synth-floor --values FILE --bytes BUNDLE --out DIR`: the physical floor of a cold `vibe synth`,
 * what no implementation can skip: start node, load yaml, parse the answers file, and write the
 * very bytes vibe synth writes (read from one JSON bundle the parent made from vibe synth's own
 * output). No validation, no composition, no review: only the unavoidable work, so
 * `vibe synth ÷ this` is the cost of everything vibe-env adds.
 */
const root = process.env.VIBE_BENCH_ROOT;
const flag = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
};
const values = flag('values');
const bytes = flag('bytes');
const out = flag('out');
if (!root || !values || !bytes || !out) throw new Error('VIBE_BENCH_ROOT, --values, --bytes and --out are required');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require(require.resolve('yaml', { paths: [root] })) as typeof import('yaml');
const answers: unknown = yaml.parse(fs.readFileSync(values, 'utf8'));
if (answers === null || typeof answers !== 'object') throw new Error(`${values} holds no answers`);
const files = JSON.parse(fs.readFileSync(bytes, 'utf8')) as Record<string, string>;
fs.mkdirSync(out, { recursive: true });
for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(out, name), text);

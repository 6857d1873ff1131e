import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLE_CERT, ManifestSet } from './golden-set';
import { colorsEnabled } from '../../src/cli/colors';
import { CLI, DEFAULTS_LINE, ROOT, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

/** The CLI conventions of `vibe review`: --fail-on, --quiet, --verbose, colours only on a terminal. */
const VIBE_CODED = 'test/review/fixtures/vibe-coded-app.yaml';
const ESC = '\u001b[';

/** A set whose only finding is a WARNING (H1: an Ingress host off the cluster pattern). */
function warningsOnlySet(): string {
  const set = ManifestSet.golden();
  const ingress = set.get('Ingress');
  ingress.spec.rules[0].host = 'shop.other.example.com';
  if (ingress.spec.tls) ingress.spec.tls[0].hosts = ['shop.other.example.com'];
  return set.write(path.join(tempDir('vibe-warn-'), 'k8s'));
}

describe('vibe review --fail-on', () => {
  const folder = warningsOnlySet();

  it('passes WARNING findings by default and with --fail-on critical', () => {
    for (const args of [[], ['--fail-on', 'critical']]) {
      const result = vibe(['review', folder, '--cert', EXAMPLE_CERT, ...args]);
      expect(result.stdout).toMatch(/\[H1\]/);
      expect(result.status).toBe(0);
    }
  });

  it('fails on a WARNING with --fail-on warning (exit 1), and says why', () => {
    const result = vibe(['review', folder, '--cert', EXAMPLE_CERT, '--fail-on', 'warning']);
    expect(result.status).toBe(1);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('--fail-on warning: the WARNING findings fail this review (exit 1).');
    expect(vibe(['review', folder, '--cert', EXAMPLE_CERT, '--fail-on', 'warning', '--format', 'json']).status).toBe(1);
  });

  it('passes a clean set with --fail-on warning', () => {
    expect(vibe(['review', 'test/golden/inventory-checker', '--cert', EXAMPLE_CERT, '--fail-on', 'warning']).status).toBe(0);
  });

  it('fails on an unknown threshold with exit 2, naming the choices', () => {
    const result = vibe(['review', folder, '--fail-on', 'info']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/argument 'info' is invalid\. Allowed choices are critical, warning/);
  });
});

describe('vibe review --quiet and --verbose', () => {
  it('--quiet prints the findings only, one line each', () => {
    const result = vibe(['review', VIBE_CODED, '--quiet']);
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/^(CRITICAL|WARNING) \[[A-Z]\d+\] .+ \(test\/review\/fixtures\/vibe-coded-app\.yaml(:\d+)?\)$/);
    expect(result.stdout).not.toContain('Cluster settings');
  });

  it('--quiet prints nothing for a clean set, and no notes on stderr', () => {
    const folder = ManifestSet.golden().write(path.join(tempDir('vibe-quiet-'), 'k8s'));
    fs.writeFileSync(path.join(folder, 'package.json'), '{"name": "not-a-manifest"}\n');
    const loud = vibe(['review', folder, '--cert', EXAMPLE_CERT]);
    expect(loud.stderr).toMatch(/package\.json/);
    const quiet = vibe(['review', folder, '--cert', EXAMPLE_CERT, '-q']);
    expect(quiet).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('--verbose adds what was read and each check\'s verdict on stderr, the report unchanged', () => {
    const plain = vibe(['review', VIBE_CODED]);
    const verbose = vibe(['review', VIBE_CODED, '--verbose']);
    expect(verbose.stdout).toBe(plain.stdout);
    expect(verbose.status).toBe(plain.status);
    const lines = verbose.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`vibe review: ${DEFAULTS_LINE}`);
    expect(lines[1]).toMatch(/^vibe review: "[^"]+": \d+ checks applied \(\d+ passed, failed: (?:[A-Z]\d+ ?)+\); not applicable: .+\.$/);
    expect(lines[1]).toContain('A1');
    expect(lines[2]).toBe(`vibe review: "${/"([^"]+)"/.exec(lines[1])![1]}": findings in ${VIBE_CODED}.`);
  });
});

describe('colours', () => {
  it('are on only for a terminal, never with NO_COLOR set (to anything but empty), TERM=dumb or --no-color', () => {
    expect(colorsEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorsEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorsEnabled({}, {})).toBe(false);
    expect(colorsEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorsEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorsEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colorsEnabled({ isTTY: true }, {}, false)).toBe(false);
    // Test runners set FORCE_COLOR in their workers: it must not colour what a program reads.
    expect(colorsEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(false);
  });

  it('never reach a pipe', () => {
    const result = vibe(['review', VIBE_CODED], { env: { FORCE_COLOR: '1' } });
    expect(result.stdout).toContain('[A1]');
    expect(result.stdout).not.toContain(ESC);
  });

  // `script` runs the CLI on a pseudo-terminal, as a user's shell does.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  const onTerminal = (noColor: string | undefined, args: string[] = []) => {
    const command = [process.execPath, CLI, 'review', VIBE_CODED, ...args].map((a) => `'${a}'`).join(' ');
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
    delete env.NO_COLOR;
    if (noColor !== undefined) env.NO_COLOR = noColor;
    return spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env, encoding: 'utf8' }).stdout;
  };

  (hasScript ? it : it.skip)('colour the report on a terminal', () => {
    const coloured = onTerminal(undefined);
    expect(coloured).toContain(`${ESC}1m${ESC}31mCRITICAL (must fix):`);
    expect(coloured).toMatch(new RegExp(`${ESC.replace('[', '\\[')}[\\d;]*m\\[A1\\]`));
  });

  (hasScript ? it : it.skip)('stay off on a terminal with NO_COLOR or --no-color', () => {
    expect(onTerminal('1')).not.toContain(ESC);
    expect(onTerminal('1')).toContain('CRITICAL (must fix):');
    const noColor = onTerminal(undefined, ['--no-color']);
    expect(noColor).not.toContain(ESC);
    expect(noColor).toContain('CRITICAL (must fix):');
  });

  if (!hasScript) {
    it('reports the terminal tests skipped: util-linux `script` is not installed', () => {
      console.warn('skipped: the colour-on-a-terminal tests need util-linux `script` for a pseudo-terminal');
    });
  }
});

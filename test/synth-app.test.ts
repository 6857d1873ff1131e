import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, STACK_LINE, vibe } from './helpers/cli';
import { tempDir } from './helpers/render';

/**
 * `vibe synth --app main.ts`, what a generated repository's `npm run synth` runs: main.ts is
 * type-checked (the compile-time guards bite), run with vibe-env's TypeScript loader, and on
 * bad answers exits 2 with plain lines and the creator's files untouched.
 */

const MAIN_TS = (tag: string, slug = 'shop') => `import { VibeApp } from 'vibe-env';

VibeApp.synthesize({
  slug: '${slug}',
  image: { repository: 'shop-app', tag: '${tag}' },
  size: 'sm',
  components: { nginx: false },
});
`;

/** A creator repository: main.ts, vibe-env as node_modules/vibe-env (this clone), no tsconfig. */
function repo(mainTs: string): string {
  const dir = tempDir('vibe-app-');
  fs.writeFileSync(path.join(dir, 'main.ts'), mainTs);
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'vibe-env'), 'dir');
  fs.mkdirSync(path.join(dir, 'k8s'));
  fs.writeFileSync(path.join(dir, 'k8s', 'my-notes.txt'), 'the creator\'s own file\n');
  return dir;
}

const listing = (dir: string) => fs.readdirSync(path.join(dir, 'k8s')).sort();

describe('vibe synth --app main.ts', () => {
  it('type-checks and runs main.ts, writes the set into k8s/ and keeps the creator\'s files there', () => {
    const dir = repo(MAIN_TS('0123abc'));
    const result = vibe(['synth', '--app', 'main.ts'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Synthesized "Shop" \(namespace platform-vibe-shop\) from main\.ts into k8s\/\n {2}00-namespace\.yaml\n/);
    expect(listing(dir)).toEqual(expect.arrayContaining(['00-namespace.yaml', '08-app.yaml', 'README.md', 'my-notes.txt']));
    expect(fs.readFileSync(path.join(dir, 'k8s', '08-app.yaml'), 'utf8')).toContain('harbor.internal.example.com/shop-app:0123abc');
  });

  it('fails on a literal latest tag at compile time, with the advice in words, exit 2 and nothing written', () => {
    const dir = repo(MAIN_TS('latest'));
    const result = vibe(['synth', '--app', 'main.ts'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^main\.ts:5:36: type error: .*the tag \\"latest\\" is refused: .*Use the commit SHA CI built/m);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(listing(dir)).toEqual(['my-notes.txt']);
  });

  it('fails on a bad answer the compiler cannot see with the plain line, exit 2 and the folder untouched', () => {
    const dir = repo(MAIN_TS('0123abc', 'Bad_Slug'));
    const result = vibe(['synth', '--app', 'main.ts'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^slug: got "Bad_Slug"/m);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(listing(dir)).toEqual(['my-notes.txt']);
  });

  it.each([
    ['a file that is not TypeScript', ['synth', '--app', 'vibe.yaml'], /^--app: got "vibe\.yaml"; give the app's TypeScript entry point/m],
    ['a missing main.ts', ['synth', '--app', 'nope.ts'], /^--app: got "nope\.ts", which is not a file here/m],
  ])('fails on %s with exit 2 and no stack', (_title, args, message) => {
    const result = vibe(args, { cwd: tempDir() });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});

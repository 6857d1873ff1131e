import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { AppModel } from '../../src/contract/app-model';
import { IMAGE_TAG_FILE, imageTagFileText, PLACEHOLDER_TAG } from '../../src/delivery/image-tag';
import { componentsFromFlags } from '../../src/init/answers';
import { askMissingAnswers, missingAnswers } from '../../src/init/prompt';
import { mainTs } from '../../src/init/scaffold';
import { SealedSecretFile } from '../../src/seal/sealed-secret-file';
import { ROOT, STACK_LINE, vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Application } = require('@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application');

const CERT = path.join(ROOT, 'examples', 'inventory-checker', 'sealed-secrets-cert.pem');
const EXPECTED_FILES = [
  '.dockerignore',
  '.github/workflows/cd.yml',
  '.github/workflows/ci.yml',
  '.gitignore',
  'AGENTS.md',
  'Dockerfile',
  'README.md',
  // The Python contract kit and its sample app (the folder had no app).
  'app/__init__.py',
  'app/__main__.py',
  'app/business_metrics.py',
  'app/contract.py',
  'argocd/application.yaml',
  'cdk8s.yaml',
  IMAGE_TAG_FILE,
  'main.ts',
  'package.json',
  'requirements.txt',
  'tsconfig.json',
  // This vibe-env runs from a clone, not a registry install: init packs it in for npm install.
  `vendor/vibe-env-${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}.tgz`,
];

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('vibe init', () => {
  it('writes a creator repository from flags, without asking', () => {
    const dir = path.join(tempDir(), 'shop');
    const result = vibe(['init', dir, '--slug', 'shop', '--name', "Bob's Shop", '--size', 'sm', '--components', 'postgres, redis', '--runtime', 'python3.12', '--repo-url', 'https://git.example.com/vibe/shop']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Created the repository for "Bob's Shop" \(namespace platform-vibe-shop\)/);
    expect(listFiles(dir)).toEqual(EXPECTED_FILES);

    expect(read(dir, 'main.ts')).toBe(
      [
        "import { VibeApp } from 'vibe-env';",
        "import { tag } from './image-tag.json'; // the commit SHA CI built last, written by CD",
        '',
        'VibeApp.synthesize({',
        "  slug: 'shop',",
        "  name: 'Bob\\'s Shop',",
        "  image: { repository: 'shop-app', tag },",
        "  size: 'sm',",
        "  runtime: 'python3.12',",
        '  components: { postgres: true, redis: true, nginx: true },',
        '  ingress: { enabled: true, tls: true },',
        '});',
        '',
      ].join('\n'),
    );
    expect(read(dir, IMAGE_TAG_FILE)).toBe(imageTagFileText(PLACEHOLDER_TAG));
    expect(read(dir, 'Dockerfile')).toContain('FROM --platform=linux/amd64 harbor.internal.example.com/dockerhub-proxy/python:3.12-slim');
    expect(read(dir, 'cdk8s.yaml')).toMatch(/^app: npx ts-node --swc main\.ts$/m);
    expect(read(dir, 'cdk8s.yaml')).toMatch(/^output: k8s$/m);

    const pkg = JSON.parse(read(dir, 'package.json'));
    const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies).toEqual({
      '@swc/core': own.devDependencies['@swc/core'],
      'cdk8s-cli': own.devDependencies['cdk8s-cli'],
      'ts-node': own.devDependencies['ts-node'],
      'typescript': own.devDependencies.typescript,
      'vibe-env': `file:vendor/vibe-env-${own.version}.tgz`,
    });
    expect(pkg.scripts).toMatchObject({ synth: 'vibe synth --app main.ts', review: 'vibe review k8s/ --dockerfile Dockerfile --src .' });
    expect(pkg.scripts.seal).toBe('vibe seal --cert sealed-secrets-cert.pem --namespace platform-vibe-shop --name shop-secrets --merge-into sealed-secrets.yaml');

    const application = parse(read(dir, 'argocd/application.yaml'));
    expect(() => new Application(application).validate()).not.toThrow();
    expect(application.spec.source.repoURL).toBe('https://git.example.com/vibe/shop');
    expect(application.spec.destination.namespace).toBe('platform-vibe-shop');

    // k8s/ is committed by CD, so it must not be ignored; plaintext env files must be.
    expect(read(dir, '.gitignore')).not.toMatch(/^\/?k8s/m);
    expect(read(dir, '.gitignore')).toMatch(/^\*\.env$/m);
    expect(read(dir, '.dockerignore')).toMatch(/^image-tag\.json$/m);

    const readme = read(dir, 'README.md');
    expect(readme).toContain('# Bob\'s Shop');
    expect(readme).toContain('npm run seal');
    expect(readme).toContain('https://platform-shop.internal.example.com');
    expect(readme).toMatch(/postgres and redis, which need passwords/);
    expect(readme).toContain('`npx vibe seal --app main.ts --cert sealed-secrets-cert.pem --generate`');
  });

  it('writes a main.ts that names only the components that are on (and nginx: false when off)', () => {
    const model = AppModel.resolve({ slug: 'shop', image: { repository: 'shop-app', tag: PLACEHOLDER_TAG }, components: componentsFromFlags('rabbitmq,mgmtSidecar', false), ingress: { enabled: false } });
    expect(mainTs(model)).toContain('  components: { rabbitmq: true, nginx: false, mgmtSidecar: true },\n  ingress: { enabled: false, tls: true },\n');
  });

  it('seals freshly made component passwords with --cert and copies the certificate in', () => {
    const dir = path.join(tempDir(), 'inv');
    const result = vibe(['init', dir, '--slug', 'inv', '--components', 'postgres', '--runtime', 'go1.23', '--cert', CERT, '--yes']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/sealed-secrets\.yaml \(2 passwords made and sealed: DATABASE_URL, POSTGRES_PASSWORD\)/);
    expect(read(dir, 'sealed-secrets-cert.pem')).toBe(fs.readFileSync(CERT, 'utf8'));
    const sealed = SealedSecretFile.load(path.join(dir, 'sealed-secrets.yaml'));
    expect(sealed).toMatchObject({ namespace: 'platform-vibe-inv', name: 'inv-secrets', scope: 'strict' });
    expect([...sealed.values.keys()].sort()).toEqual(['DATABASE_URL', 'POSTGRES_PASSWORD']);
    expect(read(dir, 'README.md')).toMatch(/passwords were made and locked into `sealed-secrets\.yaml`/);
    // The repository has the cluster's certificate: its review (npm run review, CI, CD) checks the sealed values against it.
    const review = 'vibe review k8s/ --dockerfile Dockerfile --src . --cert sealed-secrets-cert.pem';
    expect(JSON.parse(read(dir, 'package.json')).scripts.review).toBe(review);
    expect(read(dir, '.github/workflows/ci.yml')).toContain(`npx ${review} --format sarif > review.sarif`);
    expect(read(dir, '.github/workflows/cd.yml')).toContain(`run: npx ${review}\n`);
  });

  it('reviews the log sample given with --log-sample in npm run review and CI', () => {
    const dir = path.join(tempDir(), 'logs');
    const result = vibe(['init', dir, '--slug', 'logs', '--log-sample', './test/log-sample.jsonl', '--yes']);
    expect(result.status).toBe(0);
    const review = 'vibe review k8s/ --dockerfile Dockerfile --src . --logs test/log-sample.jsonl';
    expect(JSON.parse(read(dir, 'package.json')).scripts.review).toBe(review);
    expect(read(dir, '.github/workflows/ci.yml')).toContain(`npx ${review} --format sarif > review.sarif`);
  });

  it('seals the passwords later with the command its README gives, keeping every file', () => {
    const dir = path.join(tempDir(), 'shop');
    expect(vibe(['init', dir, '--slug', 'shop', '--components', 'redis', '--yes']).status).toBe(0);
    const before = new Map(listFiles(dir).map((file) => [file, read(dir, file)]));
    fs.copyFileSync(CERT, path.join(dir, 'sealed-secrets-cert.pem'));
    // As after npm install: main.ts imports vibe-env.
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'vibe-env'), 'dir');
    const command = read(dir, 'README.md').match(/`npx vibe (seal --app main\.ts[^`]*)`/)![1].split(' ');
    const result = vibe(command, { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^Created .*sealed-secrets\.yaml for secret "shop-secrets" in namespace "platform-vibe-shop" \(strict scope\): added REDIS_PASSWORD, REDIS_URL\.$/m);
    for (const [file, text] of before) expect(read(dir, file)).toBe(text);
    expect(listFiles(dir)).toEqual([...before.keys(), 'node_modules/vibe-env', 'sealed-secrets-cert.pem', 'sealed-secrets.yaml'].sort());
    // A second run has nothing left to make.
    expect(vibe(command, { cwd: dir }).stderr).toMatch(/^Nothing to generate/m);
  });

  describe('fails with one plain line, exit 2, and nothing written', () => {
    it.each([
      ['a bad slug', ['--slug', 'Shop!'], /^slug: got "Shop!" — must be lowercase letters, digits and "-"/],
      ['an unknown runtime', ['--slug', 'shop', '--runtime', 'node18'], /^runtime: got "node18"; allowed values are "node22", "node20", /],
      ['an unknown size', ['--slug', 'shop', '--size', 'huge'], /^size: got "huge"; allowed values are "xs", "sm", "md", "lg", "xl"/],
      ['an unknown component', ['--slug', 'shop', '--components', 'postgress'], /^components\.postgress: unknown field\. Did you mean "postgres"\?/],
      ['two databases', ['--slug', 'shop', '--components', 'postgres,mongo'], /^components: postgres and mongo cannot both be on/],
      ['no slug and no terminal to ask on', [], /^slug: is required but missing\. Example: slug: inventory-checker$/m],
      ['a repo URL that is not a git URL', ['--slug', 'shop', '--repo-url', 'shop'], /^--repo-url: got "shop"; must be a git URL/],
      ['a certificate that does not exist', ['--slug', 'shop', '--cert', '/nonexistent/cert.pem'], /^--cert: /],
      ['a log sample outside the repository', ['--slug', 'shop', '--log-sample', '../logs/app.log'], /^--log-sample: got "\.\.\/logs\/app\.log"; give a file inside the repository/],
    ])('%s', (_what, args, message) => {
      const dir = path.join(tempDir(), 'app');
      const result = vibe(['init', dir, ...args]);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(fs.existsSync(dir)).toBe(false);
    });

    it('a folder that is not empty', () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
      const result = vibe(['init', dir, '--slug', 'shop']);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`${dir}: the folder is not empty (notes.txt); vibe init writes a new app repository into an empty folder. Add --force`);
      expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
    });

    it('a package.json that is not JSON, with --force', () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'package.json'), '{ not json');
      const result = vibe(['init', dir, '--slug', 'shop', '--force']);
      expect(result.status).toBe(2);
      expect(result.stderr.trim()).toMatch(/^package\.json: is not a JSON object/);
      expect(fs.readdirSync(dir)).toEqual(['package.json']);
    });
  });

  it('treats a folder with only .git as empty', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, '.git'));
    expect(vibe(['init', dir, '--slug', 'shop', '--yes']).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'main.ts'))).toBe(true);
  });

  it('with --force keeps every existing file, completes package.json and .gitignore, and puts its README beside yours', () => {
    const dir = tempDir();
    const mine = { name: 'my-app', scripts: { start: 'node server.js', review: 'my own review' }, dependencies: { express: '^4.0.0' } };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(mine));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM mine\n');
    fs.writeFileSync(path.join(dir, 'README.md'), '# Mine\n');
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n.env');
    const result = vibe(['init', dir, '--slug', 'shop', '--force', '--yes', '--vibe-env-spec', 'file:../vibe-env.tgz']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Dockerfile\s+kept yours/);
    expect(result.stdout).toMatch(/README\.md\s+yours kept; ours is README\.vibe\.md/);
    expect(result.stdout).toMatch(/Next: read README\.vibe\.md/);

    expect(read(dir, 'Dockerfile')).toBe('FROM mine\n');
    expect(read(dir, 'README.md')).toBe('# Mine\n');
    expect(read(dir, 'README.vibe.md')).toContain('# Shop');
    const pkg = JSON.parse(read(dir, 'package.json'));
    expect(pkg.name).toBe('my-app');
    // The contract kit's libraries are added beside the app's own; its sample app is not (the app has a start script).
    expect(pkg.dependencies).toEqual({ 'express': '^4.0.0', 'pino': expect.any(String), 'prom-client': expect.any(String) });
    expect(fs.existsSync(path.join(dir, 'contract', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'server.js'))).toBe(false);
    expect(pkg.scripts).toMatchObject({ start: 'node server.js', review: 'my own review', synth: 'vibe synth --app main.ts' });
    expect(pkg.devDependencies['vibe-env']).toBe('file:../vibe-env.tgz');
    const gitignore = read(dir, '.gitignore');
    expect(gitignore.startsWith('node_modules/\n.env\n# Added by vibe init\n')).toBe(true);
    expect(gitignore.match(/^node_modules\/$/gm)).toHaveLength(1);
    expect(gitignore).toMatch(/^review\.sarif$/m);
  });

  it('takes the repository URL from the folder\'s git remote', () => {
    const dir = tempDir();
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir });
    git('init', '-q');
    git('remote', 'add', 'origin', 'git@git.example.com:vibe/shop.git');
    expect(vibe(['init', dir, '--slug', 'shop', '--yes']).status).toBe(0);
    expect(parse(read(dir, 'argocd/application.yaml')).spec.source.repoURL).toBe('git@git.example.com:vibe/shop.git');
  });

  it('lists init and platform in vibe --help', () => {
    const help = vibe(['--help']).stdout;
    expect(help).toMatch(/^\s+init \[options\] \[dir\]/m);
    expect(help).toMatch(/^\s+platform/m);
  });
});

describe('vibe init questions', () => {
  it('asks only for the answers the flags left open', () => {
    expect(missingAnswers({ slug: 'shop', runtime: 'go1.23', ingress: false })).toEqual(['name', 'size', 'components', 'nginx', 'sidecar', 'cert']);
    expect(missingAnswers({ slug: 'shop', name: 'Shop', runtime: 'go1.23', size: 'sm', components: 'redis', nginx: false, ingress: false, cert: 'c.pem' })).toEqual([]);
  });

  it('reads one line per question; Enter keeps the suggestion', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk) => (shown += chunk));
    input.end(['inventory-checker', '', '3', 'lg', 'postgres, redis', '', '', 'n', '', ''].join('\n'));
    const answers = await askMissingAnswers({}, { input, output });
    expect(answers).toMatchObject({ slug: 'inventory-checker', name: 'Inventory Checker', runtime: 'python3.12', size: 'lg', components: 'postgres, redis', nginx: true, ingress: false });
    expect(answers.cert).toBeUndefined();
    expect(shown).toContain('Short name for the app');
    expect(shown).toContain('[Inventory Checker]');
    expect(shown).toContain('3) Python 3.12 (Python)');
  });

  it('fails when the input ends early (Ctrl-D): nothing is taken as an answer', async () => {
    const input = new PassThrough();
    input.end('shop\n');
    await expect(askMissingAnswers({}, { input, output: new PassThrough() })).rejects.toThrow(/^vibe init: the input ended \(Ctrl-D\) before every question was answered, so nothing was written/);
  });

  it('checks each answer as it is typed and asks again with the reason; yes/no takes only yes or no', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk) => (shown += chunk));
    input.end(['Bad_Slug', 'shop', '', 'cobol', '1', 'huge', 'sm', 'postgres, mongo', 'redis', 'no', 'n', 'maybe', 'no', '/nonexistent/cert.pem', CERT].join('\n'));
    const answers = await askMissingAnswers({}, { input, output });
    expect(answers).toMatchObject({ slug: 'shop', name: 'Shop', runtime: 'node22', size: 'sm', components: 'redis, mgmtSidecar', nginx: false, ingress: false, cert: CERT });
    expect(shown).toContain('nginx in front of the app');
    expect(shown).toContain('health checks itself');
    expect(shown).toContain("The cluster's certificate file");
    expect(shown).toMatch(/ {2}slug: got "Bad_Slug"/);
    expect(shown).toMatch(/ {2}runtime: got "cobol"/);
    expect(shown).toMatch(/ {2}size: got "huge"/);
    expect(shown).toMatch(/ {2}components: postgres and mongo cannot both be on/);
    expect(shown).toContain('  got "maybe"; answer yes or no');
  });
});

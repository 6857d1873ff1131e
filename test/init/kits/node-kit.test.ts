import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { KIT_CACHE, step } from './kit-run';

/**
 * The Node.js kit (prom-client, pino). The generated package.json also lists vibe-env's own
 * tooling as devDependencies (cdk8s-cli…), which the image build prunes: the test installs the
 * app's dependencies as the image does (--omit=dev), from the kit's npm cache.
 */
describeKit({
  runtime: 'node22',
  label: 'Node.js',
  tools: [['node', ['--version']], ['npm', ['--version']]],
  build: async (dir) => {
    const generated = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    // Only what the image keeps: the app's dependencies and its start script.
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: generated.name, private: true, scripts: { start: generated.scripts.start }, dependencies: generated.dependencies }));
    const cache = path.join(KIT_CACHE, 'npm');
    return [await step('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--cache', cache], dir)];
  },
  start: () => ['node', ['server.js']],
});

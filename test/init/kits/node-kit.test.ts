import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { KIT_CACHE, step } from './kit-run';
import { findNode } from './toolchains';

/**
 * The Node.js kit (prom-client, pino), on each row's own Node: 22 and 20. The generated
 * package.json also lists vibe-env's own tooling as devDependencies (cdk8s-cli…), which the image
 * build prunes: the test installs the app's dependencies as the image does (--omit=dev), from the
 * kit's npm cache, and starts server.js on the row's Node.
 */
function nodeCase(major: 20 | 22): void {
  const node = findNode(major);
  describeKit({
    runtime: `node${major}`,
    label: `Node.js ${major}`,
    tools: [['npm', ['--version']]],
    requires: () => ('missing' in node ? node.missing : undefined),
    build: async (dir) => {
      if ('path' in node) process.stdout.write(`Node.js ${major} kit runs on ${node.path} (${node.version})\n`);
      const generated = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      // Only what the image keeps: the app's dependencies and its start script.
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: generated.name, private: true, scripts: { start: generated.scripts.start }, dependencies: generated.dependencies }));
      const cache = path.join(KIT_CACHE, 'npm');
      const install = await step('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--cache', cache], dir);
      if (install.status === 0) {
        // package.json has caret ranges: the versions this run resolved, for the record.
        const resolved = Object.keys(generated.dependencies).map((d) => `${d} ${JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', d, 'package.json'), 'utf8')).version}`);
        process.stdout.write(`Node.js ${major} kit installed ${resolved.join(', ')}\n`);
      }
      return [install];
    },
    start: () => ['path' in node ? node.path : 'node', ['server.js']],
  });
}

nodeCase(22);
nodeCase(20);

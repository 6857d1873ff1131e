import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { step, type Step } from './kit-run';
import { APP_UID } from '../../../src/delivery/dockerfiles';
import { PHP_FPM_CANDIDATES, PHP_START_COMMAND } from '../../../src/init/kits/php-kit';

/**
 * The PHP kit (php-fpm behind nginx in the app's container, no Composer package): each PHP file
 * linted with `php -l`, then contract/start.sh starts php-fpm and nginx on loopback, as the
 * image's CMD does. Debian's packages bring PHP 8.2 here (bookworm), not the row's 8.3: the kit
 * is written for 8.2 and newer. Both daemons run as the image's uid 1000, never as root:
 * under a root test runner the start is dropped to that uid and the folder opened to it.
 */
const MIN_PHP = [8, 2];

function phpFpm(): string | undefined {
  return PHP_FPM_CANDIDATES.find((c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0);
}

function phpVersion(): string {
  return spawnSync('php', ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' }).stdout.trim();
}

const runningAsRoot = () => process.getuid?.() === 0;

describeKit({
  runtime: 'php8.3',
  label: 'PHP',
  tools: [['php', ['--version']], ['nginx', ['-v']]],
  requires: () => {
    if (!phpFpm()) return `php-fpm is not installed (none of ${PHP_FPM_CANDIDATES.join(', ')}); apt-get install php-fpm nginx`;
    const [major, minor] = phpVersion().split('.').map(Number);
    return major > MIN_PHP[0] || (major === MIN_PHP[0] && minor >= MIN_PHP[1]) ? undefined : `PHP ${phpVersion()} is older than ${MIN_PHP.join('.')}`;
  },
  build: async (dir) => {
    process.stdout.write(`PHP kit runs on PHP ${phpVersion()} with ${phpFpm()} (the php8.3 row's image has 8.3)\n`);
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.php'));
    const steps: Step[] = [];
    for (const file of files) steps.push(await step('php', ['-l', file], dir));
    // uid 1000 must read the repository (mkdtemp makes it 0700 for root).
    if (runningAsRoot()) steps.push(await step('chmod', ['-R', 'a+rX', dir], path.dirname(dir)));
    return steps;
  },
  start: () => [PHP_START_COMMAND[0], PHP_START_COMMAND.slice(1)],
  startAs: () => (runningAsRoot() ? { uid: APP_UID, gid: APP_UID } : undefined),
});

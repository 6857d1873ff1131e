import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { KIT_CACHE, step } from './kit-run';
import { findPython } from './toolchains';

/**
 * The Python kit (prometheus_client, python-json-logger, the standard library's WSGI server), on
 * each row's own Python: 3.12 and 3.11. requirements.txt is installed into a virtualenv of that
 * interpreter, as the image's `pip install -r` does, with pip's cache under the kit caches.
 */
const VENV = '.venv';

function pythonCase(version: '3.12' | '3.11'): void {
  const python = findPython(version);
  describeKit({
    runtime: `python${version}`,
    label: `Python ${version}`,
    tools: [],
    requires: () => ('missing' in python ? python.missing : undefined),
    build: async (dir) => {
      if ('missing' in python) return [];
      process.stdout.write(`Python ${version} kit runs on ${python.path} (${python.version})\n`);
      const venv = await step(python.path, ['-m', 'venv', VENV], dir);
      if (venv.status !== 0) return [venv];
      const pip = path.join(dir, VENV, 'bin', 'pip');
      const install = await step(pip, ['install', '--disable-pip-version-check', '-r', 'requirements.txt'], dir, { PIP_CACHE_DIR: path.join(KIT_CACHE, 'pip') });
      return [venv, install];
    },
    start: (dir) => [path.join(dir, VENV, 'bin', 'python'), ['-m', 'app']],
    startEnv: () => ({ PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' }),
  });
}

pythonCase('3.12');
pythonCase('3.11');

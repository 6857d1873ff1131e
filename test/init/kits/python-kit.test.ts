import * as path from 'node:path';
import { describeKit } from './describe-kit';
import { KIT_CACHE, step } from './kit-run';

/**
 * The Python kit (prometheus_client, python-json-logger, the standard library's WSGI server):
 * requirements.txt installed into a virtualenv as the image's `pip install -r` does, with pip's
 * cache under the kit caches.
 */
const VENV = '.venv';

describeKit({
  runtime: 'python3.12',
  label: 'Python',
  tools: [['python3', ['-c', 'import venv, ensurepip']]],
  build: async (dir) => {
    const venv = await step('python3', ['-m', 'venv', VENV], dir);
    if (venv.status !== 0) return [venv];
    const pip = path.join(dir, VENV, 'bin', 'pip');
    const install = await step(pip, ['install', '--disable-pip-version-check', '-r', 'requirements.txt'], dir, { PIP_CACHE_DIR: path.join(KIT_CACHE, 'pip') });
    return [venv, install];
  },
  start: (dir) => [path.join(dir, VENV, 'bin', 'python'), ['-m', 'app']],
  startEnv: () => ({ PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' }),
});


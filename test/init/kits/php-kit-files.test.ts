import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { missingTool } from './kit-run';
import { AppModel } from '../../../src/contract/app-model';
import { contractKit } from '../../../src/init/kits';

/** The PHP kit's files without the daemons: the mgmt sidecar case, and the exposition's escaping run by the PHP CLI. */
const answers = {
  slug: 'shop',
  image: { repository: 'shop', tag: 'a3f91bc' },
  runtime: 'php8.3',
  components: { redis: true },
  businessMetrics: [{ name: 'orders_processed_total', type: 'counter', help: 'Orders "processed"\\ by result', labels: ['status'] }],
} as const;

function files(mgmtSidecar: boolean): Map<string, string> {
  const model = AppModel.resolve({ ...answers, components: { ...answers.components, mgmtSidecar } });
  return new Map(contractKit(model)!.files.map((f) => [f.path, f.text]));
}

describe('the PHP kit\'s files', () => {
  it('leaves the management port to the mgmt sidecar: its nginx listens on the app port only', () => {
    const own = files(false).get('contract/nginx.conf')!;
    const sidecar = files(true).get('contract/nginx.conf')!;
    expect(own).toContain('listen @HOST@:@MGMT_PORT@;');
    expect(sidecar).not.toContain('@MGMT_PORT@');
    expect(sidecar).toContain('listen @HOST@:@PORT@;');
  });

  const php = missingTool('php', ['--version']);
  const promtool = missingTool('promtool');
  const skip = php ?? promtool;
  // Skipped with the reason where the PHP CLI or promtool is absent.
  // eslint-disable-next-line jest/no-disabled-tests
  (skip ? it.skip : it)(`writes label values and HELP with quotes, backslashes and newlines as the text format wants${skip ? ` (skipped: ${skip})` : ''}`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vibe-php-files-'));
    try {
      for (const [file, text] of files(false)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      const run = path.join(dir, 'run');
      fs.mkdirSync(run);
      fs.writeFileSync(path.join(run, 'metrics.json'), JSON.stringify({ orders_processed_total: { [JSON.stringify(['a "quoted"\\ value\nnext'])]: 2 } }));
      const result = spawnSync('php', ['-d', `auto_prepend_file=${path.join(dir, 'contract', 'Contract.php')}`, path.join(dir, 'contract', 'metrics.php')], {
        encoding: 'utf8',
        env: { ...process.env, VIBE_RUN_DIR: run },
      });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      expect(result.stdout).toContain('# HELP orders_processed_total Orders "processed"\\\\ by result\n');
      expect(result.stdout).toContain('orders_processed_total{status="a \\"quoted\\"\\\\ value\\nnext"} 2\n');
      const checked = spawnSync('promtool', ['check', 'metrics'], { input: result.stdout, encoding: 'utf8' });
      expect([0, 3]).toContain(checked.status);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

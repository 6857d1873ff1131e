import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppModel } from '../../src/contract/app-model';
import { contractFiles } from '../../src/init/contract-files';
import { vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

const model = (runtime: string) => AppModel.resolve({ slug: 'shop', image: { repository: 'shop-app', tag: 'a3f91bc' }, runtime, components: { redis: true } });

describe('the contract kit in vibe init', () => {
  it('writes the kit, the sample app and AGENTS.md into an empty folder, each only when absent', () => {
    const paths = contractFiles(model('go1.23'), tempDir()).map((f) => [f.path, f.existing]);
    expect(paths).toEqual([
      ['go.mod', 'keep'],
      ['go.sum', 'keep'],
      ['contract/contract.go', 'keep'],
      ['contract/business/metrics.go', 'keep'],
      ['main.go', 'keep'],
      ['AGENTS.md', 'write-beside'],
    ]);
  });

  it('leaves the sample app out when the folder has an app of its own', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'app'));
    expect(contractFiles(model('python3.12'), dir).map((f) => f.path)).not.toContain('app/__main__.py');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ scripts: { start: 'node index.js' } }));
    expect(contractFiles(model('node22'), dir).map((f) => f.path)).toEqual(['contract/index.js', 'contract/business-metrics.js', 'AGENTS.md']);
  });

  it('vibe init . --force keeps the creator\'s own files, kit files included, and puts AGENTS.md beside theirs', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n// mine\n');
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module mine\n');
    fs.writeFileSync(path.join(dir, 'AGENTS.md'), '# my agents\n');
    const result = vibe(['init', dir, '--slug', 'shop', '--runtime', 'go1.23', '--force', '--yes']);
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'main.go'), 'utf8')).toBe('package main\n// mine\n');
    expect(fs.readFileSync(path.join(dir, 'go.mod'), 'utf8')).toBe('module mine\n');
    expect(fs.readFileSync(path.join(dir, 'AGENTS.md'), 'utf8')).toBe('# my agents\n');
    expect(fs.readFileSync(path.join(dir, 'AGENTS.vibe.md'), 'utf8')).toContain('instructions for coding assistants');
    expect(fs.existsSync(path.join(dir, 'contract', 'contract.go'))).toBe(true);
    expect(result.stdout).toMatch(/go\.mod\s+kept yours/);
    expect(result.stdout).not.toMatch(/main\.go/); // the folder has an app: no sample planned
  });
});

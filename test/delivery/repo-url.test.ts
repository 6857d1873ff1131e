import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appsFileSchema } from '../../src/delivery/apps-file';
import { hasCredentials, withoutCredentials } from '../../src/delivery/repo-url';
import { vibe } from '../helpers/cli';
import { tempDir } from '../helpers/render';

const TOKEN = 't0ken-not-real-0123SECRET';

describe('repository URLs never carry credentials into a file', () => {
  test.each([
    [`https://bob:${TOKEN}@git.internal.example.com/vibe/shop.git`, 'https://git.internal.example.com/vibe/shop.git'],
    [`https://${TOKEN}@git.internal.example.com/vibe/shop`, 'https://git.internal.example.com/vibe/shop'],
    [`ssh://git:${TOKEN}@git.internal.example.com/vibe/shop`, 'ssh://git@git.internal.example.com/vibe/shop'],
  ])('strips the user info of %s', (url, stripped) => {
    expect(hasCredentials(url)).toBe(true);
    expect(withoutCredentials(url)).toBe(stripped);
  });

  test.each(['https://git.internal.example.com/vibe/shop', 'ssh://git@git.internal.example.com/vibe/shop', 'git@git.internal.example.com:vibe/shop.git'])('keeps %s as it is', (url) => {
    expect(hasCredentials(url)).toBe(false);
    expect(withoutCredentials(url)).toBe(url);
  });

  test('fails an apps file whose repoURL holds a token, without repeating it', () => {
    const result = appsFileSchema.safeParse({ apps: [{ slug: 'shop', repoURL: `https://bob:${TOKEN}@git.internal.example.com/vibe/shop` }] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/carries credentials/);
    expect(JSON.stringify(result.error?.issues)).not.toContain(TOKEN);
  });

  test('vibe init leaves the token of a git origin out of every file it writes, and says so', () => {
    const dir = tempDir('vibe-init-origin-');
    expect(spawnSync('git', ['init', '-q', dir]).status).toBe(0);
    expect(spawnSync('git', ['-C', dir, 'remote', 'add', 'origin', `https://bob:${TOKEN}@git.internal.example.com/vibe/shop.git`]).status).toBe(0);
    const result = vibe(['init', dir, '--slug', 'shop', '--yes']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/note: the git origin carries credentials; they were left out/);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    const written = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !(e.parentPath ?? '').includes(`${path.sep}.git`));
    for (const entry of written) expect(fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8')).not.toContain(TOKEN);
    expect(fs.readFileSync(path.join(dir, 'argocd', 'application.yaml'), 'utf8')).toContain('repoURL: https://git.internal.example.com/vibe/shop.git');
  });

  test('fails vibe init --repo-url with credentials, writing nothing', () => {
    const dir = path.join(tempDir('vibe-init-flag-'), 'app');
    const result = vibe(['init', dir, '--slug', 'shop', '--yes', '--repo-url', `https://bob:${TOKEN}@git.internal.example.com/vibe/shop`]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^--repo-url: carries credentials/);
    expect(result.stderr).not.toContain(TOKEN);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

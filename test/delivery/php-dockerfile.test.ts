import { AppModel } from '../../src/contract/app-model';
import { dockerfileFor } from '../../src/delivery/dockerfiles';
import { contractKit } from '../../src/init/kits';
import { parseDockerfile } from '../../src/review/dockerfile';

const MIRROR = 'harbor.internal.example.com/dockerhub-proxy';
const text = dockerfileFor('php8.3', { mirrorPrefix: MIRROR });
const parsed = parseDockerfile({ file: 'Dockerfile', text });
const instructions = parsed.instructions.map((i) => ({ keyword: i.keyword, args: i.args.trim() }));

describe('the PHP Dockerfile: php-fpm behind an nginx in the app\'s container', () => {
  it('runs the php-fpm image and adds Debian\'s nginx, never the development server', () => {
    expect(parsed.froms.map((f) => f.image)).toEqual([`${MIRROR}/php:8.3-fpm-bookworm`]);
    const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /apt-get install -y --no-install-recommends nginx/.test(r) && /rm -rf \/var\/lib\/apt\/lists/.test(r))).toBe(true);
    expect(text).not.toMatch(/php\s+-S|"-S"/);
  });

  it('starts the contract kit\'s start script, which vibe init writes, as uid 1000', () => {
    const cmd = instructions.find((i) => i.keyword === 'CMD')!;
    const [shell, script] = JSON.parse(cmd.args) as string[];
    expect(shell).toBe('bash');
    const kit = contractKit(AppModel.resolve({ slug: 'shop', image: { repository: 'shop', tag: 'a3f91bc' }, runtime: 'php8.3' }))!;
    expect(kit.files.map((f) => f.path)).toContain(script);
    expect(kit.files.find((f) => f.path === script)!.text).toMatch(/^#!\/usr\/bin\/env bash/);
    const users = instructions.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users[users.length - 1]).toBe('1000:1000');
    // nginx is installed before the user drops root; the app is copied after.
    const order = instructions.map((i) => i.keyword);
    expect(order.indexOf('RUN')).toBeLessThan(order.lastIndexOf('USER'));
    expect(instructions.some((i) => i.keyword === 'COPY' && i.args === '. .')).toBe(true);
  });
});

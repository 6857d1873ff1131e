import { UIDS } from '../../src/constructs/hardening';
import { SECRET_LOOKING_NAME } from '../../src/contract/answers';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { RUNTIME_IMAGES, RUNTIMES, throughItsMirror } from '../../src/contract/images';
import { allDockerfiles, dockerfileFor, pinnedRowImage } from '../../src/delivery/dockerfiles';
import { checkById } from '../../src/review/catalogue';
import { parseDockerfile } from '../../src/review/dockerfile';
import { review } from '../../src/review/engine';

const MIRROR = 'harbor.internal.example.com/dockerhub-proxy';
const MIRRORS = { dockerHub: MIRROR, gcr: 'harbor.internal.example.com/gcr-proxy', ghcr: 'harbor.internal.example.com/ghcr-proxy', quay: 'harbor.internal.example.com/quay-proxy' };
const DOCKERFILES = allDockerfiles({ mirrorPrefix: MIRROR });
const cases = RUNTIMES.map((runtime) => ({ runtime, text: DOCKERFILES.get(runtime)!, parsed: parseDockerfile({ file: `Dockerfile.${runtime}`, text: DOCKERFILES.get(runtime)! }) }));

/** The images a Dockerfile pulls (not `FROM <earlier stage>`). */
const pulled = (parsed: ReturnType<typeof parseDockerfile>) => parsed.froms.filter((from) => !from.isStage);

describe('Dockerfiles for the nine runtime rows', () => {
  it('has one per runtime row', () => {
    expect([...DOCKERFILES.keys()]).toEqual([...RUNTIMES]);
  });

  it.each(cases)('$runtime: parses, and every FROM builds for linux/amd64', ({ parsed }) => {
    expect(parsed.froms.length).toBeGreaterThan(0);
    for (const from of parsed.froms) expect(from.platform).toBe('linux/amd64');
  });

  it.each(cases)('$runtime: pulls only the row images, each through its own registry\'s mirror, with a tag, never Docker Hub or Alpine', ({ runtime, parsed }) => {
    const row = RUNTIME_IMAGES[runtime];
    const images = pulled(parsed).map((from) => from.image);
    const expected = [...(row.multiStage && row.build ? [row.build] : []), row.run].map((image) => throughItsMirror(MIRRORS, pinnedRowImage(image)));
    expect(images).toEqual(expected);
    for (const image of images) {
      expect(Object.values(MIRRORS).some((mirror) => image.startsWith(`${mirror}/`))).toBe(true);
      // The Docker Hub mirror cannot serve another registry's images.
      expect(image).not.toMatch(/dockerhub-proxy\/[^/:]+\.[^/:]+\//);
      expect(image).not.toMatch(/alpine/i);
      expect(image).not.toMatch(/^(docker\.io|index\.docker\.io)\//);
      const tag = image.slice(image.lastIndexOf('/') + 1).split(':')[1];
      expect(tag).toBeDefined();
      expect(tag).not.toBe('latest');
    }
  });

  it.each(cases)('$runtime: builds in a separate stage exactly when the row says so', ({ runtime, parsed }) => {
    const stages = pulled(parsed).length;
    expect(stages).toBe(RUNTIME_IMAGES[runtime].multiStage ? 2 : 1);
    if (stages === 2) expect(parsed.froms[0].stage).toBe('build');
  });

  it.each(cases)('$runtime: runs as uid and gid 1000, the pod\'s runAsUser', ({ parsed }) => {
    const users = parsed.instructions.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const last = users[users.length - 1].args.trim();
    expect(last).toBe(`${UIDS.app}:${UIDS.app}`);
    expect(last).not.toMatch(/^(0|root)(:|$)/);
  });

  it.each(cases)('$runtime: exposes 8081 and 8082 and sets no credential in ENV or ARG', ({ parsed }) => {
    const expose = parsed.instructions.filter((i) => i.keyword === 'EXPOSE').map((i) => i.args.trim());
    expect(expose).toEqual(['8081 8082']);
    for (const setting of parsed.settings) {
      expect(setting.name).not.toMatch(SECRET_LOOKING_NAME);
      expect(setting.value ?? '').not.toMatch(/:\/\/[^/\s:@]+:[^/\s@]+@/);
    }
  });

  it.each(cases)('$runtime: has a start command and no "# syntax" line (it would pull from Docker Hub)', ({ text, parsed }) => {
    expect(parsed.instructions.some((i) => i.keyword === 'CMD')).toBe(true);
    expect(text).not.toMatch(/^#\s*syntax\s*=/im);
  });

  it('reads the images from the cluster\'s own mirrors: Docker Hub images through mirrorPrefix, distroless through the gcr.io mirror', () => {
    const text = dockerfileFor('go1.23', { mirrorPrefix: 'registry.acme.test/hub', mirrors: { gcr: 'gcr-mirror.acme.test/distro' } });
    expect(text).toContain('FROM --platform=linux/amd64 registry.acme.test/hub/golang:1.23-bookworm AS build');
    expect(text).toContain('FROM --platform=linux/amd64 gcr-mirror.acme.test/distro/distroless/static-debian12:nonroot');
    // Without a gcr.io mirror configured: the project beside the Docker Hub mirror in the same registry.
    expect(dockerfileFor('rust1.78', { mirrorPrefix: 'registry.acme.test/hub' })).toContain('FROM --platform=linux/amd64 registry.acme.test/gcr-proxy/distroless/static-debian12:nonroot');
  });

  it('the cluster config has a mirror per upstream registry, derived from the registry unless set', () => {
    expect(clusterConfigSchema.parse({ registry: 'registry.acme.test' }).mirrors).toEqual({
      dockerHub: 'registry.acme.test/dockerhub-proxy',
      gcr: 'registry.acme.test/gcr-proxy',
      ghcr: 'registry.acme.test/ghcr-proxy',
      quay: 'registry.acme.test/quay-proxy',
    });
    expect(clusterConfigSchema.parse({ mirrorPrefix: 'hub.acme.test/p', mirrors: { quay: 'quay.acme.test/p' } }).mirrors).toMatchObject({ dockerHub: 'hub.acme.test/p', quay: 'quay.acme.test/p' });
    expect(clusterConfigSchema.safeParse({ mirrors: { gcr: 'https://x' } }).success).toBe(false);
    expect(clusterConfigSchema.safeParse({ mirrors: { dockerhub: 'x.test/p' } }).success).toBe(false);
    // A resolved config reads back in unchanged; a Docker Hub mirror given twice must agree.
    const resolved = clusterConfigSchema.parse({ registry: 'registry.acme.test' });
    expect(clusterConfigSchema.parse(resolved)).toEqual(resolved);
    expect(clusterConfigSchema.safeParse({ mirrorPrefix: 'a.test/p', mirrors: { dockerHub: 'b.test/p' } }).success).toBe(false);
  });

  it('Node: the run stage installs production dependencies only, and takes no node_modules from the build stage', () => {
    const lines = dockerfileFor('node22', { mirrorPrefix: MIRROR }).split('\n');
    const froms = lines.flatMap((l, i) => (l.startsWith('FROM ') ? [i] : []));
    expect(froms).toHaveLength(2);
    const runStage = lines.slice(froms[1]);
    expect(runStage).toContain('RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force');
    expect(runStage.filter((l) => /^RUN .*npm (ci|install)/.test(l)).every((l) => l.includes('--omit=dev'))).toBe(true);
    expect(lines).toContain('RUN npm run build --if-present && rm -rf node_modules');
    expect(runStage.indexOf('COPY --from=build /app ./')).toBeGreaterThan(runStage.findIndex((l) => l.includes('--omit=dev')));
  });

  it.each(['jvm21', 'jvm17'] as const)('%s: builds the jar in a build stage with the JDK and ships only the jar on the JRE', (runtime) => {
    const parsed = parseDockerfile({ file: 'Dockerfile', text: dockerfileFor(runtime, { mirrorPrefix: MIRROR }) });
    const lines = parsed.instructions.map((i) => `${i.keyword} ${i.args}`);
    expect(pulled(parsed).map((f) => f.image)).toEqual([`${MIRROR}/${RUNTIME_IMAGES[runtime].build}`, `${MIRROR}/${RUNTIME_IMAGES[runtime].run}`]);
    expect(parsed.froms[0].stage).toBe('build');
    expect(lines.find((l) => l.startsWith('RUN if [ -x ./mvnw ]'))).toMatch(/gradlew.*cp "\$jar" \/out\/app\.jar/s);
    expect(dockerfileFor(runtime, { mirrorPrefix: MIRROR }).split('\n')).toContain('COPY --from=build /out/app.jar ./app.jar');
    expect(lines.some((l) => /^COPY app\.jar/.test(l))).toBe(false);
  });

  it('copies the vendored vibe-env tarball into the Node build stage before npm ci, only when there is one', () => {
    const vendored = parseDockerfile({ file: 'Dockerfile', text: dockerfileFor('node22', { mirrorPrefix: MIRROR, vendorDir: 'vendor' }) });
    const buildStage = vendored.instructions.map((i) => `${i.keyword} ${i.args}`);
    expect(buildStage.indexOf('COPY vendor/ ./vendor/')).toBeGreaterThan(buildStage.indexOf('COPY package.json package-lock.json ./'));
    expect(buildStage.indexOf('COPY vendor/ ./vendor/')).toBeLessThan(buildStage.indexOf('RUN npm ci --no-audit --no-fund'));
    expect(dockerfileFor('node22', { mirrorPrefix: MIRROR })).not.toContain('vendor');
  });

  it('fails on a row image without a tag that is not distroless', () => {
    expect(() => pinnedRowImage('debian')).toThrow(/has no tag/);
  });

  // The review gate's own Dockerfile checks, when the catalogue has them.
  const gateChecks = ['A1', 'A2', 'A5', 'A6', 'E3'].map((id) => checkById(id)).filter((check) => check !== undefined);

  it('runs at least the gate\'s platform and Docker Hub checks (A2, A5)', () => {
    expect(gateChecks.map((c) => c.id)).toEqual(expect.arrayContaining(['A2', 'A5']));
  });

  it.each(cases)('$runtime: passes the review gate\'s Dockerfile checks', ({ runtime, text }) => {
    const report = review({ manifests: [], cluster: clusterConfigSchema.parse({}), dockerfiles: [{ file: `Dockerfile.${runtime}`, text }] }, gateChecks);
    expect(report.findings).toEqual([]);
    // Each check judged something (a check with no verdict would pass vacuously).
    for (const check of gateChecks.filter((c) => c.input === 'dockerfiles')) {
      const summary = report.summary.find((s) => s.id === check.id)!;
      expect(summary.passed).toBeGreaterThan(0);
    }
  });
});

import { UIDS } from '../../src/constructs/hardening';
import { SECRET_LOOKING_NAME } from '../../src/contract/answers';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { RUNTIME_IMAGES, RUNTIMES } from '../../src/contract/images';
import { allDockerfiles, dockerfileFor, pinnedRowImage } from '../../src/delivery/dockerfiles';
import { checkById } from '../../src/review/catalogue';
import { parseDockerfile } from '../../src/review/dockerfile';
import { review } from '../../src/review/engine';

const MIRROR = 'harbor.internal.example.com/dockerhub-proxy';
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

  it.each(cases)('$runtime: pulls only the row images from the mirror, with a tag, never Docker Hub or Alpine', ({ runtime, parsed }) => {
    const row = RUNTIME_IMAGES[runtime];
    const images = pulled(parsed).map((from) => from.image);
    const expected = [...(row.multiStage && row.build ? [row.build] : []), row.run].map((image) => `${MIRROR}/${pinnedRowImage(image)}`);
    expect(images).toEqual(expected);
    for (const image of images) {
      expect(image.startsWith(`${MIRROR}/`)).toBe(true);
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

  it('reads the images from the cluster\'s own mirror', () => {
    const text = dockerfileFor('go1.23', { mirrorPrefix: 'registry.acme.test/hub' });
    expect(text).toContain('FROM --platform=linux/amd64 registry.acme.test/hub/golang:1.23-bookworm AS build');
    expect(text).toContain('FROM --platform=linux/amd64 registry.acme.test/hub/gcr.io/distroless/static-debian12:nonroot');
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

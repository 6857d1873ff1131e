import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusFixtures, corpusMissing, readPod, type CorpusFixture } from './corpus';
import { clusterConfigSchema } from '../../src/contract/cluster-config';
import { parseManifests } from '../../src/manifests/parse-manifests';
import { GATE_CHECKS_OF_CONTROL } from '../../src/review/checks/pod-security';
import { review } from '../../src/review/engine';
import type { Finding } from '../../src/review/finding';
import { controlById, controlsAt, parsePolicyVersion, podSecurityFindings, type PodSecurityLevel } from '../../src/review/pod-security';

/**
 * Conformance with Pod Security Admission's own fixtures: for every level and version present,
 * a fail pod gets a violation of the control it breaks and a pass pod none, from the module
 * (at the fixture's level) and from the review gate (at restricted, the level S6 enforces).
 */

const missing = corpusMissing('test/pod-security/conformance');
const describeCorpus = missing ? describe.skip : describe;
const fixtures = missing ? [] : corpusFixtures();

/** The ids of the gate's checks that report Pod Security controls. */
const POD_SECURITY_CHECK_IDS = new Set(Object.values(GATE_CHECKS_OF_CONTROL).flat());

/**
 * The controls that may report a fixture's broken control at a level and version: itself, or
 * the restricted control in force that replaces it there (restricted reports a hostPath volume
 * as a restricted volume type).
 */
function reportingControls(control: string, level: PodSecurityLevel, version: string): string[] {
  const active = controlsAt(level, parsePolicyVersion(version)!).map((c) => c.control);
  return active.filter((c) => c.id === control || (c.overrides ?? []).includes(control)).map((c) => c.id);
}

function gateFindings(file: string, version: string): Finding[] {
  const manifests = parseManifests(fs.readFileSync(file, 'utf8'), file);
  const cluster = clusterConfigSchema.parse({ podSecurityVersion: version });
  return review({ manifests, cluster }).findings.filter((f) => POD_SECURITY_CHECK_IDS.has(f.id));
}

const label = (f: CorpusFixture): string => `${f.level} v${f.version} ${f.expected}/${path.basename(f.file)}`;

describeCorpus('Pod Security Admission fixtures', () => {
  it('covers both levels at v1.28 and v1.37', () => {
    const folders = new Set(fixtures.map((f) => `${f.level} ${f.version} ${f.expected}`));
    for (const level of ['baseline', 'restricted']) for (const version of ['1.28', '1.37']) expect(folders).toContain(`${level} ${version} fail`);
  });

  describe('the module, at the fixture\'s level and version', () => {
    it.each(fixtures.map((f) => [label(f), f] as const))('%s', (_name, fixture) => {
      const violations = podSecurityFindings(readPod(fixture.file), { level: fixture.level, version: fixture.version });
      if (fixture.expected === 'pass') {
        expect(violations.map((v) => v.message)).toEqual([]);
        return;
      }
      const expected = reportingControls(fixture.control!, fixture.level, fixture.version);
      expect(expected.length).toBeGreaterThan(0);
      expect(violations.map((v) => v.control)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^(${expected.join('|')})$`))]));
      const named = violations.find((v) => expected.includes(v.control))!;
      expect(named.message).toMatch(new RegExp(`^${fixture.level}: \\S`));
      expect(named.paths.length).toBeGreaterThan(0);
    });
  });

  describe('the review gate, at restricted with podSecurityVersion set to the fixture\'s version', () => {
    const baseFindings = new Map<string, Set<string>>();
    /** The base pod's findings, its name written as the fixture's, so a baseline fixture counts only for what it adds. */
    function baseMessages(fixture: CorpusFixture): Set<string> {
      const base = path.join(path.dirname(path.dirname(fixture.file)), 'pass', 'base.yaml');
      const name = path.basename(fixture.file, '.yaml');
      const key = `${base}|${name}`;
      let messages = baseFindings.get(key);
      if (!messages) baseFindings.set(key, (messages = new Set(gateFindings(base, fixture.version).map((f) => `${f.id} ${f.message.split('Pod/base').join(`Pod/${name}`)}`))));
      return messages;
    }

    const gated = fixtures.filter((f) => f.level === 'restricted' || f.expected === 'fail');
    it.each(gated.map((f) => [label(f), f] as const))('%s', (_name, fixture) => {
      const findings = gateFindings(fixture.file, fixture.version);
      if (fixture.expected === 'pass') {
        expect(findings.map((f) => `${f.id} ${f.message}`)).toEqual([]);
        return;
      }
      const ids = reportingControls(fixture.control!, 'restricted', fixture.version).flatMap((c) => GATE_CHECKS_OF_CONTROL[c] ?? []);
      expect(ids.length).toBeGreaterThan(0);
      const base = fixture.level === 'baseline' ? baseMessages(fixture) : new Set<string>();
      const added = findings.filter((f) => !base.has(`${f.id} ${f.message}`));
      expect(added.map((f) => f.id)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^(${ids.join('|')})$`))]));
    });
  });

  it('names every control of the module in the gate', () => {
    for (const id of Object.keys(GATE_CHECKS_OF_CONTROL)) expect(controlById(id)).toBeDefined();
  });
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { RUNTIMES, type Runtime } from '../../src/contract/images';
import { dockerfileFor } from '../../src/delivery/dockerfiles';
import { IMAGE_TAG_FILE, imageTagFileText } from '../../src/delivery/image-tag';
import { ACTION_PINS, ACTIONS, cdWorkflow, CI_WORKFLOW_NAME, ciWorkflow, dockerHubCheckScript, type WorkflowOptions } from '../../src/delivery/workflows';
import { tempDir } from '../helpers/render';

const ROOT = path.resolve(__dirname, '..', '..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'github-workflow.json'), 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

const options = (runtime: Runtime = 'node22'): WorkflowOptions => ({
  appName: 'Shop',
  runtime,
  registry: 'harbor.internal.example.com',
  mirrorPrefix: 'harbor.internal.example.com/dockerhub-proxy',
  repository: 'shop-app',
});

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const stepsOf = (workflow: any): Step[] => Object.values(workflow.jobs as Record<string, { steps: Step[] }>)[0].steps;
const stepNamed = (steps: Step[], pattern: RegExp): Step => {
  const step = steps.find((s) => pattern.test(s.name ?? ''));
  if (!step) throw new Error(`no step named ${pattern}`);
  return step;
};

/** Runs a step's script with bash, as the runner does (`bash -e`), in a folder with the given env. */
function runStep(script: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync('bash', ['-e', '-c', script], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the CI and CD workflows', () => {
  it('the vendored schema rejects a workflow without jobs (the validation bites)', () => {
    expect(validate({ name: 'x', on: { push: { branches: ['main'] } } })).toBe(false);
    expect(validate({ on: 'push', jobs: { a: { 'runs-on': 'ubuntu-latest', 'steps': [{ run: 'true', uses: 42 }] } } })).toBe(false);
  });

  it.each([...RUNTIMES])('ci.yml for %s validates against the GitHub workflow schema', (runtime) => {
    const workflow = parse(ciWorkflow(options(runtime)));
    expect(validate(workflow)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('cd.yml validates against the GitHub workflow schema', () => {
    const workflow = parse(cdWorkflow(options()));
    expect(validate(workflow)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('pins every uses: of every generated workflow to a 40-hex commit SHA with its release tag in a comment, and uses no YAML anchors', () => {
    const workflows = [...RUNTIMES.map((runtime) => ciWorkflow(options(runtime))), cdWorkflow(options())];
    const seen = new Set<string>();
    for (const text of workflows) {
      const lines = text.split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line).toMatch(/^\s*(- )?uses: [\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$/);
        seen.add(line.trim().replace(/^- /, ''));
      }
      // The parsed value is the bare ref: the comment is YAML, not part of it.
      for (const step of Object.values(parse(text).jobs as Record<string, { steps: Step[] }>).flatMap((job) => job.steps)) {
        if (step.uses) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
      }
      expect(text).not.toMatch(/[&*]a\d+\b/);
    }
    // Every pin is used somewhere, and each comment is the pin's own version.
    expect(seen.size).toBe(Object.keys(ACTION_PINS).length);
    for (const pin of Object.values(ACTION_PINS)) expect(seen).toContain(`uses: ${pin.action}@${pin.sha} # ${pin.version}`);
  });

  it('uses current majors: checkout v6, setup-node v6, upload-sarif v4 (v3 is deprecated); no setup-java (the JVM Dockerfile builds the jar)', () => {
    const major = (pin: { version: string }) => Number(/^v(\d+)/.exec(pin.version)![1]);
    expect(major(ACTION_PINS.checkout)).toBeGreaterThanOrEqual(6);
    expect(major(ACTION_PINS.setupNode)).toBeGreaterThanOrEqual(6);
    expect(Object.keys(ACTION_PINS)).not.toContain('setupJava');
    expect(major(ACTION_PINS.uploadSarif)).toBeGreaterThanOrEqual(4);
    expect(ACTION_PINS.uploadSarif.action).toBe('github/codeql-action/upload-sarif');
  });

  it('grants nothing at the workflow level and least privilege per job', () => {
    const ci = parse(ciWorkflow(options()));
    const cd = parse(cdWorkflow(options()));
    expect(ci.permissions).toEqual({});
    expect(cd.permissions).toEqual({});
    expect(ci.jobs['build-scan-review-push'].permissions).toEqual({ 'contents': 'read', 'security-events': 'write', 'actions': 'read' });
    expect(cd.jobs.deploy.permissions).toEqual({ contents: 'write' });
    // CI never pushes to git: its checkout keeps no token.
    expect(stepsOf(ci).find((s) => s.uses === ACTIONS.checkout)?.with).toMatchObject({ 'persist-credentials': false });
  });

  it('CI runs the contract\'s steps in order: Docker Hub check, amd64 build without push, secret scan, CRITICAL image scan, synth + review, then push', () => {
    const workflow = parse(ciWorkflow(options()));
    expect(workflow.name).toBe(CI_WORKFLOW_NAME);
    expect(workflow.on).toEqual({ push: { branches: ['main'] } });
    const steps = stepsOf(workflow);
    const order = [/Docker Hub/, /^Build the image/, /leaked secrets/, /Scan the image/, /^Synthesize/, /^Review the manifests/, /code scanning/, /^Stop on CRITICAL/, /^Push the image/];
    const positions = order.map((pattern) => steps.indexOf(stepNamed(steps, pattern)));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    expect(stepNamed(steps, /^Build the image/).with).toMatchObject({ platforms: 'linux/amd64', push: false, load: true });
    expect(stepNamed(steps, /leaked secrets/)).toMatchObject({ uses: ACTIONS.trufflehog, with: { extra_args: '--results=verified' } });
    expect(stepNamed(steps, /Scan the image/)).toMatchObject({ uses: ACTIONS.trivy, with: { 'severity': 'CRITICAL', 'exit-code': '1' } });
    expect(stepNamed(steps, /^Synthesize/).run).toMatch(/npm ci[^\n]*\n[\s\S]*npm run synth/);
    expect(stepNamed(steps, /^Review the manifests/).run).toContain('npx vibe review k8s/ --dockerfile Dockerfile --src . --format sarif > review.sarif');
    expect(stepNamed(steps, /code scanning/)).toMatchObject({ uses: ACTIONS.uploadSarif, with: { sarif_file: 'review.sarif' } });
    expect(stepNamed(steps, /^Push the image/).run).toBe('docker push "${IMAGE}:${TAG}"');
    expect(workflow.env.IMAGE).toBe('harbor.internal.example.com/shop-app');
  });

  it('CI builds no jar itself: the JVM Dockerfile builds it in its build stage, so docker build works locally too', () => {
    expect(stepsOf(parse(ciWorkflow(options('jvm17')))).some((s) => /jar|java/i.test(s.name ?? ''))).toBe(false);
  });

  it('CD runs after a green CI on main, writes the tag, synthesizes, gates, and commits k8s/ and the tag with [skip ci]', () => {
    const workflow = parse(cdWorkflow(options()));
    expect(workflow.on).toEqual({ workflow_run: { workflows: [CI_WORKFLOW_NAME], types: ['completed'], branches: ['main'] } });
    expect(workflow.jobs.deploy.if).toContain("github.event.workflow_run.conclusion == 'success'");
    const steps = stepsOf(workflow);
    const commit = stepNamed(steps, /^Commit/).run!;
    expect(commit).toContain(`git add --all k8s ${IMAGE_TAG_FILE}`);
    expect(commit).toMatch(/git commit -m "[^"]*\[skip ci\]"/);
    expect(stepNamed(steps, /^Review them/).run).toBe('npx vibe review k8s/ --dockerfile Dockerfile --src .');
    // Never sed on TypeScript, never a cluster command: ArgoCD applies what is committed.
    for (const step of steps) expect(step.run ?? '').not.toMatch(/\bsed\b|kubectl|\bhelm\b|main\.ts/);
  });

  it('both workflows write image-tag.json byte for byte as vibe init does', () => {
    const ci = stepNamed(stepsOf(parse(ciWorkflow(options()))), /^Synthesize/).run!.split('\n').find((l) => l.includes(IMAGE_TAG_FILE))!;
    const cd = stepNamed(stepsOf(parse(cdWorkflow(options()))), /^Write the new tag/).run!;
    const forCi = tempDir();
    expect(runStep(ci, forCi, { TAG: 'a3f91bc' }).status).toBe(0);
    expect(fs.readFileSync(path.join(forCi, IMAGE_TAG_FILE), 'utf8')).toBe(imageTagFileText('a3f91bc'));
    const forCd = tempDir();
    expect(runStep(cd, forCd, { BUILT_SHA: 'a3f91bc0123456789abcdef0123456789abcdef0' }).status).toBe(0);
    expect(fs.readFileSync(path.join(forCd, IMAGE_TAG_FILE), 'utf8')).toBe(imageTagFileText('a3f91bc'));
  });

  it('the review step keeps vibe review\'s exit code although its output is redirected, and the gate step fails on it', () => {
    const steps = stepsOf(parse(ciWorkflow(options())));
    const cwd = tempDir();
    const bin = path.join(cwd, 'bin');
    fs.mkdirSync(bin);
    // A stand-in for npx: `vibe review` that finds CRITICAL problems (exit 1).
    fs.writeFileSync(path.join(bin, 'npx'), '#!/bin/sh\necho "{\\"runs\\": []}"\nexit 1\n', { mode: 0o755 });
    const output = path.join(cwd, 'github-output');
    const review = runStep(stepNamed(steps, /^Review the manifests/).run!, cwd, { PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: output });
    expect(review.status).toBe(0);
    expect(fs.readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    expect(fs.readFileSync(path.join(cwd, 'review.sarif'), 'utf8')).toContain('runs');
    const gate = stepNamed(steps, /^Stop on CRITICAL/);
    expect(gate.if).toBe("steps.review.outputs.exit-code != '0'");
    expect(runStep(gate.run!.replace('${{ steps.review.outputs.exit-code }}', '1'), cwd).status).toBe(1);
  });

  describe('the Docker Hub check', () => {
    const env = { REGISTRY: 'harbor.internal.example.com', MIRRORS: 'harbor.internal.example.com/dockerhub-proxy harbor.internal.example.com/gcr-proxy' };
    const hasGit = spawnSync('git', ['--version']).status === 0;

    function repo(files: Record<string, string>): string {
      const dir = tempDir();
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      spawnSync('git', ['init', '-q'], { cwd: dir });
      spawnSync('git', ['add', '-A'], { cwd: dir });
      return dir;
    }

    it('passes the generated Dockerfiles and manifests that use the registry and mirror', () => {
      expect(hasGit).toBe(true);
      for (const runtime of RUNTIMES) {
        const dir = repo({
          'Dockerfile': dockerfileFor(runtime, { mirrorPrefix: 'harbor.internal.example.com/dockerhub-proxy' }),
          'k8s/08-app.yaml': 'spec:\n  containers:\n    - name: app\n      image: harbor.internal.example.com/shop-app:a3f91bc\n    - image: "harbor.internal.example.com/dockerhub-proxy/redis:7.4"\n',
        });
        const result = runStep(dockerHubCheckScript(), dir, env);
        expect(result.stdout + result.stderr).toBe('');
        expect(result.status).toBe(0);
      }
    });

    it('fails on a FROM that pulls from Docker Hub, and says which line', () => {
      const dir = repo({ Dockerfile: 'FROM --platform=linux/amd64 node:22-slim AS build\nFROM build\n' });
      const result = runStep(dockerHubCheckScript(), dir, env);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('Dockerfile:1: FROM node:22-slim is not from the cluster registry');
      expect(result.stdout).toContain('::error::');
    });

    it('fails on an image: line in a YAML file that names Docker Hub', () => {
      const dir = repo({ 'deploy/extra.yaml': 'containers:\n  - image: docker.io/library/redis:7\n' });
      const result = runStep(dockerHubCheckScript(), dir, env);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('deploy/extra.yaml:2:');
    });

    it('does not let a look-alike host through (the dots are literal)', () => {
      const dir = repo({ Dockerfile: 'FROM harborXinternal.example.com/node:22\n' });
      expect(runStep(dockerHubCheckScript(), dir, env).status).toBe(1);
    });
  });
});

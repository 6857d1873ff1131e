import fc from 'fast-check';
import { AppModel, SIZE_TABLE, VibeInputError } from '../src';
import { invalidAnswers, validAnswers } from './arbitraries';
import { validateAgainstSchema } from './helpers/k8s-schema';
import { objectsOf, podTemplates, render } from './helpers/render';

const RUNS = Number(process.env.VIBE_PROPERTY_RUNS ?? 60);

const HELPER_CONTAINERS = new Set(['mgmt-sidecar', 'nginx']);

describe('properties over random valid answers', () => {
  it('synthesizes, validates against the Kubernetes schema and is deterministic', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const first = render(answers);
        const second = render(answers);
        expect(first.map((f) => f.text)).toEqual(second.map((f) => f.text));
        for (const object of objectsOf(first)) validateAgainstSchema(object);
      }),
      { numRuns: RUNS },
    );
  });

  it('hardens every pod and container, init containers and sidecars included, and sizes them from the table', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const size = answers.size ?? 'md';
        for (const pod of podTemplates(render(answers))) {
          expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
          expect(pod.spec.securityContext.runAsUser).toBeGreaterThan(0);
          expect(pod.spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
          expect(pod.spec.automountServiceAccountToken).toBe(false);
          for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
            const sc = container.securityContext;
            expect(sc.allowPrivilegeEscalation).toBe(false);
            expect(sc.capabilities).toEqual({ drop: ['ALL'] });
            expect(sc.runAsNonRoot).toBe(true);
            expect(sc.runAsUser).toBeGreaterThan(0);
            expect(sc.readOnlyRootFilesystem).toBe(true);
            const expected = SIZE_TABLE[HELPER_CONTAINERS.has(container.name) ? 'xs' : size];
            expect(container.resources).toEqual({
              requests: { cpu: expected.cpuRequest, memory: expected.memoryRequest },
              limits: { cpu: expected.cpuLimit, memory: expected.memoryLimit },
            });
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never routes the management port from outside', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        for (const object of objectsOf(render(answers))) {
          if (object.kind === 'Service') {
            expect(object.spec.type).toBe('ClusterIP');
            for (const port of object.spec.ports) expect([port.port, port.targetPort]).not.toContain(8082);
          }
          if (object.kind === 'Ingress') {
            for (const rule of object.spec.rules) for (const p of rule.http.paths) expect(p.backend.service.port.number).not.toBe(8082);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('properties over random invalid answers', () => {
  it('fails with a plain one-line message per problem that names the field', () => {
    fc.assert(
      fc.property(invalidAnswers, ({ answers, field }) => {
        let caught: unknown;
        try {
          AppModel.resolve(answers);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(VibeInputError);
        const error = caught as VibeInputError;
        expect(error.problems.map((p) => p.field)).toContain(field);
        expect(error.message).not.toMatch(/\n\s+at /);
        expect(error.message.split('\n')).toHaveLength(error.problems.length);
      }),
      { numRuns: RUNS },
    );
  });
});

import fc from 'fast-check';
import { AppModel, VibeInputError, type Size, type VibeAppProps } from '../src';
import { invalidAnswers, validAnswers } from './arbitraries';
import { validateAgainstSchema } from './helpers/k8s-schema';
import { objectsOf, podTemplates, render } from './helpers/render';
import { SECRET_LOOKING_NAME } from '../src/contract/patterns';
import { atLeast, SIZE_TABLE } from '../src/contract/sizes';

const RUNS = Number(process.env.VIBE_PROPERTY_RUNS ?? 60);

/** Containers sized xs whatever the app size; stateful components get at least md. */
const HELPER_CONTAINERS = new Set(['mgmt-sidecar', 'nginx', 'exporter']);
const STATEFUL_CONTAINERS = new Set(['postgres', 'mongo', 'redis', 'rabbitmq']);

function expectedSize(containerName: string, appSize: Size, answers: VibeAppProps): Size {
  if (HELPER_CONTAINERS.has(containerName) || containerName.startsWith('wait-for-')) return 'xs';
  if (STATEFUL_CONTAINERS.has(containerName)) {
    const options = (answers.components as any)?.[containerName];
    return atLeast(typeof options === 'object' && options.size ? options.size : 'md', 'md');
  }
  return appSize;
}

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
            const expected = SIZE_TABLE[expectedSize(container.name, size, answers)];
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

  it('sources every credential from a secretKeyRef into the SealedSecret of the set, never a plain value', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const files = render(answers);
        const sealed = objectsOf(files).filter((o) => o.kind === 'SealedSecret');
        expect(objectsOf(files).some((o) => o.kind === 'Secret')).toBe(false);
        for (const pod of podTemplates(files)) {
          for (const container of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
            for (const env of container.env ?? []) {
              const ref = env.valueFrom?.secretKeyRef;
              if (ref) {
                const target = sealed.find((s) => s.metadata.name === ref.name);
                expect(target).toBeDefined();
                expect(Object.keys(target.spec.encryptedData)).toContain(ref.key);
              } else if (env.name !== 'DATA_SOURCE_USER' && env.name !== 'MONGODB_USER') {
                expect(env.name).not.toMatch(SECRET_LOOKING_NAME);
              }
            }
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

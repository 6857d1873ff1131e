import * as fs from 'node:fs';
import { generateK8sImports, K8S_IMPORTS_FILE } from '../../scripts/generate-k8s-imports';

/** The first line where two texts differ, both versions shown; undefined when they are equal. */
function firstDifference(committed: string, generated: string): string | undefined {
  if (committed === generated) return undefined;
  const a = committed.split('\n');
  const b = generated.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}:\n  committed: ${a[at] ?? '(end of file)'}\n  generated: ${b[at] ?? '(end of file)'}`;
}

describe('src/imports/k8s.ts', () => {
  test('is what scripts/generate-k8s-imports.ts writes for the installed cdk8s-plus-28 (run `npx projen import:k8s`)', () => {
    expect(firstDifference(fs.readFileSync(K8S_IMPORTS_FILE, 'utf8'), generateK8sImports())).toBeUndefined();
  });

  test('the generator names a kind that does not exist instead of leaving it out', () => {
    expect(() => generateK8sImports(['KubeDeployment', 'KubeNoSuchKind'])).toThrow(/no declaration named KubeNoSuchKind/);
  });
});

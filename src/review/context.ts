import { ListsByKey } from './lists-by-key';
import { textOf } from './text';
import { workloadOf, type ContainerRef, type Workload } from './workloads';
import { componentOfImage, imageName, roleOfLabel, type ComponentRecord, type WorkloadRole } from '../components/catalogue';
import type { ClusterConfig } from '../contract/cluster-config';
import type { ManifestObject } from '../manifests/manifest-object';
import { clusterActors } from '../network/actors';
import { labelsOf, type Labels } from '../network/label-selector';
import { NetworkModel } from '../network/network-model';

/** A Dockerfile given to the review, as text with its path. */
export interface DockerfileInput {
  readonly file: string;
  readonly text: string;
}

/** One line of a log sample (a file, or a pod's recent logs). */
export interface LogLine {
  /** File path, or `namespace/pod` for live logs. */
  readonly source: string;
  readonly line: number;
  readonly text: string;
}

/** What a /metrics endpoint answered (or a file holding its body). */
export interface MetricsSample {
  readonly source: string;
  readonly contentType?: string;
  readonly status?: number;
  readonly body: string;
}

/** Everything a review reads. Only `manifests` and `cluster` are required. */
export interface ReviewInputs {
  readonly manifests: readonly ManifestObject[];
  readonly cluster: ClusterConfig;
  readonly dockerfiles?: readonly DockerfileInput[];
  /** Root of the app's source tree (check G4). */
  readonly sourceDir?: string;
  readonly logs?: readonly LogLine[];
  readonly metrics?: readonly MetricsSample[];
  /** The sealed-secrets controller's key size in bytes, when its certificate was given (E7). */
  readonly sealingKeyBytes?: number;
  /** Display name for the report; else from the Namespace's annotation or the namespace. */
  readonly appName?: string;
}

export type { WorkloadRole };
export { imageName };

/** What a workload is, as the component catalogue recognizes it. */
export interface Recognition {
  readonly role: WorkloadRole;
  /** The catalogue record of the component its images reveal, when they reveal one of its role. */
  readonly component?: ComponentRecord;
}

/**
 * The manifest set and the other inputs, indexed once so every check reads the same facts:
 * objects by kind (and by namespace and name), workloads with their containers (and by
 * namespace), the role of each workload, the network. The indexes beyond kinds are built on
 * first use, so a check looks an object up in constant time instead of scanning the set, which
 * would make the review quadratic in the number of objects.
 */
export class ReviewContext {
  private readonly byKind = new Map<string, ManifestObject[]>();
  private workloadList?: Workload[];
  private networkModel?: NetworkModel;
  private appNamespaceFound?: { readonly namespace: string | undefined };
  /** (kind, namespace) and (kind, namespace, name) → objects, in file order. */
  private byPlace?: ListsByKey<ManifestObject>;
  private workloadsByNamespace?: ListsByKey<Workload>;
  /** (namespace, label key, label value) → workloads whose pod template has that label. */
  private workloadsByPodLabel?: ListsByKey<Workload>;
  private readonly podLabelCache = new Map<Workload, Labels>();
  private readonly recognitions = new Map<Workload, Recognition>();
  private readonly withRoles = new Map<string, Workload[]>();

  constructor(public readonly inputs: ReviewInputs) {
    for (const manifest of inputs.manifests) appendTo(this.byKind, manifest.kind, manifest);
  }

  get manifests(): readonly ManifestObject[] {
    return this.inputs.manifests;
  }

  get cluster(): ClusterConfig {
    return this.inputs.cluster;
  }

  /** Objects of these kinds, in file order. */
  ofKind(...kinds: string[]): ManifestObject[] {
    if (kinds.length === 1) return this.byKind.get(kinds[0]) ?? [];
    return kinds.flatMap((kind) => this.byKind.get(kind) ?? []);
  }

  /** The namespace an object lands in: its own, else the set's (objects without one are applied there). */
  namespaceOf(manifest: ManifestObject): string {
    return manifest.namespace ?? this.appNamespace ?? '';
  }

  /** Objects of a kind in a namespace (as `namespaceOf` reads it), in file order. */
  ofKindIn(kind: string, namespace: string): readonly ManifestObject[] {
    return this.places().get([kind, namespace]);
  }

  /** Objects of a kind with this name in a namespace, in file order (usually one). */
  objectsNamed(kind: string, namespace: string, name: string): readonly ManifestObject[] {
    return this.places().get([kind, namespace, name]);
  }

  /** The first object of a kind with this name in a namespace. */
  named(kind: string, namespace: string, name: string): ManifestObject | undefined {
    return this.objectsNamed(kind, namespace, name)[0];
  }

  /** Every object that runs pods. */
  workloads(): readonly Workload[] {
    this.workloadList ??= this.inputs.manifests.map(workloadOf).filter((w): w is Workload => w !== undefined);
    return this.workloadList;
  }

  /** The workloads of a namespace (as `namespaceOf` reads it), in file order. */
  workloadsIn(namespace: string): readonly Workload[] {
    if (!this.workloadsByNamespace) {
      this.workloadsByNamespace = new ListsByKey();
      for (const workload of this.workloads()) this.workloadsByNamespace.add([this.namespaceOf(workload.manifest)], workload);
    }
    return this.workloadsByNamespace.get([namespace]);
  }

  /** The labels of a workload's pod template, as text (read once per workload). */
  podLabels(workload: Workload): Labels {
    let labels = this.podLabelCache.get(workload);
    if (!labels) this.podLabelCache.set(workload, (labels = labelsOf(workload.podMetadata.labels)));
    return labels;
  }

  /**
   * The workloads of a namespace whose pods carry every label of `selector` (a Service's
   * selector), in file order. Found through the rarest of the selector's labels, not by testing
   * every workload of the namespace.
   */
  workloadsMatching(namespace: string, selector: Labels): Workload[] {
    const entries = Object.entries(selector);
    if (entries.length === 0) return [...this.workloadsIn(namespace)];
    if (!this.workloadsByPodLabel) {
      this.workloadsByPodLabel = new ListsByKey();
      for (const workload of this.workloads()) {
        const workloadNamespace = this.namespaceOf(workload.manifest);
        for (const [key, value] of Object.entries(this.podLabels(workload))) this.workloadsByPodLabel.add([workloadNamespace, key, value], workload);
      }
    }
    let candidates: readonly Workload[] | undefined;
    for (const [key, value] of entries) {
      const labelled = this.workloadsByPodLabel.get([namespace, key, value]);
      if (!candidates || labelled.length < candidates.length) candidates = labelled;
    }
    return (candidates ?? []).filter((workload) => {
      const labels = this.podLabels(workload);
      return entries.every(([key, value]) => labels[key] === value);
    });
  }

  /** Every container of every workload (init and ephemeral included). */
  containers(): ContainerRef[] {
    return this.workloads().flatMap((w) => w.containers);
  }

  /**
   * What a workload is: from its `app.kubernetes.io/component` label, else from its images;
   * anything else counts as the creator's app (a hand-written set has no labels to go by).
   */
  roleOf(workload: Workload): WorkloadRole {
    return this.recognize(workload).role;
  }

  /** The catalogue record of a workload's component (postgres, mysql, kafka…), when its images reveal one. */
  componentOf(workload: Workload): ComponentRecord | undefined {
    return this.recognize(workload).component;
  }

  private recognize(workload: Workload): Recognition {
    let recognition = this.recognitions.get(workload);
    if (!recognition) this.recognitions.set(workload, (recognition = recognizeWorkload(workload)));
    return recognition;
  }

  /** The workloads with one of the roles, in file order. */
  workloadsWithRole(...roles: WorkloadRole[]): readonly Workload[] {
    const key = roles.join(',');
    let found = this.withRoles.get(key);
    if (!found) this.withRoles.set(key, (found = this.workloads().filter((w) => roles.includes(this.roleOf(w)))));
    return found;
  }

  /** The namespace the set is for: its Namespace object, else the most common metadata.namespace. */
  get appNamespace(): string | undefined {
    this.appNamespaceFound ??= { namespace: this.findAppNamespace() };
    return this.appNamespaceFound.namespace;
  }

  /** Who can reach whom, evaluated once by NetworkPolicy semantics. */
  network(): NetworkModel {
    if (!this.networkModel) {
      const actors = clusterActors(this.cluster);
      this.networkModel = NetworkModel.fromManifests(this.inputs.manifests, { sources: actors.sources, egressProbes: actors.egressProbes });
    }
    return this.networkModel;
  }

  private findAppNamespace(): string | undefined {
    const declared = this.ofKind('Namespace')[0]?.name;
    if (declared) return declared;
    const counts = new Map<string, number>();
    for (const m of this.inputs.manifests) if (m.namespace) counts.set(m.namespace, (counts.get(m.namespace) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  }

  private places(): ListsByKey<ManifestObject> {
    if (!this.byPlace) {
      this.byPlace = new ListsByKey();
      for (const manifest of this.inputs.manifests) {
        const namespace = this.namespaceOf(manifest);
        this.byPlace.add([manifest.kind, namespace], manifest);
        this.byPlace.add([manifest.kind, namespace, manifest.name], manifest);
      }
    }
    return this.byPlace;
  }
}

function recognizeWorkload(workload: Workload): Recognition {
  const labels = { ...workload.manifest.object.metadata?.labels, ...workload.podMetadata.labels };
  const label = labels['app.kubernetes.io/component'];
  const byLabel = typeof label === 'string' ? roleOfLabel(label) : undefined;
  // Without a label, a pod is a component only when every main container is one: an app pod
  // with an nginx mgmt sidecar is still the app.
  const components = workload.containers.filter((c) => c.role === 'main').map((c) => componentOfImage(textOf(c.container.image ?? '')));
  if (byLabel) {
    const component = components.find((c) => c?.role === byLabel);
    return component ? { role: byLabel, component } : { role: byLabel };
  }
  const first = components[0];
  if (first && components.every((c) => c !== undefined)) return { role: first.role, component: first };
  return { role: 'app' };
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

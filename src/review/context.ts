import { ListsByKey } from './lists-by-key';
import { textOf } from './text';
import { asMap } from './values';
import { workloadOf, type ContainerRef, type Workload } from './workloads';
import { componentOfImage, imageName, roleOfLabel, type ComponentRecord, type WorkloadRole } from '../components/catalogue';
import type { ClusterConfig } from '../contract/cluster-config';
import type { ManifestObject } from '../manifests/manifest-object';
import { clusterActors } from '../network/actors';
import { labelsOf, type Labels } from '../network/label-selector';
import { NetworkModel } from '../network/network-model';
import { NetworkFacts } from './checks/networking-facts';
import { beginReviewScan, type ReviewScan, type ScannedTexts } from './checks/secrets-scan';
import { parseDockerfile, type ParsedDockerfile } from './dockerfile';
import { LogSample } from './log-sample';
import { judgeTemplates, podTemplatesOf, type JudgedTemplate } from './pod-security/judged';

/** A Dockerfile given to the review, as text with its path. */
export interface DockerfileInput {
  /** The file's path, as findings name it. */
  readonly file: string;
  /** Its text. */
  readonly text: string;
}

/** One line of a log sample (a file, or a pod's recent logs). */
export interface LogLine {
  /** File path, or `namespace/pod` for live logs. */
  readonly source: string;
  /** The line's number in its source, from 1. */
  readonly line: number;
  /** The line's text. */
  readonly text: string;
}

/** What a /metrics endpoint answered (or a file holding its body). */
export interface MetricsSample {
  /** A file path, or the pod and port that answered. */
  readonly source: string;
  /** The Content-Type of the answer. @default - none (a file) */
  readonly contentType?: string;
  /** The HTTP status of the answer. @default - none (a file) */
  readonly status?: number;
  /** What it answered: Prometheus or OpenMetrics text. */
  readonly body: string;
}

/** Everything a review reads. Only `manifests` and `cluster` are required. */
export interface ReviewInputs {
  /** The Kubernetes objects to review (see `loadManifests`). */
  readonly manifests: readonly ManifestObject[];
  /** The cluster's settings, every default applied. */
  readonly cluster: ClusterConfig;
  /** Dockerfiles for A1, A2, A5, A6, E3. @default - none (those checks do not apply) */
  readonly dockerfiles?: readonly DockerfileInput[];
  /** Root of the app's source tree (check G4). @default - none (G4 does not apply) */
  readonly sourceDir?: string;
  /** A log sample, for G3, G5 and G6. @default - none (those checks do not apply) */
  readonly logs?: readonly LogLine[];
  /** What the /metrics endpoints answered, for the G checks on metrics. @default - none */
  readonly metrics?: readonly MetricsSample[];
  /** The sealed-secrets controller's key size in bytes, when its certificate was given (E7). @default - none (E7 checks the layout only) */
  readonly sealingKeyBytes?: number;
  /** Display name for the report. @default - from the Namespace's annotation, else the namespace */
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
 * The manifest set and the other inputs, and the facts every check reads, gathered once when the
 * context is made: objects by kind (and by namespace and name), workloads with their containers
 * (and by namespace and pod label), what each workload is (role and catalogue component), the
 * app namespace, the network (who can reach whom) and what the networking checks read about it.
 * Nothing is computed on first use and nothing changes afterwards, so checks are pure functions
 * of these facts; the indexes let a check look an object up in constant time instead of scanning
 * the set, which would make the review quadratic in the number of objects.
 */
export class ReviewContext {
  /** The namespace the set is for: its Namespace object, else the most common metadata.namespace. */
  public readonly appNamespace: string | undefined;
  /** Who can reach whom, evaluated once by NetworkPolicy semantics. */
  public readonly networkModel: NetworkModel;
  /** What the networking checks (group C) read about the network, found once. */
  public readonly networkFacts: NetworkFacts;
  /** The log sample by source, each line's JSON read once (G3, G5, G6). */
  public readonly logSample: LogSample;
  /** Every pod template judged by Pod Security "restricted" at the cluster's version (S7–S13). */
  public readonly podSecurity: readonly JudgedTemplate[] | Error;
  /** Whether the set holds a pod template (of any kind), and one of a custom kind: the scope of the S checks. */
  public readonly podTemplateKinds: { readonly any: boolean; readonly custom: boolean };
  /** The Dockerfiles given, parsed. */
  public readonly dockerfiles: readonly ParsedDockerfile[];
  /** What the secret scanner found in ConfigMaps, env values, Dockerfiles and logs (E2, E3, E5, G6), or why it could not scan. */
  public readonly secretScan: ReviewScan | Error;
  private readonly byKind = new Map<string, ManifestObject[]>();
  private readonly workloadList: readonly Workload[];
  private readonly containerList: readonly ContainerRef[];
  /** (kind, namespace) and (kind, namespace, name) → objects, in file order. */
  private readonly byPlace = new ListsByKey<ManifestObject>();
  private readonly workloadsByNamespace = new ListsByKey<Workload>();
  /** (namespace, label key, label value) → workloads whose pod template has that label. */
  private readonly workloadsByPodLabel = new ListsByKey<Workload>();
  private readonly podLabelsOf = new Map<Workload, Labels>();
  private readonly recognitions = new Map<Workload, Recognition>();
  private readonly byRole = new Map<WorkloadRole, Workload[]>();

  /** @param scanned texts the secret scanner has read already (the other apps of a set, see reviewApps). @default - none */
  constructor(public readonly inputs: ReviewInputs, scanned?: ScannedTexts) {
    for (const manifest of inputs.manifests) appendTo(this.byKind, manifest.kind, manifest);
    this.appNamespace = findAppNamespace(inputs.manifests, this.ofKind('Namespace'));
    for (const manifest of inputs.manifests) {
      const namespace = this.namespaceOf(manifest);
      this.byPlace.addAlong([manifest.kind, namespace, manifest.name], 2, manifest);
    }
    this.workloadList = inputs.manifests.map(workloadOf).filter((w): w is Workload => w !== undefined);
    this.containerList = this.workloadList.flatMap((w) => w.containers);
    for (const workload of this.workloadList) {
      const namespace = this.namespaceOf(workload.manifest);
      this.workloadsByNamespace.add([namespace], workload);
      const labels = labelsOf(workload.podMetadata.labels);
      this.podLabelsOf.set(workload, labels);
      for (const [key, value] of Object.entries(labels)) this.workloadsByPodLabel.add([namespace, key, value], workload);
      const recognition = recognizeWorkload(workload);
      this.recognitions.set(workload, recognition);
      appendTo(this.byRole, recognition.role, workload);
    }
    this.dockerfiles = (inputs.dockerfiles ?? []).map(parseDockerfile);
    // The scan starts first: secretlint works in its thread while the facts below are gathered here.
    const finishScan = settle(() => beginReviewScan({ configMaps: this.ofKind('ConfigMap'), containers: this.containers(), dockerfiles: this.dockerfiles, logs: inputs.logs ?? [] }, scanned));
    const actors = clusterActors(this.cluster);
    this.networkModel = NetworkModel.fromManifests(inputs.manifests, { sources: actors.sources, egressProbes: actors.egressProbes });
    this.networkFacts = new NetworkFacts(this, actors);
    this.logSample = new LogSample(inputs.logs ?? []);
    const templates = podTemplatesOf(inputs.manifests);
    this.podTemplateKinds = { any: templates.length > 0, custom: templates.some((found) => found.template.custom) };
    this.podSecurity = judgeTemplates(templates, this.cluster.podSecurityVersion);
    this.secretScan = finishScan instanceof Error ? finishScan : settle(finishScan);
  }

  get manifests(): readonly ManifestObject[] {
    return this.inputs.manifests;
  }

  get cluster(): ClusterConfig {
    return this.inputs.cluster;
  }

  /** Objects of these kinds, in file order. */
  ofKind(...kinds: string[]): readonly ManifestObject[] {
    if (kinds.length === 1) return this.byKind.get(kinds[0]) ?? [];
    return kinds.flatMap((kind) => this.byKind.get(kind) ?? []);
  }

  /** The namespace an object lands in: its own, else the set's (objects without one are applied there). */
  namespaceOf(manifest: ManifestObject): string {
    return manifest.namespace ?? this.appNamespace ?? '';
  }

  /** Objects of a kind in a namespace (as `namespaceOf` reads it), in file order. */
  ofKindIn(kind: string, namespace: string): readonly ManifestObject[] {
    return this.byPlace.get([kind, namespace]);
  }

  /** Objects of a kind with this name in a namespace, in file order (usually one). */
  objectsNamed(kind: string, namespace: string, name: string): readonly ManifestObject[] {
    return this.byPlace.get([kind, namespace, name]);
  }

  /** The first object of a kind with this name in a namespace. */
  named(kind: string, namespace: string, name: string): ManifestObject | undefined {
    return this.objectsNamed(kind, namespace, name)[0];
  }

  /** Every object that runs pods. */
  workloads(): readonly Workload[] {
    return this.workloadList;
  }

  /** The workloads of a namespace (as `namespaceOf` reads it), in file order. */
  workloadsIn(namespace: string): readonly Workload[] {
    return this.workloadsByNamespace.get([namespace]);
  }

  /** The labels of a workload's pod template, as text. */
  podLabels(workload: Workload): Labels {
    return this.podLabelsOf.get(workload) ?? labelsOf(workload.podMetadata.labels);
  }

  /**
   * The workloads of a namespace whose pods carry every label of `selector` (a Service's
   * selector), in file order. Found through the rarest of the selector's labels, not by testing
   * every workload of the namespace.
   */
  workloadsMatching(namespace: string, selector: Labels): Workload[] {
    const entries = Object.entries(selector);
    if (entries.length === 0) return [...this.workloadsIn(namespace)];
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
  containers(): readonly ContainerRef[] {
    return this.containerList;
  }

  /**
   * What a workload is: from its `app.kubernetes.io/component` label, else from its images;
   * anything else counts as the creator's app (a hand-written set has no labels to go by).
   */
  roleOf(workload: Workload): WorkloadRole {
    return this.recognition(workload).role;
  }

  /** The catalogue record of a workload's component (postgres, mysql, kafka…), when its images reveal one. */
  componentOf(workload: Workload): ComponentRecord | undefined {
    return this.recognition(workload).component;
  }

  /** The workloads with one of the roles, in file order. */
  workloadsWithRole(...roles: WorkloadRole[]): readonly Workload[] {
    if (roles.length === 1) return this.byRole.get(roles[0]) ?? [];
    return this.workloadList.filter((w) => roles.includes(this.roleOf(w)));
  }

  /** Who can reach whom, evaluated once by NetworkPolicy semantics. */
  network(): NetworkModel {
    return this.networkModel;
  }

  /** A workload of another context (tests build them by hand) is recognized on the spot. */
  private recognition(workload: Workload): Recognition {
    return this.recognitions.get(workload) ?? recognizeWorkload(workload);
  }
}

/** The namespace the set is for: its Namespace object, else the most common metadata.namespace. */
function findAppNamespace(manifests: readonly ManifestObject[], namespaces: readonly ManifestObject[]): string | undefined {
  const declared = namespaces[0]?.name;
  if (declared) return declared;
  const counts = new Map<string, number>();
  for (const m of manifests) if (m.namespace) counts.set(m.namespace, (counts.get(m.namespace) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function recognizeWorkload(workload: Workload): Recognition {
  const labels = { ...asMap(asMap(workload.manifest.object.metadata).labels), ...asMap(workload.podMetadata.labels) };
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

/** The step's value, or the error it threw (kept as a fact; the check that reads it throws it). */
export function settle<T>(step: () => T): T | Error {
  try {
    return step();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

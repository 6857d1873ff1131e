import { answersSchema, ANSWER_EXAMPLES, type ResolvedAnswers, type VibeAnswers } from './answers';
import { clusterConfigSchema, CLUSTER_CONFIG_EXAMPLES, type ClusterConfig, type ClusterConfigInput } from './cluster-config';
import { problemsFromZod, VibeInputError, type InputProblem } from './errors';
import { COMPONENT_IMAGES, mirrored, type ComponentImage } from './images';
import { hostFromPattern, namespaceFor } from './names';
import { MAX_NAME_LENGTH } from './patterns';
import { PLATFORM_COMPONENTS, ROLES, type WorkloadComponent } from '../components/catalogue';

/** Every workload the platform may run in an app namespace, named `{slug}-{component}`. */
export const WORKLOAD_COMPONENTS = Object.keys(PLATFORM_COMPONENTS) as WorkloadComponent[];
export type { WorkloadComponent };

/** The longest suffix any derived object name gets; the slug must leave room for it. */
const LONGEST_SUFFIX = Math.max(...WORKLOAD_COMPONENTS.map((c) => c.length + 1));

export const MANAGED_BY = 'vibe-env';

/**
 * The validated answers and cluster config, plus every name derived from them. Constructs read
 * only this, so a name is computed in exactly one place.
 */
export class AppModel {
  /**
   * Validates raw input (from main.ts, vibe.yaml or Helm values) and throws VibeInputError.
   * `examples` gives the example for an answers path in the shape of the file the user wrote
   * (Helm values); vibe.yaml's examples otherwise.
   */
  public static resolve(answers: unknown, cluster: unknown = {}, source?: string, examples?: (answersPath: string) => string | undefined): AppModel {
    const problems: InputProblem[] = [];
    const parsedCluster = clusterConfigSchema.safeParse(cluster ?? {});
    if (!parsedCluster.success) {
      problems.push(
        ...problemsFromZod(parsedCluster.error, cluster, {
          pathPrefix: ['cluster'],
          example: (p) => CLUSTER_CONFIG_EXAMPLES[p],
          knownKeys: (p) => knownKeys(clusterConfigSchema, p),
        }),
      );
    }
    const parsedAnswers = answersSchema.safeParse(answers);
    if (!parsedAnswers.success) {
      problems.push(
        ...problemsFromZod(parsedAnswers.error, answers, {
          example: examples ?? ((p) => ANSWER_EXAMPLES[p]),
          knownKeys: (p) => knownKeys(answersSchema, p),
        }),
      );
    }
    if (problems.length === 0 && parsedAnswers.success && parsedCluster.success) {
      problems.push(...crossFieldProblems(parsedAnswers.data, parsedCluster.data));
    }
    if (problems.length > 0 || !parsedAnswers.success || !parsedCluster.success) {
      throw new VibeInputError(problems, source);
    }
    return new AppModel(parsedAnswers.data, parsedCluster.data);
  }

  /** Typed entry point for main.ts. */
  public static fromAnswers(answers: VibeAnswers, cluster?: ClusterConfigInput): AppModel {
    return AppModel.resolve(answers, cluster);
  }

  private constructor(
    public readonly answers: ResolvedAnswers,
    public readonly cluster: ClusterConfig,
  ) {}

  get slug(): string {
    return this.answers.slug;
  }

  /** Display name: the creator's, or the slug in title case. */
  get displayName(): string {
    return this.answers.name ?? titleCase(this.answers.slug);
  }

  get namespace(): string {
    return namespaceFor(this.cluster.prefix, this.slug);
  }

  /** Name of a workload and of its Service: `{slug}-{component}`. */
  workloadName(component: WorkloadComponent): string {
    return `${this.slug}-${component}`;
  }

  /** Name of another object that belongs to the app: `{slug}-{suffix}`. */
  objectName(suffix: string): string {
    return `${this.slug}-${suffix}`;
  }

  /** Labels every object of the app carries. */
  get commonLabels(): Record<string, string> {
    return {
      'app.kubernetes.io/part-of': this.slug,
      'app.kubernetes.io/managed-by': MANAGED_BY,
    };
  }

  /** The stable selector of a workload's pods (immutable once deployed, so kept minimal). */
  selector(component: WorkloadComponent): Record<string, string> {
    return { app: this.workloadName(component) };
  }

  /** Pod and object labels of a workload: `app` plus the app.kubernetes.io set. */
  workloadLabels(component: WorkloadComponent): Record<string, string> {
    return {
      ...this.selector(component),
      'app.kubernetes.io/name': component,
      'app.kubernetes.io/instance': this.slug,
      'app.kubernetes.io/component': ROLES[PLATFORM_COMPONENTS[component].role].label,
      ...this.commonLabels,
    };
  }

  /** The creator's image, from the cluster registry, pinned to a SHA tag or digest. */
  get appImage(): string {
    const { repository, tag } = this.answers.image;
    const separator = tag.startsWith('sha256:') ? '@' : ':';
    return `${this.cluster.registry}/${repository}${separator}${tag}`;
  }

  /** A platform component's image from the Docker Hub mirror. */
  componentImage(component: ComponentImage): string {
    return mirrored(this.cluster.mirrorPrefix, COMPONENT_IMAGES[component]);
  }

  get ingressHost(): string {
    return this.answers.ingress.host ?? hostFromPattern(this.cluster.ingressHostPattern, this.cluster.prefix, this.slug);
  }

  /** The SealedSecret (and Secret) holding every credential of the app. */
  get secretName(): string {
    return this.objectName('secrets');
  }

  get nginxEnabled(): boolean {
    return this.answers.components.nginx !== false;
  }

  get database(): 'postgres' | 'mongo' | undefined {
    if (this.answers.components.postgres) return 'postgres';
    if (this.answers.components.mongo) return 'mongo';
    return undefined;
  }
}

export { hostFromPattern, namespaceFor };

function titleCase(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

/** Rules that involve more than one field: lengths of derived names, the host. */
function crossFieldProblems(answers: ResolvedAnswers, cluster: ClusterConfig): InputProblem[] {
  const problems: InputProblem[] = [];
  const namespace = namespaceFor(cluster.prefix, answers.slug);
  const maxSlug = Math.min(MAX_NAME_LENGTH - LONGEST_SUFFIX, MAX_NAME_LENGTH - namespaceFor(cluster.prefix, '').length);
  if (answers.slug.length > maxSlug) {
    problems.push({
      field: 'slug',
      message:
        `got "${answers.slug}" (${answers.slug.length} characters); with prefix "${cluster.prefix}" the slug may have at most ${maxSlug} ` +
        `characters so the namespace "${namespace}" and names like "${answers.slug}-postgres-exporter" fit Kubernetes' 63-character limit. ` +
        'Example: slug: inventory-checker',
    });
  }
  const sealed = answers.secrets;
  const secretName = `${answers.slug}-secrets`;
  if (sealed) {
    const wrongNamespace = sealed.scope !== 'cluster-wide' && sealed.namespace !== namespace;
    const wrongName = sealed.scope === 'strict' && sealed.name !== secretName;
    if (wrongNamespace || wrongName) {
      problems.push({
        field: 'secrets',
        message:
          `the sealed file is for secret "${sealed.name}" in namespace "${sealed.namespace}" (${sealed.scope} scope), ` +
          `but this app's secret is "${secretName}" in "${namespace}"; the controller could not decrypt it. ` +
          `Seal the values again with --namespace ${namespace} --name ${secretName}.`,
      });
    }
  }
  const host = answers.ingress.host ?? hostFromPattern(cluster.ingressHostPattern, cluster.prefix, answers.slug);
  const longLabel = host.split('.').find((label) => label.length > MAX_NAME_LENGTH);
  if (answers.ingress.enabled && longLabel) {
    problems.push({
      field: answers.ingress.host ? 'ingress.host' : 'slug',
      message: `the ingress host "${host}" has a part longer than 63 characters ("${longLabel}"); choose a shorter slug or set ingress.host. Example: host: inventory.internal.example.com`,
    });
  }
  return problems;
}

/** Field names a strict object schema accepts at a dotted path, for "did you mean" hints. */
function knownKeys(schema: unknown, dottedPath: string): string[] {
  let current: any = schema;
  const unwrap = () => {
    for (let guard = 0; guard < 10 && current; guard++) {
      const def = current._zod?.def;
      if (!def) return;
      if (def.type === 'object') return;
      if (def.type === 'pipe') current = def.in;
      else if (def.type === 'union') current = def.options.find((o: any) => o._zod?.def?.type === 'object') ?? def.options[0];
      else if (def.innerType) current = def.innerType;
      else if (def.schema) current = def.schema;
      else return;
    }
  };
  unwrap();
  for (const key of dottedPath.split('.').filter(Boolean)) {
    const shape = current?._zod?.def?.shape;
    if (!shape || !shape[key]) return [];
    current = shape[key];
    unwrap();
  }
  const shape = current?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

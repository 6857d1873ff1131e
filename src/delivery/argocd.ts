import { MANAGED_BY } from '../contract/app-model';
import { Document } from '../shared-yaml';

/**
 * ArgoCD objects that deploy creators' repositories: one `Application` per app (written by
 * `vibe init` into argocd/application.yaml), or one `ApplicationSet` with a list generator for
 * every app of the platform (`vibe platform argocd`). Both share one spec:
 *
 * - source: the repository's `k8s/` folder on `main`, the manifests CD committed and the gate
 *   reviewed (GitOps: what is reviewed is exactly what is applied);
 * - automated sync with `prune` (a file that synth stops writing disappears from the cluster) and
 *   `selfHeal` (a hand-made `kubectl` change is reverted);
 * - `CreateNamespace=false`: 00-namespace.yaml creates the namespace with its Pod Security
 *   labels; ArgoCD creating it first would make a second, unlabelled owner;
 * - `PruneLast=true`: objects are removed only after the rest of the sync is healthy;
 * - no `resources-finalizer`: deleting the Application (by mistake, or by removing an app from
 *   the list) leaves the namespace and its data volumes in place; removing an app is a
 *   deliberate `kubectl delete namespace` by the platform team.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-List/
 */

export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

/** Where ArgoCD runs and which project and cluster its apps use. */
export interface ArgoSettings {
  /** Namespace ArgoCD watches for Applications. @default 'argocd' */
  readonly namespace?: string;
  /** ArgoCD project of the apps. @default 'default' */
  readonly project?: string;
  /** API server of the cluster the apps run in. @default 'https://kubernetes.default.svc' (ArgoCD's own cluster) */
  readonly server?: string;
}

export const ARGO_DEFAULTS = {
  namespace: 'argocd',
  project: 'default',
  server: 'https://kubernetes.default.svc',
  targetRevision: 'main',
  path: 'k8s',
} as const;

/** One app's source and destination. In an ApplicationSet these are `{{.field}}` placeholders. */
export interface AppSource {
  readonly slug: string;
  readonly namespace: string;
  readonly repoURL: string;
  /** @default 'main' */
  readonly targetRevision?: string;
}

function labels(slug: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': slug, 'app.kubernetes.io/managed-by': MANAGED_BY };
}

function spec(app: AppSource, settings: ArgoSettings): object {
  return {
    project: settings.project ?? ARGO_DEFAULTS.project,
    source: { repoURL: app.repoURL, targetRevision: app.targetRevision ?? ARGO_DEFAULTS.targetRevision, path: ARGO_DEFAULTS.path },
    destination: { server: settings.server ?? ARGO_DEFAULTS.server, namespace: app.namespace },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=false', 'PruneLast=true'],
      retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
    },
    revisionHistoryLimit: 10,
  };
}

/** The Application for one app. */
export function argoApplication(app: AppSource, settings: ArgoSettings = {}): Record<string, any> {
  return {
    apiVersion: ARGO_API_VERSION,
    kind: 'Application',
    metadata: { name: app.slug, namespace: settings.namespace ?? ARGO_DEFAULTS.namespace, labels: labels(app.slug) },
    spec: spec(app, settings),
  };
}

/** An ApplicationSet over many apps: a list generator, one element per app. */
export function argoApplicationSet(name: string, apps: readonly AppSource[], settings: ArgoSettings = {}): Record<string, any> {
  const placeholders: AppSource = { slug: '{{.slug}}', namespace: '{{.namespace}}', repoURL: '{{.repoURL}}', targetRevision: '{{.targetRevision}}' };
  return {
    apiVersion: ARGO_API_VERSION,
    kind: 'ApplicationSet',
    metadata: { name, namespace: settings.namespace ?? ARGO_DEFAULTS.namespace, labels: { 'app.kubernetes.io/managed-by': MANAGED_BY } },
    spec: {
      // Go templates with missingkey=error: a typo in a field name fails instead of deploying "".
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [
        {
          list: {
            elements: apps.map((app) => ({
              slug: app.slug,
              namespace: app.namespace,
              repoURL: app.repoURL,
              targetRevision: app.targetRevision ?? ARGO_DEFAULTS.targetRevision,
            })),
          },
        },
      ],
      template: { metadata: { name: placeholders.slug, labels: labels(placeholders.slug) }, spec: spec(placeholders, settings) },
      // Removing an app from the list deletes its Application, never its namespace or data.
      syncPolicy: { preserveResourcesOnDeletion: true },
    },
  };
}

/** YAML text of an object with a comment block on top. */
export function argoYaml(object: object, header: readonly string[]): string {
  const document = new Document(object, { aliasDuplicateObjects: false });
  document.commentBefore = header.map((line) => ` ${line}`).join('\n');
  return document.toString({ lineWidth: 0 });
}

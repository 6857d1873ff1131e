import { ClusterError, KubeApi, mapLimited, type ApiRequest } from './kube-api';
import { apiVersionOf, collectionPath, NAMESPACE, objectPath, rbacResource, SECRET, type ResourceType } from './resources';
import type { ManifestObject } from '../manifests/manifest-object';

/** An object as the API server returned it, minus the noise (see withoutServerNoise). */
export type LiveObject = Record<string, any>;

/**
 * Secrets are listed as metadata only: vibe-env never needs a Secret's values (the gate reports
 * that a plain Secret exists, not what it holds), so they never reach this process.
 */
const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1, application/json';

/** Annotations the API server and controllers write, which nobody committed. */
const NOISE_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision'];

/** Owners whose children are reviewed through the owner: a ReplicaSet's pods through the Deployment, a SealedSecret's Secret… */
const REVIEWED_THROUGH_OWNER = new Set(['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'SealedSecret']);

/** Reads the Namespace object; a namespace that does not exist is the one-line error every cluster command gives. */
export async function readNamespaceObject(api: KubeApi, namespace: string): Promise<LiveObject> {
  const object = await api.json({
    method: 'GET',
    path: objectPath(NAMESPACE, undefined, namespace),
    access: { verb: 'get', resource: 'namespaces', namespace },
    notFound: `Namespace "${namespace}" does not exist in the cluster at ${api.where}. Check --namespace (kubectl get namespaces lists them) and --context.`,
  });
  return withoutServerNoise({ ...object, apiVersion: 'v1', kind: 'Namespace' }, NAMESPACE);
}

export interface ListOptions {
  /** `app.kubernetes.io/managed-by=vibe-env`. */
  readonly labelSelector?: string;
  /** The API version to read (the committed manifests' one); default: the type's. */
  readonly version?: string;
}

/**
 * Every object of a type in a namespace, page by page, with `apiVersion` and `kind` set (list
 * items have neither) and without server noise. `undefined` when the cluster does not serve the
 * type at all (404 on the collection: e.g. no Sealed Secrets controller installed).
 */
export async function listObjects(api: KubeApi, type: ResourceType, namespace: string, options: ListOptions = {}): Promise<LiveObject[] | undefined> {
  const version = options.version ?? type.version;
  const items: LiveObject[] = [];
  let token: string | undefined;
  do {
    const request: ApiRequest = {
      method: 'GET',
      path: collectionPath(type, namespace, version),
      query: { labelSelector: options.labelSelector, limit: 500, continue: token },
      accept: type === SECRET ? METADATA_ONLY : undefined,
      access: { verb: 'list', resource: rbacResource(type), namespace },
    };
    const response = await api.send(request);
    if (response.status === 404) return undefined;
    if (response.status < 200 || response.status > 299) throw api.refusal(request, response);
    let page: { items?: unknown; metadata?: { continue?: string } };
    try {
      page = JSON.parse(response.text);
    } catch {
      throw new ClusterError(`The API server at ${api.where} answered GET ${request.path} with something that is not a JSON list.`);
    }
    // An empty metadata-only list (PartialObjectMetadataList, as Secrets are read) comes as `"items": null`.
    const pageItems = page.items === null ? [] : page.items;
    if (!Array.isArray(pageItems)) throw new ClusterError(`The API server at ${api.where} answered GET ${request.path} without a list of items.`);
    for (const item of pageItems) {
      if (item && typeof item === 'object') items.push(withoutServerNoise({ ...item, apiVersion: apiVersionOf(type, version), kind: type.kind }, type));
    }
    token = page.metadata?.continue || undefined;
  } while (token);
  return items;
}

/** Reads several types of a namespace, a few requests at a time; the types the cluster does not serve are named in `unserved`. */
export async function listMany(
  api: KubeApi,
  types: readonly { type: ResourceType; options?: ListOptions }[],
  namespace: string,
): Promise<{ objects: LiveObject[]; unserved: ResourceType[] }> {
  const lists = await mapLimited(types, KubeApi.PARALLEL, ({ type, options }) => listObjects(api, type, namespace, options));
  const unserved = types.filter((_, i) => lists[i] === undefined).map((t) => t.type);
  return { objects: lists.flatMap((list) => list ?? []), unserved };
}

/**
 * The object without what the API server and controllers add and nobody wrote: status,
 * managedFields, resourceVersion, uid, generation, timestamps, the last-applied annotation
 * (which can hold a whole applied Secret) and, for Secrets, any data.
 */
export function withoutServerNoise(object: LiveObject, type: ResourceType): LiveObject {
  const copy: LiveObject = structuredClone(object);
  delete copy.status;
  const metadata = copy.metadata ?? (copy.metadata = {});
  for (const key of ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink']) delete metadata[key];
  if (metadata.annotations) {
    for (const key of NOISE_ANNOTATIONS) delete metadata.annotations[key];
    if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  }
  if (type === SECRET) {
    delete copy.data;
    delete copy.stringData;
  }
  for (const template of [copy.spec?.template, copy.spec?.jobTemplate, copy.spec?.jobTemplate?.spec?.template]) {
    if (template?.metadata && template.metadata.creationTimestamp == null) delete template.metadata.creationTimestamp;
  }
  return copy;
}

/**
 * Why an object was made by the cluster rather than by whoever deploys the app, or undefined:
 * a ReplicaSet's pods and a SealedSecret's Secret (reviewed through their owner), the CA bundle
 * and `default` ServiceAccount every namespace gets, service-account token Secrets.
 */
export function madeByTheCluster(object: LiveObject): string | undefined {
  const metadata = object.metadata ?? {};
  const owner = (metadata.ownerReferences ?? []).find((o: { controller?: boolean }) => o?.controller) as { kind?: string; name?: string } | undefined;
  if (owner?.kind && REVIEWED_THROUGH_OWNER.has(owner.kind)) return `made by ${owner.kind}/${owner.name}`;
  if (object.kind === 'ConfigMap' && metadata.name === 'kube-root-ca.crt') return 'published by Kubernetes in every namespace';
  if (object.kind === 'ServiceAccount' && metadata.name === 'default') return 'created by Kubernetes in every namespace';
  if (object.kind === 'Secret' && metadata.annotations?.['kubernetes.io/service-account.name']) return 'a service-account token';
  return undefined;
}

/** A live object as a manifest of the review gate: `live:<ns>/<Kind>/<name>`, line 1. */
export function asManifest(object: LiveObject, namespace: string): ManifestObject {
  const name = String(object.metadata?.name ?? '');
  return {
    object,
    file: `live:${namespace}/${object.kind}/${name}`,
    line: 1,
    apiVersion: String(object.apiVersion),
    kind: String(object.kind),
    name,
    ...(object.metadata?.namespace ? { namespace: String(object.metadata.namespace) } : {}),
  };
}

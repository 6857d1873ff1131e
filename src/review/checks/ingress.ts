import { hostFromPattern, namespaceFor } from '../../contract/names';
import { referenceOf, type ManifestObject } from '../../manifests/manifest-object';
import { fail, pass, type Check, type CheckResult } from '../check';
import type { ReviewContext } from '../context';
import { findServicePort, namespaceOf, routeBackends, selectedWorkloads, serviceNamed, serviceSelector, servicePorts, showLabels, showPort } from './ports';
import { textOf } from '../text';
import { asList, isMap } from '../values';
import { asMap, textField, type ManifestMap } from '../values';

/**
 * Group H — Ingress (WARNING): every Ingress of the set answers on the cluster's host pattern,
 * over TLS, through the cluster's ingress class, to a Service that exists and has pods.
 */

/** The legacy annotation that chose the ingress class before spec.ingressClassName. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** Traefik serves a router over TLS (with its default certificate) when this annotation is "true". */
const TRAEFIK_TLS_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls';

const DNS_LABEL_PATTERN = '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The cluster pattern as a regular expression: `{prefix}` is the cluster's, `{slug}` any DNS label. */
export function hostPatternRegExp(context: ReviewContext): RegExp {
  const { ingressHostPattern, prefix } = context.cluster;
  const source = escapeRegExp(ingressHostPattern).replace(/\\\{prefix\\\}/g, escapeRegExp(prefix)).replace(/\\\{slug\\\}/g, DNS_LABEL_PATTERN);
  return new RegExp(`^${source}$`, 'i');
}

/**
 * The host to suggest: from the app's slug when the namespace follows `{prefix}-vibe-{slug}`,
 * else an example built from the Ingress name.
 */
function suggestedHost(context: ReviewContext, ingress: ManifestObject): string {
  const { ingressHostPattern, prefix } = context.cluster;
  const namespace = namespaceOf(context, ingress);
  const base = namespaceFor(prefix, '');
  if (namespace.startsWith(base) && namespace.length > base.length) return `host: ${hostFromPattern(ingressHostPattern, prefix, namespace.slice(base.length))}`;
  return `a host of the form ${ingressHostPattern}, e.g. host: ${hostFromPattern(ingressHostPattern, prefix, ingress.name || 'my-app')}`;
}

interface IngressRule {
  readonly host?: string;
}

function rulesOf(ingress: ManifestObject): IngressRule[] {
  return asList(ingress.object.spec?.rules).map((rule) => {
    const host = textField(asMap(rule), 'host');
    return { host: host !== '' ? host : undefined };
  });
}

function annotationsOf(ingress: ManifestObject): Record<string, unknown> {
  return isMap(ingress.object.metadata?.annotations) ? ingress.object.metadata.annotations : {};
}

function perIngress(context: ReviewContext, judge: (ingress: ManifestObject) => string[]): CheckResult[] {
  return context.ofKind('Ingress').flatMap((ingress) => {
    const problems = judge(ingress);
    return problems.length === 0 ? [pass(ingress)] : problems.map((problem) => fail(problem, ingress));
  });
}

export const INGRESS_HOST_PATTERN: Check = {
  id: 'H1',
  slug: 'ingress-host-pattern',
  scope: { kinds: ['Ingress'] },
  group: 'H',
  title: 'Ingress host matches the cluster pattern',
  severity: 'WARNING',
  verifies: 'Every rule of every Ingress names a host that matches the cluster\'s ingressHostPattern, with {prefix} the cluster prefix and {slug} any DNS label.',
  fix: 'Set the rule\'s host to the cluster pattern, e.g. platform-<slug>.internal.example.com.',
  run: (context) => {
    const pattern = hostPatternRegExp(context);
    const { ingressHostPattern } = context.cluster;
    return perIngress(context, (ingress) => {
      const expected = suggestedHost(context, ingress);
      const rules = rulesOf(ingress);
      const problems: string[] = [];
      if (rules.length === 0) {
        problems.push(`${referenceOf(ingress)} has no rules, so it answers for any host name — add a rule with ${expected}`);
      }
      for (const rule of rules) {
        if (rule.host === undefined) {
          problems.push(`${referenceOf(ingress)} has a rule without a host, so it answers for any host name — set ${expected}`);
        } else if (!pattern.test(rule.host)) {
          problems.push(`${referenceOf(ingress)} uses host "${rule.host}", which does not match the cluster pattern ${ingressHostPattern} — use ${expected}`);
        }
      }
      return problems;
    });
  },
};

/** True when a TLS entry's hosts cover `host` (an entry without hosts covers every host, `*.x` covers one label). */
function tlsCovers(entry: ManifestMap, host: string | undefined): boolean {
  const hosts = asList(entry.hosts).filter((h): h is string => typeof h === 'string');
  if (hosts.length === 0 || host === undefined) return true;
  return hosts.some((h) => {
    if (h.toLowerCase() === host.toLowerCase()) return true;
    return h.startsWith('*.') && host.toLowerCase().endsWith(h.slice(1).toLowerCase()) && !host.slice(0, host.length - h.length + 1).includes('.');
  });
}

export const INGRESS_TLS: Check = {
  id: 'H2',
  slug: 'ingress-tls',
  scope: { kinds: ['Ingress'] },
  group: 'H',
  title: 'Ingress serves TLS',
  severity: 'WARNING',
  verifies:
    'Every host of every Ingress is covered by a spec.tls entry (an entry without hosts covers all of them); Traefik\'s ' +
    `${TRAEFIK_TLS_ANNOTATION}: "true" annotation also counts, as the controller then serves its default certificate.`,
  fix: 'Add spec.tls: [{ hosts: [<host>] }] listing every host of the Ingress.',
  run: (context) =>
    perIngress(context, (ingress) => {
      if (textOf(annotationsOf(ingress)[TRAEFIK_TLS_ANNOTATION]) === 'true') return [];
      const tls = asList(ingress.object.spec?.tls).filter(isMap);
      const secret = context.cluster.tls.secretName ? `, secretName: ${context.cluster.tls.secretName}` : '';
      const rules = rulesOf(ingress);
      if (rules.length === 0) {
        return tls.length > 0 ? [] : [`${referenceOf(ingress)} serves plain HTTP — add spec.tls: [{ hosts: [<host>]${secret} }]`];
      }
      return rules
        .filter((rule) => !tls.some((entry) => tlsCovers(entry, rule.host)))
        .map((rule) =>
          rule.host === undefined
            ? `${referenceOf(ingress)} serves plain HTTP (no spec.tls) — add spec.tls: [{ hosts: [<host>]${secret} }] and give the rule that host`
            : tls.length === 0
              ? `${referenceOf(ingress)} serves host "${rule.host}" over plain HTTP — add spec.tls: [{ hosts: [${rule.host}]${secret} }]`
              : `${referenceOf(ingress)} serves host "${rule.host}" over plain HTTP: no spec.tls entry lists it — add ${rule.host} to the hosts of spec.tls`,
        );
    }),
};

export const INGRESS_CLASS: Check = {
  id: 'H3',
  slug: 'ingress-class',
  scope: { kinds: ['Ingress'] },
  group: 'H',
  title: 'Ingress uses the cluster\'s ingress class',
  severity: 'WARNING',
  verifies: `Every Ingress sets spec.ingressClassName (or the legacy ${INGRESS_CLASS_ANNOTATION} annotation) to the cluster's ingress class; when both are set they agree.`,
  fix: 'Set spec.ingressClassName to the cluster\'s class (traefik by default).',
  run: (context) => {
    const expected = context.cluster.ingressClassName;
    return perIngress(context, (ingress) => {
      const field = ingress.object.spec?.ingressClassName;
      const annotation = annotationsOf(ingress)[INGRESS_CLASS_ANNOTATION];
      const className = typeof field === 'string' ? field : undefined;
      const annotated = typeof annotation === 'string' ? annotation : undefined;
      if (className !== undefined && annotated !== undefined && className !== annotated) {
        return [
          `${referenceOf(ingress)} sets spec.ingressClassName "${className}" and the annotation ${INGRESS_CLASS_ANNOTATION}: "${annotated}", which Kubernetes refuses — ` +
            `keep spec.ingressClassName: ${expected} and remove the annotation`,
        ];
      }
      const effective = className ?? annotated;
      if (effective === undefined) {
        return [`${referenceOf(ingress)} names no ingress class, so the cluster's controller may ignore it — set spec.ingressClassName: ${expected}`];
      }
      if (effective !== expected) {
        const how = className !== undefined ? 'spec.ingressClassName' : `the annotation ${INGRESS_CLASS_ANNOTATION}`;
        return [`${referenceOf(ingress)} uses ingress class "${effective}" (${how}), but this cluster's controller is "${expected}" — set spec.ingressClassName: ${expected}`];
      }
      return [];
    });
  },
};

export const INGRESS_BACKEND: Check = {
  id: 'H4',
  slug: 'ingress-backend-exists',
  scope: { kinds: ['Ingress'] },
  group: 'H',
  title: 'Ingress backend Service exists and has pods',
  severity: 'WARNING',
  verifies:
    'Every Service backend of every Ingress is a Service of the set (same namespace) that has the port the backend names and selects the pods ' +
    'of at least one workload of the set (or, without a selector, has its Endpoints/EndpointSlice in the set).',
  fix: 'Point the backend at the Service in front of the app (nginx on 8080, or the app on 8081), and make that Service select the pods.',
  run: (context) =>
    perIngress(context, (ingress) => {
      const problems: string[] = [];
      const namespace = namespaceOf(context, ingress);
      for (const backend of routeBackends(ingress)) {
        const service = serviceNamed(context, backend.service, namespace);
        const at = `${referenceOf(ingress)} (${backend.where})`;
        if (!service) {
          problems.push(`${at} sends traffic to Service "${backend.service}", which is not in the manifests — add that Service or point the backend at one that exists`);
          continue;
        }
        if (!findServicePort(service, backend.port)) {
          const ports = servicePorts(service).map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port)));
          problems.push(
            `${at} sends traffic to Service/${service.name} port ${backend.port === undefined ? '(none)' : showPort(backend.port)}, which the Service does not have ` +
              `(its ports: ${ports.join(', ') || 'none'}) — set the backend port to one of them`,
          );
        }
        const selector = serviceSelector(service);
        if (!selector) {
          if (!hasManualEndpoints(context, service, namespace)) {
            problems.push(`${at} sends traffic to Service/${service.name}, which has no selector, so no pod receives it — add spec.selector with the pod labels of the workload it fronts`);
          }
        } else if (selectedWorkloads(context, service).length === 0) {
          problems.push(
            `${at} sends traffic to Service/${service.name}, which selects no pods (no workload has the labels ${showLabels(selector)}) — ` +
              'make the Service\'s selector match the pod labels of the workload it fronts',
          );
        }
      }
      return problems;
    }),
};

function hasManualEndpoints(context: ReviewContext, service: ManifestObject, namespace: string): boolean {
  if (service.object.spec?.type === 'ExternalName') return true;
  return (
    context.named('Endpoints', namespace, service.name) !== undefined ||
    context.ofKindIn('EndpointSlice', namespace).some((e) => e.object.metadata?.labels?.['kubernetes.io/service-name'] === service.name)
  );
}

export const INGRESS_CHECKS: readonly Check[] = [INGRESS_HOST_PATTERN, INGRESS_TLS, INGRESS_CLASS, INGRESS_BACKEND];

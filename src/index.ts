// The public API of vibe-env: what a creator's main.ts and a platform engineer's code use. Only
// re-exports, each concern in its own file; everything else is internal (tests import it from its
// file). The API reference in docs/api/ is generated from this file (`npm run docs:api`).

// --- A creator: the answers, and the app they become --------------------------------------------
export { VibeApp, type VibeAppOptions, type VibeAppProps, type RenderedFile } from './constructs/vibe-app';
export type {
  VibeAnswers,
  ImageAnswer,
  ImmutableTag,
  LatestTagRefused,
  ComponentsAnswer,
  DatabaseOptions,
  RedisOptions,
  RabbitmqOptions,
  NginxOptions,
  IngressAnswer,
  NetworkAnswer,
  EgressAllowance,
  BusinessMetric,
  ResolvedAnswers,
} from './contract/answers';
export { SIZES, type Size } from './contract/sizes';
export { RUNTIMES, type Runtime } from './contract/images';
export { VibeInputError, type InputProblem } from './contract/errors';
export { loadAppFile, loadAppSource, type InputFormat, type LoadedApp } from './inputs/load-input';

// --- A platform engineer: cluster settings, the model, charts and aspects to extend -------------
export type { ClusterConfig, ClusterConfigInput } from './contract/cluster-config';
export { AppModel } from './contract/app-model';
export { VibeChart, type VibeChartProps } from './constructs/vibe-chart';
export { Aspects, type IVibeAspect } from './constructs/aspects';
export { NamespaceChart } from './constructs/namespace-chart';
export { NetworkPoliciesChart, type NetworkPoliciesChartProps } from './constructs/network-policies-chart';
export { SealedSecretsChart, type SealedSecretsChartProps } from './constructs/sealed-secrets-chart';
export { ConfigChart, type ConfigChartProps } from './constructs/config-chart';
export { StorageChart, type StorageChartProps } from './constructs/storage-chart';
export { StatefulChart, type StatefulChartProps } from './constructs/stateful-chart';
export { AppChart, type AppChartProps } from './constructs/app-chart';
export { NginxChart } from './constructs/nginx-chart';
export { IngressChart } from './constructs/ingress-chart';
export { ExportersChart, type ExportersChartProps } from './constructs/exporters-chart';
export { ScalingChart } from './constructs/scaling-chart';
export { Postgres, Mongo, Redis, Rabbitmq, type StatefulComponent, type StatefulComponentName } from './components';
export type { IntendedFlow, IntendedEgress } from './contract/intended-flows';

// --- Delivery: CI/CD workflows, Argo CD, Dockerfiles ---------------------------------------------
export { ciWorkflow, cdWorkflow, type WorkflowOptions } from './delivery/workflows';
export { argoApplication, argoApplicationSet, type AppSource, type ArgoSettings } from './delivery/argocd';
export { parseAppsFile, readAppsFile, type AppsFile } from './delivery/apps-file';
export { allDockerfiles, dockerfileFor, type DockerfileOptions } from './delivery/dockerfiles';

// --- The review: manifests in, findings out ------------------------------------------------------
export { review, reviewApps } from './review/engine';
export type { ReviewInputs, DockerfileInput, LogLine, MetricsSample } from './review/context';
export type { Finding, ReviewReport, CheckSummary, AppsReport } from './review/finding';
export { CATALOGUE, checkById } from './review/catalogue';
export type { Check, CheckGroup, Severity } from './review/check';
export { ReviewGateError } from './review/gate-error';
export { loadManifests, type LoadManifestsOptions } from './manifests/load-manifests';
export type { ManifestObject } from './manifests/manifest-object';
export { VibeReviewValidation, type VibeReviewProperties } from './cdk8s-plugin';

// --- Who can reach whom: the NetworkPolicy evaluator ---------------------------------------------
export { NetworkModel, type Flow, type NetworkOptions } from './network/network-model';
export { toMermaid } from './network/mermaid';

// --- Sealing: values a controller's key can open, and the file that keeps them -------------------
export { seal, type SealOptions } from './seal/crypto';
export { loadSealingKey, readSealingKeyFile, type LoadSealingKeyOptions } from './seal/certificate';
export { SealedSecretFile, type SealedSecretFileContents } from './seal/sealed-secret-file';
export { SealedValue } from './seal/sealed-value';
export { SEAL_SCOPES, type SealScope, type SealTarget } from './seal/scope';
export { checkSealedFileTarget, mergeIntoSealedFile, type MergeResult, type SealedFileUpdate } from './seal/merge-sealed-file';
export { sealedSecretManifest } from './seal/sealed-secret-manifest';

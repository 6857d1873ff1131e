import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import { statefulComponents, type StatefulComponent } from '../components';
import { AppChart } from './app-chart';
import { applyAspects } from './aspects';
import { ConfigChart } from './config-chart';
import { ExportersChart } from './exporters-chart';
import { IngressChart } from './ingress-chart';
import { NamespaceChart } from './namespace-chart';
import { NetworkPoliciesChart } from './network-policies-chart';
import { NginxChart } from './nginx-chart';
import { ScalingChart } from './scaling-chart';
import { SealedSecretsChart, UNSEALED_PLACEHOLDER } from './sealed-secrets-chart';
import { StatefulChart } from './stateful-chart';
import { StorageChart } from './storage-chart';
import { VibeChart } from './vibe-chart';
import { waitForContainer } from './wait-for';
import { secretEnv } from '../components/stateful-component';
import type { VibeAnswers } from '../contract/answers';
import { AppModel } from '../contract/app-model';
import type { ClusterConfigInput } from '../contract/cluster-config';
import { VibeInputError } from '../contract/errors';
import { MANIFEST_EXTENSION } from '../contract/files';
import { intendedEgress, intendedFlows, type IntendedEgress, type IntendedFlow } from '../contract/intended-flows';
import { PROBE_TIMEOUT_SECONDS, PROBE_TIMEOUT_WITH_DATABASE_SECONDS } from '../contract/ports';
import { findDefaultSealedFile } from '../inputs/default-sealed-file';
import { startSecretScanner } from '../review/secrets/scanner';
import { gateBeforeWrite, ReviewGateError } from '../review/synth-gate';
import { SealedSecretFile } from '../seal/sealed-secret-file';
import { appReadme, APP_README } from '../synth/app-readme';
import { CONSTRUCT_METADATA_FILE, constructMetadataJson, recordConstructMetadataFromEnv } from '../synth/construct-metadata';
import { mainTsHook } from '../synth/main-ts-hook';
import { manifestYaml, escapeForComment } from '../synth/manifest-yaml';
import { renderedManifests } from '../synth/rendered-manifests';
import { GENERATED_HEADER, writeManifestSet } from '../synth/write-manifests';

export interface VibeAppOptions {
  /**
   * The cluster's platform settings (registry, mirror, host pattern, namespaces).
   * @default - the platform defaults
   */
  readonly cluster?: ClusterConfigInput;
  /**
   * Folder the numbered files are written to.
   * @default - $CDK8S_OUTDIR, else `k8s`
   */
  readonly outdir?: string;
  /**
   * Write cdk8s's `construct-metadata.json` beside the manifests, so validation plugins' reports
   * name the construct path of each object (`cdk8s synth` asks for it when cdk8s.yaml has
   * `validations:`).
   * @default - true when $CDK8S_RECORD_CONSTRUCT_METADATA is `true`, as for cdk8s's App
   */
  readonly recordConstructMetadata?: boolean;
}

/** One numbered file: its name, the Kubernetes objects in it, and its YAML text. */
export interface RenderedFile {
  readonly name: string;
  readonly objects: readonly any[];
  readonly text: string;
}

/** The answers of main.ts plus where and for which cluster to synthesize. */
export interface VibeAppProps<Tag extends string = string> extends VibeAnswers<Tag>, VibeAppOptions {}

/**
 * A whole app namespace from the creator's answers. Each numbered file is a chart directly on
 * this App, named after the file; platform engineers may add charts of their own.
 *
 * Several VibeApps may live in one process, each writing to its own `outdir`.
 */
export class VibeApp<Tag extends string = string> extends App {
  /**
   * The creator's entry point: validates, synthesizes, and on bad answers prints plain
   * problems (no stack trace) and sets exit code 2.
   */
  public static synthesize<T extends string>(props: VibeAppProps<T>): VibeApp<T> | undefined {
    // The gate scans every file with secretlint in a worker thread: start it now, so that it
    // loads on another core while the charts are composed and rendered.
    const hook = mainTsHook();
    if (!hook?.captureOnly) startSecretScanner();
    try {
      const app = new VibeApp(withDefaultSecrets(props));
      hook?.apps.push(app);
      if (hook?.captureOnly) return app;
      app.synth();
      for (const notice of app.notices) process.stderr.write(`notice: ${notice}\n`);
      return app;
    } catch (error) {
      // `vibe seal --app` reports the problems itself, with its exit code.
      if (hook?.captureOnly) throw error;
      if (error instanceof ReviewGateError) {
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
        return undefined;
      }
      if (!(error instanceof VibeInputError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return undefined;
    }
  }

  /** From untyped input (vibe.yaml, Helm values, JSON): answers and cluster config separately. */
  public static fromInput(answers: unknown, options: VibeAppOptions & { readonly source?: string } = {}): VibeApp {
    return VibeApp.fromModel(AppModel.resolve(answers, options.cluster, options.source), options.outdir);
  }

  /** From answers validated already (see `loadAppFile`). */
  public static fromModel(model: AppModel, outdir?: string): VibeApp {
    return new VibeApp({ ...model.answers, cluster: model.cluster, outdir });
  }

  public readonly model: AppModel;
  /** The stateful components the answers turn on, in file order. */
  public readonly components: readonly StatefulComponent[];
  /** Every connection the app needs; 01-network-policies allows these and nothing else. */
  public readonly flows: readonly IntendedFlow[];
  /** With restricted egress, every outgoing connection the app needs (else empty). */
  public readonly egress: readonly IntendedEgress[];
  private aspectsApplied = false;
  private readonly recordsConstructMetadata: boolean;
  /** Things the creator should know that do not stop synthesis (e.g. credentials not sealed yet). */
  public readonly notices: string[] = [];

  constructor(props: VibeAppProps<Tag>) {
    const { cluster, outdir, recordConstructMetadata, ...answers } = props;
    const model = AppModel.resolve(answers, cluster);
    super({ outdir: outdir ?? process.env.CDK8S_OUTDIR ?? 'k8s', outputFileExtension: MANIFEST_EXTENSION });
    this.model = model;
    this.recordsConstructMetadata = recordConstructMetadata ?? recordConstructMetadataFromEnv();
    this.components = statefulComponents(model);
    this.flows = intendedFlows(model, this.components);
    this.egress = intendedEgress(model, this.flows);
    this.compose();
  }

  /**
   * Renders every numbered file in memory, in file order, after applying the aspects, and runs
   * the review gate's manifest checks on the result: a CRITICAL finding (other than credentials
   * not sealed yet) throws ReviewGateError. Nothing is written.
   */
  public render(): RenderedFile[] {
    const files = this.renderUnchecked();
    gateBeforeWrite(renderedManifests(files), this.model.cluster, this.model.displayName);
    return files;
  }

  /** The rendered files without the gate (the gate itself, tests of checks). */
  public renderUnchecked(): RenderedFile[] {
    if (!this.aspectsApplied) {
      applyAspects(this);
      this.aspectsApplied = true;
    }
    const files: RenderedFile[] = [];
    for (const chart of this.fileCharts()) {
      const objects = chart.toJson();
      if (objects.length === 0) continue;
      const comments = headerCommentsOf(chart);
      files.push({ name: `${chart.node.id}${MANIFEST_EXTENSION}`, objects, text: `${this.header()}${comments}${manifestYaml(objects)}` });
    }
    return files;
  }

  /** Writes the numbered set into `outdir`, removing numbered files that are no longer produced. */
  public synth(): void {
    this.writeFiles(this.render());
  }

  /** Writes already rendered files (see `render`) into `outdir`, with the README beside them. */
  public writeFiles(files: readonly RenderedFile[]): void {
    const contents = new Map(files.map((f) => [f.name, f.text]));
    contents.set(APP_README, appReadme(this.model, files, this.notices));
    if (this.recordsConstructMetadata) contents.set(CONSTRUCT_METADATA_FILE, constructMetadataJson(this.fileCharts()));
    writeManifestSet(this.outdir, contents);
  }

  /** The charts directly on this App, one numbered file each, in file order. */
  private fileCharts(): Chart[] {
    return this.node.children
      .filter((child): child is Chart => Chart.isChart(child))
      .sort((a, b) => a.node.id.localeCompare(b.node.id));
  }

  private compose(): void {
    const { model, components } = this;
    const secretName = model.secretName;
    new NamespaceChart(this, { model });
    new NetworkPoliciesChart(this, { model, flows: this.flows, egress: this.egress });
    this.composeSecrets(secretName);
    const config = new ConfigChart(this, {
      model,
      connectionSettings: Object.assign({}, ...components.map((c) => c.connectionSettings())),
    });
    if (components.some((c) => c.storage)) new StorageChart(this, { model, components });
    for (const component of components) new StatefulChart(this, { model, component, secretName });
    new AppChart(this, {
      model,
      configMapName: config.configMapName,
      configData: config.data,
      initContainers: components.map((c) => waitForContainer(model, c)),
      secretEnv: this.appSecretKeys().map((key) => secretEnv(key, secretName)),
      readinessTimeoutSeconds: model.database ? PROBE_TIMEOUT_WITH_DATABASE_SECONDS : PROBE_TIMEOUT_SECONDS,
    });
    if (model.nginxEnabled) new NginxChart(this, { model });
    if (model.answers.ingress.enabled) new IngressChart(this, { model });
    new ExportersChart(this, { model, components, secretName });
    new ScalingChart(this, { model });
  }

  private composeSecrets(secretName: string): void {
    const required = this.components.flatMap((c) => c.credentials);
    const sealed = this.model.answers.secrets;
    if (required.length === 0 && !sealed?.values.size) return;
    const chart = new SealedSecretsChart(this, { model: this.model, secretName, required, sealed });
    if (chart.missing.length > 0) {
      this.notices.push(
        `${chart.missing.length} credential(s) are not sealed yet (${chart.missing.join(', ')}); ` +
          `02-sealed-secrets.yaml holds ${UNSEALED_PLACEHOLDER} stubs with sealing instructions. Seal them before deploying.`,
      );
    }
  }

  /**
   * Keys the app container gets as secretKeyRef: each component's connection URL, and every
   * key of the creator's own that is not a component's internal password.
   */
  private appSecretKeys(): string[] {
    const internal = new Set(this.components.flatMap((c) => c.credentials.map((cred) => cred.key)));
    const own = [...(this.model.answers.secrets?.values.keys() ?? [])].filter((key) => !internal.has(key));
    return [...this.components.map((c) => c.appCredentialKey), ...own.sort()];
  }

  private header(): string {
    // The name is escaped: a line separator or a control character in it would end the comment.
    return `${GENERATED_HEADER}${escapeForComment(JSON.stringify(this.model.displayName))} (${this.model.namespace}).\n# Do not edit: change the answers and synthesize again.\n`;
  }
}


/** The comment block a numbered file starts with (charts of platform engineers have none). */
function headerCommentsOf(chart: Chart): string {
  const lines: readonly string[] = VibeChart.isVibeChart(chart) ? chart.headerComments : [];
  return lines.map((line) => `# ${line}\n`).join('');
}

/**
 * The creator's main.ts gets its sealed file by convention: sealed-secrets.yaml beside the
 * script that runs (or in the working folder), unless `secrets` is given.
 */
function withDefaultSecrets<T extends string>(props: VibeAppProps<T>): VibeAppProps<T> {
  if (props.secrets) return props;
  const script = mainTsHook()?.file ?? require.main?.filename;
  const file = (script && findDefaultSealedFile(path.dirname(script))) ?? findDefaultSealedFile(process.cwd());
  return file ? { ...props, secrets: SealedSecretFile.load(file) } : props;
}

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestenvBinaries } from './binaries';
import { makeClusterCerts, type ClusterCerts } from './certs';
import { KubeClient } from './kube-client';
import { freePort, TestProcess, waitUntil } from './processes';

/** The users of the token file: an admin, a user with no rights until a test grants some, and the controller. */
const USERS = { admin: 'system:masters', restricted: '', controller: 'system:masters' } as const;
export type TestUser = keyof typeof USERS;

/**
 * etcd and kube-apiserver on 127.0.0.1 (free ports, a temp folder, a fresh CA), with the admission
 * a normal cluster has — Pod Security and NamespaceLifecycle on — and RBAC. ServiceAccount
 * admission is off: with no controller-manager nobody creates the `default` ServiceAccount.
 * No kubelet and no controller-manager: pods are admitted, never run.
 */
export class TestCluster {
  static async start(binaries: TestenvBinaries): Promise<TestCluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vibe-testenv-'));
    const cluster = new TestCluster(dir, binaries, makeClusterCerts(dir));
    try {
      await cluster.startEtcd();
      await cluster.startApiserver();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  readonly tokens: Record<TestUser, string>;
  private readonly processes: TestProcess[] = [];
  private etcdPort = 0;
  private apiserverPort = 0;

  private constructor(readonly dir: string, private readonly binaries: TestenvBinaries, readonly certs: ClusterCerts) {
    this.tokens = { admin: token(), restricted: token(), controller: token() };
    const lines = (Object.keys(USERS) as TestUser[]).map((user, i) => `${this.tokens[user]},vibe-test-${user},${1000 + i},"${USERS[user]}"`);
    fs.writeFileSync(path.join(dir, 'tokens.csv'), `${lines.join('\n')}\n`, { mode: 0o600 });
  }

  get server(): string {
    return `https://127.0.0.1:${this.apiserverPort}`;
  }

  get port(): number {
    return this.apiserverPort;
  }

  client(user: TestUser = 'admin'): KubeClient {
    return new KubeClient(this.server, fs.readFileSync(this.certs.caCert, 'utf8'), this.tokens[user]);
  }

  /** A kubeconfig for one user, as `vibe` and kubectl read it. */
  kubeconfig(user: TestUser = 'admin'): string {
    const file = path.join(this.dir, `kubeconfig-${user}.yaml`);
    const config = {
      'apiVersion': 'v1',
      'kind': 'Config',
      'clusters': [{ name: 'testenv', cluster: { 'server': this.server, 'certificate-authority': this.certs.caCert } }],
      'users': [{ name: user, user: { token: this.tokens[user] } }],
      'contexts': [{ name: 'testenv', context: { cluster: 'testenv', user } }],
      'current-context': 'testenv',
    };
    fs.writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });
    return file;
  }

  /** Starts a process that belongs to the cluster run (stopped with it). */
  spawn(name: string, command: string, args: readonly string[], env?: NodeJS.ProcessEnv): TestProcess {
    const proc = TestProcess.start(name, command, args, { log: path.join(this.dir, `${name}.log`), env });
    this.processes.push(proc);
    return proc;
  }

  /** Stops every process by pid, newest first, then removes the temp folder. */
  async stop(): Promise<void> {
    for (const proc of [...this.processes].reverse()) await proc.stop();
    this.processes.length = 0;
    if (process.env.VIBE_TESTENV_KEEP) process.stderr.write(`testenv: kept ${this.dir}\n`);
    else fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private async startEtcd(): Promise<void> {
    this.etcdPort = await freePort();
    const peerPort = await freePort();
    const client = `http://127.0.0.1:${this.etcdPort}`;
    const peer = `http://127.0.0.1:${peerPort}`;
    const etcd = this.spawn('etcd', this.binaries.etcd, [
      '--name=testenv',
      `--data-dir=${path.join(this.dir, 'etcd')}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=testenv=${peer}`,
      '--unsafe-no-fsync', // a throwaway store: durability buys nothing and costs seconds
      '--log-level=warn',
    ]);
    await waitUntil('healthy', async () => (await fetch(`${client}/health`)).ok, 30_000, etcd);
  }

  private async startApiserver(): Promise<void> {
    this.apiserverPort = await freePort();
    const apiserver = this.spawn('kube-apiserver', this.binaries.kubeApiserver, [
      `--etcd-servers=http://127.0.0.1:${this.etcdPort}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${this.apiserverPort}`,
      `--cert-dir=${path.join(this.dir, 'apiserver-certs')}`,
      `--tls-cert-file=${this.certs.serverCert}`,
      `--tls-private-key-file=${this.certs.serverKey}`,
      `--client-ca-file=${this.certs.caCert}`,
      `--token-auth-file=${path.join(this.dir, 'tokens.csv')}`,
      '--anonymous-auth=false',
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${this.certs.serviceAccountPub}`,
      `--service-account-signing-key-file=${this.certs.serviceAccountKey}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      '--enable-admission-plugins=NamespaceLifecycle,PodSecurity,LimitRanger,ResourceQuota',
      '--disable-admission-plugins=ServiceAccount',
      '--allow-privileged=true', // as kubeadm and every distribution set it: Pod Security is what refuses
      '--profiling=false',
      '--v=1',
    ]);
    const admin = this.client('admin');
    await waitUntil('ready', async () => (await admin.request('GET', '/readyz')).status === 200, 120_000, apiserver);
  }
}

function token(): string {
  return randomBytes(24).toString('hex');
}

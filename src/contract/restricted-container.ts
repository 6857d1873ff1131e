/**
 * What a container the platform writes looks like, as plain data (no cdk8s, so the review's
 * fixers use the same facts as the constructs): Pod Security "restricted", and the init
 * container that holds an app back until a dependency answers.
 */

/** Pod Security "restricted" for one container running as `uid`. */
export function restrictedContainerSecurityContext(uid: number) {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * The command of a wait-for init container: retry a TCP connection to `host:port` every two
 * seconds, logging JSON (`what` names the dependency in the message) until it answers.
 */
export function waitForCommand(host: string, port: number | string, what = `${host}:${port}`): string[] {
  const log = `{"time":"%s","level":"info","msg":"waiting for ${what}"}\\n`;
  return ['bash', '-c', `until (echo > /dev/tcp/${host}/${port}) 2>/dev/null; do printf '${log}' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"; sleep 2; done`];
}

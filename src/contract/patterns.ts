/** Formats shared by the answers and the cluster config. */

/** RFC 1123 label: lowercase letters, digits and '-', starting and ending alphanumeric. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1035 label (Service names): like a DNS label but must start with a letter. */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS name: dot-separated RFC 1123 labels. */
export const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An image registry, optionally with a port and a path: `harbor.example.com[:443][/project]`. */
export const REGISTRY = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/** An image repository path below a registry (no host, no tag). */
export const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/** Immutable image references: a commit SHA (7–40 hex) or an image digest. */
export const COMMIT_SHA = /^[0-9a-f]{7,40}$/;
export const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Kubernetes label keys (optional DNS prefix + name) and values. */
export const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Environment variable names. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Kubernetes resource quantity (storage sizes such as `5Gi`). */
export const STORAGE_QUANTITY = /^[1-9][0-9]*(Ki|Mi|Gi|Ti)$/;

/** Kubernetes object names are at most 63 characters for labels, namespaces and Services. */
export const MAX_NAME_LENGTH = 63;

/**
 * A coarse list of credential-looking names, kept for callers of the library. The answers and the
 * review judge names by their words and values instead (`isCredentialName`, `judgeNamedValue` in
 * src/review/secrets/), which also catch `DB_PASS` or `ADMIN_PW` and let `TOKEN_TTL_SECONDS` pass.
 */
export const SECRET_LOOKING_NAME = /(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH|DSN|DATABASE_URL|MONGO_URL|REDIS_URL|AMQP_URL|CONNECTION_STRING)/i;

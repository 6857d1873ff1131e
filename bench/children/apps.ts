import type { VibeAnswers } from '../../src/contract/answers';

const WORDS = ['inventory', 'billing', 'orders', 'catalog', 'search', 'reports', 'tickets', 'notes', 'booking', 'survey', 'pricing', 'alerts', 'recipes'];
const SIZES = ['xs', 'sm', 'md', 'lg', 'xl'] as const;
const RUNTIMES = ['node22', 'node20', 'python3.12', 'python3.11', 'go1.23', 'jvm21', 'jvm17', 'rust1.78', 'php8.3'] as const;

/** A 7–12 character lowercase hex "commit SHA", different per app. */
function commitSha(i: number): string {
  const hash = (Math.imul(i + 1, 2654435761) >>> 0).toString(16).padStart(8, '0');
  return `${hash}${'abcdef0123'.slice(0, i % 5)}`;
}

/**
 * The i-th app of the scale benchmark: every answer varies with i (name, size, runtime, database
 * or none, redis with or without persistence, rabbitmq, nginx plain or SPA, mgmt sidecar, ingress
 * with or without TLS, restricted egress, env, business metrics), so N apps exercise every
 * chart and check rather than one path N times. Deterministic: the same i gives the same app.
 */
export function appAnswers(i: number): VibeAnswers {
  const word = WORDS[i % WORDS.length];
  const slug = `${word}-${i}`;
  const database = i % 3;
  return {
    slug,
    name: `${word.charAt(0).toUpperCase()}${word.slice(1)} ${i}`,
    image: { repository: `team-${i % 7}/${word}`, tag: commitSha(i) },
    size: SIZES[i % SIZES.length],
    runtime: RUNTIMES[i % RUNTIMES.length],
    components: {
      postgres: database === 0 ? (i % 2 === 0 ? { storage: '10Gi', size: 'lg' } : true) : false,
      mongo: database === 1,
      redis: i % 4 === 0 ? { persistence: true, storage: '2Gi' } : i % 2 === 0,
      rabbitmq: i % 5 === 0,
      nginx: i % 6 === 5 ? false : i % 4 === 1 ? { spaFallback: true, apiPrefix: '/api/' } : true,
      mgmtSidecar: i % 7 === 0,
    },
    ingress: { enabled: i % 8 !== 7, tls: i % 3 !== 2 },
    ...(i % 10 === 3 ? { network: { egress: 'restricted' as const, allowEgressTo: [{ cidr: '10.20.0.0/16', ports: [443], purpose: 'payments-api' }] } } : {}),
    env: i % 2 === 0 ? { FEATURE_FLAGS: `beta-${i % 3}`, REGION: ['eu-1', 'us-2', 'ap-3'][i % 3] } : {},
    businessMetrics:
      i % 4 === 0
        ? [
          { name: `${word}_processed_total`, type: 'counter', help: `Items processed by ${word}`, labels: ['status'] },
          { name: `${word}_queue_depth`, type: 'gauge', help: 'Items waiting' },
        ]
        : [],
  };
}

import fc from 'fast-check';
import { RUNTIMES, SIZES, type VibeAppProps } from '../src';

/** Random valid answers, covering every option the foundation synthesizes. */
export const validAnswers: fc.Arbitrary<VibeAppProps> = fc.record(
  {
    slug: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/).filter((s) => !s.includes('--')),
    name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,!?'-]{0,40}$/).map((s) => s.trim()).filter((s) => s.length > 0),
    image: fc.record({
      repository: fc.stringMatching(/^[a-z0-9]{1,12}(\/[a-z0-9]{1,12})?$/),
      tag: fc.oneof(fc.stringMatching(/^[0-9a-f]{7,40}$/), fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`)),
    }),
    size: fc.constantFrom(...SIZES),
    runtime: fc.constantFrom(...RUNTIMES),
    components: fc
      .record(
        {
          database: fc.constantFrom('none', 'postgres', 'mongo'),
          databaseOptions: fc.oneof(fc.constant(true), fc.record({ storage: fc.constantFrom('1Gi', '20Gi'), size: fc.constantFrom(...SIZES) }, { requiredKeys: [] })),
          redis: fc.oneof(fc.boolean(), fc.record({ persistence: fc.boolean() })),
          rabbitmq: fc.boolean(),
          nginx: fc.oneof(fc.boolean(), fc.record({ spaFallback: fc.boolean() })),
          mgmtSidecar: fc.boolean(),
        },
        { requiredKeys: [] },
      )
      .map(({ database, databaseOptions, ...rest }) => (database && database !== 'none' ? { ...rest, [database]: databaseOptions } : rest)),
    ingress: fc.record({ enabled: fc.boolean(), tls: fc.boolean() }, { requiredKeys: [] }),
    env: fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,15}$/).filter((k) => !/PASS|PWD|PW|SECRET|TOKEN|KEY|CREDENTIAL|CREDS|AUTH|DSN|URL|STRING|HMAC|SALT|PEPPER|JWT|BEARER|SIGNING|CONN|SIG|COOKIE|PRIVATE|^PORT$|^MGMT_PORT$|^APP_|^LOG_FORMAT$|^OTEL_/.test(k)), fc.stringMatching(/^[a-z0-9 ._-]{0,20}$/), { maxKeys: 4 }),
  },
  { requiredKeys: ['slug', 'image'] },
) as fc.Arbitrary<VibeAppProps>;

/** One field made invalid, with the field path the error must name. */
export const invalidAnswers: fc.Arbitrary<{ answers: Record<string, unknown>; field: string }> = fc
  .tuple(
    validAnswers,
    fc.oneof(
      fc.constant<[string, (a: any) => void]>(['image.tag', (a) => (a.image = { ...a.image, tag: 'latest' })]),
      fc.constant<[string, (a: any) => void]>(['image.tag', (a) => (a.image = { ...a.image, tag: 'release-1' })]),
      fc.constant<[string, (a: any) => void]>(['slug', (a) => (a.slug = `${a.slug}_X`)]),
      fc.constant<[string, (a: any) => void]>(['slug', (a) => (a.slug = `9${a.slug}`)]),
      fc.constant<[string, (a: any) => void]>(['size', (a) => (a.size = 'xxl')]),
      fc.constant<[string, (a: any) => void]>(['components', (a) => (a.components = { ...a.components, postgres: true, mongo: true })]),
      fc.constant<[string, (a: any) => void]>(['env.DB_PASSWORD', (a) => (a.env = { ...a.env, DB_PASSWORD: 'hunter2' })]),
      fc.constant<[string, (a: any) => void]>(['ingress.enabled', (a) => (a.ingress = { enabled: 'yes' })]),
    ),
  )
  .map(([answers, [field, spoil]]) => {
    const copy: any = structuredClone(answers);
    spoil(copy);
    return { answers: copy, field };
  });

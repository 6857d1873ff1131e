/**
 * The labelled set the detector is measured on: true credentials (generated, see
 * fake-credentials.ts) and look-alikes that are not (UUIDs, hashes, image digests, base64 config,
 * public keys, settings about credentials). Named values as env vars have them; texts as log lines
 * and config files have them.
 */
import { ALNUM, B64, B64URL, Fakes, HEX, ruleSamples } from './fake-credentials';

export interface LabelledValue {
  readonly name: string;
  readonly value: string;
  readonly credential: boolean;
  /** What kind of example it is, for the report. */
  readonly kind: string;
}

export interface LabelledText {
  readonly text: string;
  readonly credential: boolean;
  readonly kind: string;
}

export function labelledValues(f = new Fakes(1414)): LabelledValue[] {
  const samples = ruleSamples(f);
  const yes = (kind: string, name: string, value: string): LabelledValue => ({ name, value, credential: true, kind });
  const no = (kind: string, name: string, value: string): LabelledValue => ({ name, value, credential: false, kind });
  return [
    // Every known format, under the name the sample gives it.
    ...Object.entries(samples).map(([rule, { hit }]) => yes(`format:${rule}`, hit.name, hit.value)),
    ...Object.entries(samples).map(([rule, { miss }]) => no(`format-look-alike:${rule}`, miss.name, miss.value)),
    // The env, as a new user wrote it.
    yes('name', 'DB_PASS', `pg-${f.chars(ALNUM, 10)}`),
    yes('name', 'SMTP_PASS', 'Summer2024!'),
    yes('name', 'ADMIN_PW', 'correct horse battery staple'),
    yes('name', 'JWT_SIGNING', f.chars(B64, 32)),
    yes('name', 'COOKIE_SIGNING_SALT', f.chars(ALNUM, 16)),
    yes('name', 'ENCRYPTION_KEY', f.chars(HEX, 64)),
    yes('name', 'HMAC', f.chars(HEX, 40)),
    yes('name', 'SENTRY_DSN', `https://${f.chars(HEX, 32)}@o4507.ingest.sentry.example.com/42`),
    yes('name', 'DB_CONN', `postgres://shop:${f.chars(ALNUM, 12)}@shop-postgres:5432/shop`),
    yes('name', 'CREDENTIALS', JSON.stringify({ user: 'shop', pass: f.chars(ALNUM, 12) })),
    yes('name', 'PRIVATE_KEY', f.chars(B64, 44)),
    yes('name', 'TWILIO_AUTH_TOKEN', f.chars(HEX, 32)),
    yes('name', 'NEXTAUTH_SECRET', f.chars(B64, 44)),
    yes('name', 'dbPassword', 'hunter2'),
    yes('name', 'MYAPIKEY', f.chars(ALNUM, 32)),
    yes('name', 'REDIS_URL', `redis://:${f.chars(ALNUM, 16)}@cache:6379/0`),
    // Random values under names that only may hold a key.
    yes('entropy', 'SEGMENT_WRITE_KEY', f.chars(ALNUM, 32)),
    yes('entropy', 'CLIENT_KEY', f.chars(B64URL, 40)),
    yes('entropy', 'APP_KEY', `base64:${f.chars(B64, 43)}=`),
    yes('entropy', 'AUTH', f.chars(ALNUM, 24)),
    yes('entropy', 'WEBHOOK_SIG', f.chars(HEX, 48)),
    // Names about credentials, and the look-alikes.
    no('name-look-alike', 'MONKEY_COUNT', '3'),
    no('name-look-alike', 'KEYBOARD_LAYOUT', 'us'),
    no('name-look-alike', 'CACHE_KEY_PREFIX', 'app:'),
    no('name-look-alike', 'SORT_KEY', 'name'),
    no('name-look-alike', 'TOKEN_TTL_SECONDS', '3600'),
    no('name-look-alike', 'PASSWORD_MIN_LENGTH', '12'),
    no('name-look-alike', 'MAX_TOKENS', '4096'),
    no('name-look-alike', 'DB_PASSWORD_FILE', '/run/secrets/db-password'),
    no('name-look-alike', 'AUTH_ENABLED', 'true'),
    no('name-look-alike', 'OAUTH_ISSUER', 'https://login.example.com/realms/shop'),
    no('name-look-alike', 'JWT_AUDIENCE', 'shop-api'),
    no('name-look-alike', 'SECRET_NAME', 'shop-secrets'),
    no('name-look-alike', 'MONGODB_URI', 'mongodb://shop-mongodb:27017/admin'),
    no('name-look-alike', 'PARTITION_KEY', 'customer_id'),
    no('name-look-alike', 'IDEMPOTENCY_KEY_HEADER', 'Idempotency-Key'),
    no('name-look-alike', 'S3_KEY', 'uploads/2024/avatars/profile.png'),
    no('name-look-alike', 'CACHE_KEY', 'v3'),
    no('name-look-alike', 'KEY_VAULT_NAME', 'shop-kv'),
    no('key-like-look-alike', 'SORT_KEY', 'created_at_descending_2024'),
    no('key-like-look-alike', 'FEATURE_KEY', 'new-checkout-flow-2025'),
    no('key-like-look-alike', 'AUTH', 'oidc-keycloak-realm-shop-01'),
    no('key-like-look-alike', 'CACHE_KEY', `orders-v3-${f.chars(HEX, 8)}`),
    no('key-like-look-alike', 'IDEMPOTENCY_KEY', f.uuid()),
    no('key-like-look-alike', 'CACHE_KEY', f.chars(HEX, 40)),
    no('name-look-alike', 'STRIPE_PUBLISHABLE_KEY', `pk_live_${f.chars(ALNUM, 24)}`),
    no('name-look-alike', 'PUBLIC_KEY', f.pem('PUBLIC KEY')),
    no('name-look-alike', 'PASSWORD_RESET_URL', 'https://shop.example.com/reset'),
    no('name-look-alike', 'SESSION_COOKIE_NAME', 'sid'),
    no('name-look-alike', 'BYPASS_CACHE', 'false'),
    no('name-look-alike', 'TOKENIZER_MODEL', 'cl100k_base'),
    // Random-looking but not credentials, under neutral names.
    no('look-alike:uuid', 'REQUEST_ID', f.uuid()),
    no('look-alike:uuid', 'TENANT_ID', f.uuid()),
    no('look-alike:hash', 'COMMIT_SHA', f.chars(HEX, 40)),
    no('look-alike:hash', 'TRACE_ID', f.chars(HEX, 32)),
    no('look-alike:hash', 'CHECKSUM', f.chars(HEX, 64)),
    no('look-alike:digest', 'IMAGE_DIGEST', `sha256:${f.chars(HEX, 64)}`),
    no('look-alike:digest', 'IMAGE', `harbor.internal.example.com/shop/app@sha256:${f.chars(HEX, 64)}`),
    no('look-alike:base64', 'FEATURE_FLAGS_B64', Buffer.from('{"checkout":true,"search":"v2","banner":"summer"}').toString('base64')),
    no('look-alike:base64', 'CONFIG_B64', Buffer.from('log:\n  level: info\nfeatures:\n  - search\n').toString('base64')),
    no('look-alike:certificate', 'CA_BUNDLE', f.pem('CERTIFICATE')),
    no('look-alike:random', 'BUILD_ID', f.chars(ALNUM, 24)),
    no('look-alike:random', 'CACHE_BUSTER', f.chars(HEX, 16)),
    no('look-alike:url', 'API_BASE_URL', 'https://api.example.com/v1'),
    no('look-alike:url', 'DATABASE_HOST', 'shop-postgres.platform-vibe-shop.svc.cluster.local'),
  ];
}

export function labelledTexts(f = new Fakes(4141)): LabelledText[] {
  const samples = ruleSamples(f);
  const yes = (kind: string, text: string): LabelledText => ({ text, credential: true, kind });
  const no = (kind: string, text: string): LabelledText => ({ text, credential: false, kind });
  const formatLines = Object.entries(samples)
    // The two rules that need a name (the value alone is 40 base64 characters or `key-…`) are written with it.
    .map(([rule, { hit }]) =>
      yes(`log:${rule}`, rule === 'aws-secret-access-key' || rule === 'mailgun-private-api-token' ? `level=error msg="bad config" ${hit.name.toLowerCase()}=${hit.value}` : `level=error msg="request failed" detail="${hit.value.split('\n').join('\\n')}"`),
    );
  return [
    ...formatLines,
    yes('log:aws-in-message', `ERROR could not assume role with access key AKIA${f.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}: AccessDenied`),
    yes('log:api-key-field', `{"level":"info","msg":"calling provider","api_key":"${f.chars(ALNUM, 32)}"}`),
    yes('log:client-secret', `client_secret=${f.chars(B64URL, 40)} grant_type=client_credentials`),
    yes('log:url-password', `connecting to postgres://shop:${f.chars(ALNUM, 14)}@shop-postgres:5432/shop`),
    yes('log:bearer', `GET /api/orders Authorization: Bearer ${f.jwt()}`),
    yes('config:properties', `spring.datasource.url=jdbc:postgresql://db/shop\nspring.datasource.password=${f.chars(ALNUM, 16)}\n`),
    yes('config:stripe-key', `stripe_key: ${samples['stripe-access-token'].hit.value}\n`),
    no('log:uuid', `INFO request ${f.uuid()} completed in 12ms`),
    no('log:digest', `pulled image harbor.internal.example.com/shop/app@sha256:${f.chars(HEX, 64)}`),
    no('log:commit', `deploying commit ${f.chars(HEX, 40)} to production`),
    no('log:token-expired', 'WARN token expired, refreshing'),
    no('log:wrong-password', 'INFO login failed: wrong password, try again'),
    no('log:cache-key', 'DEBUG cache miss key=user:42:profile'),
    no('log:token-count', '{"msg":"completion","max_tokens":4096,"token_count":812}'),
    no('log:checksum', `checksum=${f.chars(HEX, 64)} file=app.tar.gz`),
    no('log:trace', `trace_id=${f.chars(HEX, 32)} span_id=${f.chars(HEX, 16)}`),
    no('config:base64', `features: ${Buffer.from('{"checkout":true,"search":"v2"}').toString('base64')}\n`),
    no('config:public-key', f.pem('PUBLIC KEY')),
    no('config:certificate', f.pem('CERTIFICATE')),
    no('config:settings', 'LOG_LEVEL=info\nTOKEN_TTL_SECONDS=3600\nPASSWORD_MIN_LENGTH=12\nCACHE_KEY_PREFIX=app:\n'),
    no('config:url', 'api_url=https://api.example.com/v1 auth_mode=oidc'),
  ];
}

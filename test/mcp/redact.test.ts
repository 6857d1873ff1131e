import { redactCredentials, REDACTED_VALUE } from '../../src/mcp/redact';

/** What vibe mcp's fix diff shows of a manifest: every credential value hidden, the rest untouched. */
describe('redactCredentials', () => {
  const TOKEN = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
  const text = `# config and credentials
apiVersion: v1
kind: ConfigMap
metadata: { name: shop-config }
data:
  LOG_LEVEL: info
  DB_PASSWORD: "Xk9mQ2vLp8zR4wTb7nHs"
  TOKEN_TTL_SECONDS: "3600"
---
apiVersion: v1
kind: Secret
metadata: { name: shop }
stringData:
  anything: plain words
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop-app }
spec:
  template:
    spec:
      containers:
        - name: app
          args: ["--token", "${TOKEN}"]
          env:
            - name: API_TOKEN
              value: s3cr3t-value-here
            - name: PORT
              value: "8081"
`;

  it('hides each credential value and keeps every other byte', () => {
    const out = redactCredentials(text);
    for (const value of ['Xk9mQ2vLp8zR4wTb7nHs', 'plain words', TOKEN, 's3cr3t-value-here']) expect(out).not.toContain(value);
    expect(out.split('\n').length).toBe(text.split('\n').length);
    expect(out).toContain(`  DB_PASSWORD: ${REDACTED_VALUE}\n`);
    expect(out).toContain(`  anything: ${REDACTED_VALUE}\n`);
    expect(out).toContain(`              value: ${REDACTED_VALUE}\n`);
    expect(out).toContain(`args: ["--token", ${REDACTED_VALUE}]`);
    // What is not a credential stays as written.
    for (const line of ['# config and credentials', '  LOG_LEVEL: info', '  TOKEN_TTL_SECONDS: "3600"', '              value: "8081"', '        - name: app']) expect(out).toContain(line);
  });

  it('leaves a text without credentials unchanged', () => {
    const plain = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform-vibe-shop # the app namespace\n';
    expect(redactCredentials(plain)).toBe(plain);
  });
});

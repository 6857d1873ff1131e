import { isMap, isPair, isScalar, parseAllDocuments, visit, type Node } from 'yaml';
import { credentialFormatIn, judgeNamedValue } from '../review/secrets/detector';

/** What a credential value is shown as in anything `vibe mcp` returns. */
export const REDACTED_VALUE = '<redacted>';

/**
 * The manifest text with every credential-looking value replaced by <redacted>, everything else
 * byte for byte as it was (so a diff of two redacted texts shows the same changes): every value of
 * a plain Secret's data and stringData, a value judged a credential with its key (`DB_PASSWORD:
 * …`) or with its env entry's name (`- name: API_TOKEN` / `value: …`), and any text in a known
 * credential format, wherever it is. The judgement is the review's own detector (E2, E5).
 */
export function redactCredentials(text: string): string {
  const ranges: [number, number][] = [];
  for (const document of parseAllDocuments(text)) {
    if (!('contents' in document)) continue;
    const secretData = new Set<Node>();
    if (document.get('kind') === 'Secret') {
      for (const field of ['data', 'stringData']) {
        const map = document.get(field, true);
        if (isMap(map)) for (const item of map.items) if (item.value) secretData.add(item.value as Node);
      }
    }
    visit(document, {
      Scalar(_key, node, path) {
        if (typeof node.value !== 'string' && typeof node.value !== 'number') return;
        if (!node.range) return;
        const parent = path[path.length - 1];
        const isValue = isPair(parent) && parent.value === node;
        const name = isValue && isScalar(parent.key) ? String(parent.key.value) : undefined;
        const byName = name !== undefined && judgeNamedValue(name, node.value) !== undefined;
        const credential = secretData.has(node) || byName || credentialFormatIn(String(node.value)) !== undefined || envCredential(name, node, path);
        if (credential) ranges.push([node.range[0], node.range[1]]);
      },
    });
  }
  let out = text;
  for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) out = `${out.slice(0, start)}${REDACTED_VALUE}${out.slice(end)}`;
  return out;
}

/** `value:` of an env entry whose `name:` makes it a credential. */
function envCredential(key: string | undefined, node: Node, path: readonly unknown[]): boolean {
  if (key !== 'value') return false;
  const entry = path[path.length - 2];
  if (!isMap(entry)) return false;
  const name = entry.get('name');
  return typeof name === 'string' && judgeNamedValue(name, isScalar(node) ? node.value : undefined) !== undefined;
}

import * as http from 'node:http';
import * as https from 'node:https';
// Types only: the client is loaded by KubeApi.connect when a command talks to a cluster.
import type { RequestContext } from '@kubernetes/client-node';

/** One answer of the API server, its body read up to the cap. */
export interface BoundedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
  /** True when the body went on past the cap and was cut there (the rest never read). */
  readonly truncated: boolean;
}

/**
 * Sends a request prepared (and authenticated) by `@kubernetes/client-node` and reads at most
 * `maxBytes` of the answer, whatever its Content-Length says or when it has none: the client's
 * own HTTP library buffers a whole body, so an endless one would grow until the time limit. The
 * request's signal (its time limit) covers the body too. Redirects are not followed: the
 * reviewer's token goes to the API server only.
 */
export function sendBounded(context: RequestContext, maxBytes: number): Promise<BoundedAnswer> {
  const url = new URL(context.getUrl());
  const transport = url.protocol === 'https:' ? https : http;
  const body = context.getBody();
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      { method: context.getHttpMethod().toString(), headers: context.getHeaders(), agent: context.getAgent(), signal: context.getSignal() },
      (response) => {
        const chunks: Buffer[] = [];
        let total = 0;
        let truncated = false;
        const finish = () => {
          const headers: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: response.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8'), truncated });
        };
        // A declared length above the cap: nothing of the body is read.
        if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
          truncated = true;
          response.destroy();
          finish();
          return;
        }
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = maxBytes - total;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          total += Math.min(chunk.length, room);
          if (chunk.length > room) {
            truncated = true;
            // Stop reading: the connection goes, the rest of the body is never received.
            response.destroy();
            finish();
          }
        });
        response.on('end', finish);
        response.on('error', (error) => (truncated ? undefined : reject(error)));
        response.on('aborted', () => (truncated ? undefined : reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }))));
      },
    );
    request.on('error', reject);
    if (body !== undefined && body !== null) request.write(body as string | Buffer);
    request.end();
  });
}

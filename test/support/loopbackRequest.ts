import { request, type IncomingHttpHeaders } from 'node:http';

export interface LoopbackReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface LoopbackRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** false: a fresh connection that closes after the reply, not one kept alive by the shared agent. */
  agent?: false;
}

/** One raw HTTP request to a server on 127.0.0.1 (with the Host header a browser would send), read whole. */
export function loopbackRequest(port: number, path: string, options: LoopbackRequest = {}): Promise<LoopbackReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent: options.agent,
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

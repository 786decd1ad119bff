import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the test server serves one path. (Test helper, not built.) */
export interface Route {
  readonly body: Uint8Array;
  /** Honour `Range: bytes=N-` with 206; otherwise always answer 200 with the whole body. Default true. */
  readonly range?: boolean;
  /** Destroy the connection after this many body bytes, on the first `drops` requests only. */
  readonly dropAfter?: number;
  readonly drops?: number;
}

/** A node:http server on 127.0.0.1 and a random port, recording the requests it got. */
export interface TestServer {
  readonly url: string;
  readonly requests: { path: string; range: string | undefined }[];
  close(): Promise<void>;
}

function serve(route: Route, req: IncomingMessage, res: ServerResponse, dropsLeft: Map<Route, number>): void {
  const whole = Buffer.from(route.body);
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  let body = whole;
  if (match !== null && route.range !== false) {
    const start = Number(match[1]);
    if (start >= whole.length) {
      res.writeHead(416, { 'content-range': `bytes */${whole.length}` });
      res.end();
      return;
    }
    body = whole.subarray(start);
    res.writeHead(206, {
      'content-length': body.length,
      'content-range': `bytes ${start}-${whole.length - 1}/${whole.length}`,
    });
  } else {
    res.writeHead(200, { 'content-length': whole.length });
  }
  const left = dropsLeft.get(route) ?? route.drops ?? 1;
  if (route.dropAfter !== undefined && left > 0 && route.dropAfter < body.length) {
    dropsLeft.set(route, left - 1);
    res.write(body.subarray(0, route.dropAfter), () => {
      setTimeout(() => res.socket?.destroy(), 20);
    });
    return;
  }
  res.end(body);
}

/** Starts a server for `routes` (path → route); unknown paths get 404. */
export async function startTestServer(routes: Record<string, Route>): Promise<TestServer> {
  const requests: { path: string; range: string | undefined }[] = [];
  const dropsLeft = new Map<Route, number>();
  const server: Server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', range: req.headers.range });
    const route = routes[req.url ?? ''];
    if (route === undefined) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    serve(route, req, res, dropsLeft);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

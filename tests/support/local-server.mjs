// Small local HTTP servers for tests that play a server by hand (hostile or broken
// answers the emulator does not give): 127.0.0.1, port 0 only.
//
//   const server = await serve(async (req, res, body) => sendJson(res, 200, { ok: true }));
//   ... server.url, server.requests ...
//   await server.close();
import { createServer } from "node:http";
import { once } from "node:events";

/**
 * Starts a server answering with `handler(req, res, body)` (may be async; a throw
 * destroys the socket). Records every request as { method, url, headers, body } (body:
 * the UTF-8 text of the request body).
 * @returns {Promise<{ url: string, requests: object[], close: () => Promise<void> }>}
 *   `url` is "http://127.0.0.1:PORT"; `close` drops keep-alive connections first.
 */
export async function serve(handler) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString("utf8");
    requests.push({ method: req.method, url: req.url, headers: req.headers, body });
    try {
      await handler(req, res, body);
    } catch {
      res.destroy();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    requests,
    close: () => {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Writes `data` as a JSON answer with `status` and extra `headers`. */
export const sendJson = (res, status, data, headers = {}) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(data));
};

/** "http://127.0.0.1:PORT" of a port that was open a moment ago and is now closed (connections are refused). */
export async function closedPortUrl() {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const url = `http://127.0.0.1:${probe.address().port}`;
  await new Promise((resolve) => probe.close(resolve));
  return url;
}

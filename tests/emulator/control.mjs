// The emulator's control plane: HTTP under /_emulator/ (read decrypted secrets,
// rotate keys, inject faults, read the log, reset). It can reveal every secret's
// plaintext, so unlike the GitHub API routes (which answer any origin, as
// api.github.com does) it is locked:
//   - a per-run control token in the X-Emulator-Control-Token header (never in a
//     URL), compared in constant time; 401 without it;
//   - loopback clients only, and a loopback Host header (no DNS rebinding); 403;
//   - a request that carries an Origin header must come from one of the allowed
//     origins (the demo page's); 403 otherwise, and no CORS headers: other web
//     pages can neither send the header nor read an answer;
//   - allowed origins get `access-control-allow-origin: <that origin>`, never `*`.
// Node clients (tests, scripts) send no Origin and only need the token.

import { randomBytes, timingSafeEqual } from "node:crypto";
import { EmulatorError } from "./state.mjs";
import { HttpError } from "./routes.mjs";
import { readBody } from "./http.mjs";
import { syncControl } from "./sync-support.mjs";

/** Request header carrying the control token. */
export const CONTROL_TOKEN_HEADER = "x-emulator-control-token";
const CONTROL_ALLOW_HEADERS = "Content-Type, X-Emulator-Control-Token";
const CONTROL_ALLOW_METHODS = "GET, POST, DELETE";
const MAX_BODY = 64 * 1024;

/** A fresh control token: 32 random bytes, base64url (43 characters). */
export function newControlToken() {
  return randomBytes(32).toString("base64url");
}

/**
 * Normalized control-plane policy.
 * @param {{ controls?: boolean, controlToken?: string, controlOrigins?: string[] }} options
 * @returns {{ controls: boolean, controlToken: string, controlOrigins: string[] }}
 * @throws {TypeError} when controlToken is shorter than 16 characters or an origin is not `scheme://host[:port]`
 */
export function controlPolicy({ controls = true, controlToken = newControlToken(), controlOrigins = [] } = {}) {
  if (typeof controlToken !== "string" || controlToken.length < 16 || /[^\x21-\x7e]/.test(controlToken)) {
    throw new TypeError("controlToken must be at least 16 printable ASCII characters without spaces");
  }
  if (!Array.isArray(controlOrigins)) throw new TypeError("controlOrigins must be an array of origins");
  for (const origin of controlOrigins) {
    let parsed;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || parsed.origin !== origin) throw new TypeError(`controlOrigins: ${JSON.stringify(origin)} is not an origin like http://127.0.0.1:8080`);
  }
  return { controls: Boolean(controls), controlToken, controlOrigins: [...controlOrigins] };
}

const isLoopback = (address) => typeof address === "string" && (/^127\./.test(address) || address === "::1" || /^::ffff:127\./.test(address));
const isLoopbackHost = (host) => typeof host === "string" && /^(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d{1,5})?$/i.test(host);

function sameToken(presented, expected) {
  if (typeof presented !== "string") return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const controlError = (status, message) => new HttpError(status, { message });

/** null when the request may use the control API, else the HttpError to answer with. */
function refusal(req, policy) {
  if (!policy.controls) return controlError(404, "Not Found");
  if (!isLoopback(req.socket.remoteAddress)) return controlError(403, "the control API only answers loopback clients");
  if (!isLoopbackHost(req.headers.host)) return controlError(403, "the control API only answers requests for a loopback host");
  const origin = req.headers.origin;
  if (origin !== undefined && !policy.controlOrigins.includes(origin)) return controlError(403, "the control API does not answer this origin");
  if (!sameToken(req.headers[CONTROL_TOKEN_HEADER], policy.controlToken)) {
    return controlError(401, `the control API needs the ${CONTROL_TOKEN_HEADER} header with this run's control token`);
  }
  return null;
}

/** Headers of every control answer; CORS only for an allowed Origin (echoed, never `*`). */
function controlHeaders(req, policy) {
  const h = { "cache-control": "no-store", "x-content-type-options": "nosniff", vary: "Origin" };
  const origin = req.headers.origin;
  if (origin !== undefined && policy.controls && policy.controlOrigins.includes(origin)) h["access-control-allow-origin"] = origin;
  return h;
}

function send(res, status, body, headers) {
  if (res.destroyed || res.writableEnded) return;
  const h = { ...headers };
  let payload;
  if (body !== undefined && status !== 204) {
    payload = Buffer.from(JSON.stringify(body));
    h["content-type"] = "application/json; charset=utf-8";
    h["content-length"] = String(payload.length);
  }
  res.writeHead(status, h);
  res.end(payload);
}

/** The control request's body; 413 beyond MAX_BODY. */
async function controlBody(req) {
  const { buffer, tooLarge } = await readBody(req, MAX_BODY);
  if (tooLarge) throw controlError(413, "Payload too large");
  return buffer;
}

function jsonBody(buffer) {
  if (buffer.length === 0) return {};
  try {
    return JSON.parse(buffer.toString("utf8"));
  } catch {
    throw controlError(400, "Problems parsing JSON");
  }
}

function runControl(emu, method, name, query, buffer) {
  switch (`${method} ${name}`) {
    case "GET state":
      return { status: 200, body: emu.state() };
    case "POST reset":
      emu.reset();
      return { status: 204 };
    case "POST rotate-key":
      return { status: 200, body: emu.rotateKey(jsonBody(buffer).scope) };
    case "GET public-key":
      return { status: 200, body: emu.publicKey(query.get("scope")) };
    case "GET faults":
      return { status: 200, body: { faults: emu.faults() } };
    case "POST faults": {
      const body = jsonBody(buffer);
      const list = Array.isArray(body) ? body : body.faults;
      if (!Array.isArray(list)) throw controlError(400, 'expected { "faults": [ { "kind": ... } ] }');
      emu.injectFaults(list);
      return { status: 200, body: { faults: emu.faults() } };
    }
    case "DELETE faults":
      emu.clearFaults();
      return { status: 204 };
    case "GET secret": {
      const secret = emu.getSecret(query.get("scope"), query.get("name") ?? "");
      if (!secret) throw controlError(404, `no secret ${query.get("name")} in ${query.get("scope")}`);
      return { status: 200, body: secret };
    }
    case "GET log":
      return { status: 200, body: emu.log() };
    case "DELETE log":
      emu.clearLog();
      return { status: 204 };
    default: {
      const sync = syncControl(emu, method, name, () => jsonBody(buffer)); // sync-support.mjs
      if (sync) return sync;
      throw controlError(404, `unknown control route ${method} /_emulator/${name}`);
    }
  }
}

/** True for paths the control plane owns. */
export const isControlPath = (rawPath) => rawPath === "/_emulator" || rawPath.startsWith("/_emulator/");

/**
 * Answer one control request (including its CORS preflight). Never logged, never faulted.
 * @param {import("./state.mjs").Emulator} emu
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {{ rawPath: string, url: URL }} where
 * @param {{ controls: boolean, controlToken: string, controlOrigins: string[] }} policy
 */
export async function handleControl(emu, req, res, { rawPath, url }, policy) {
  const headers = controlHeaders(req, policy);
  if (req.method === "OPTIONS") {
    req.resume();
    const origin = req.headers.origin;
    if (!headers["access-control-allow-origin"] || !isLoopbackHost(req.headers.host)) {
      send(res, 403, { message: "the control API does not answer this origin" }, headers);
      return;
    }
    send(res, 204, undefined, {
      ...headers,
      "access-control-allow-origin": origin,
      "access-control-allow-headers": CONTROL_ALLOW_HEADERS,
      "access-control-allow-methods": CONTROL_ALLOW_METHODS,
      "access-control-max-age": "600",
    });
    return;
  }
  let result;
  try {
    const refused = refusal(req, policy);
    if (refused) {
      req.resume();
      throw refused;
    }
    const buffer = await controlBody(req);
    result = runControl(emu, req.method, rawPath.slice("/_emulator/".length), url.searchParams, buffer);
  } catch (err) {
    if (err instanceof EmulatorError) result = controlError(err.status, err.message);
    else if (err instanceof HttpError) result = err;
    else throw err;
  }
  send(res, result.status, result.body, headers);
}

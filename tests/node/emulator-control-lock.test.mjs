// The emulator's control plane (/_emulator/, which reveals decrypted secrets) is
// locked: a per-run token in a header, loopback Host only, and browser requests only
// from the allowed origins, which alone get CORS headers. The GitHub API routes keep
// api.github.com's `access-control-allow-origin: *`.
// Run: node --test tests/node/emulator*.test.mjs

import { before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { CONTROL_TOKEN_HEADER, DEMO_TOKEN, startEmulator } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { createClient, emulatorControl, sealFor } from "../emulator/testkit.mjs";

const PAGE = "http://127.0.0.1:45678";
const EVIL = "http://127.0.0.1:45679";
const SCOPE = "/repos/octo-org/hello-world/actions";
const COLL = `${SCOPE.replace(/\/actions$/, "")}/actions/secrets`;

let server;
let control;

const emulatorFixture = useEmulator({ controlOrigins: [PAGE] });
before(async () => {
  server = (await emulatorFixture.ready).server;
  control = emulatorControl(server);
  const gh = createClient(server.url);
  const { body: key } = await gh.request("GET", `${COLL}/public-key`);
  const put = await gh.request("PUT", `${COLL}/LOCKED`, { body: { encrypted_value: await sealFor(key.key, "plain text"), key_id: key.key_id } });
  assert.equal(put.status, 201);
});

const secretUrl = () => `${server.url}/_emulator/secret?scope=${encodeURIComponent(SCOPE)}&name=LOCKED`;

test("a fresh random control token per start; the token unlocks the control API", async () => {
  const other = await startEmulator();
  try {
    assert.match(server.controlToken, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(other.controlToken, server.controlToken);
    assert.equal((await emulatorControl(other).request("GET", "state")).status, 200);
    assert.equal((await fetch(`${other.url}/_emulator/state`, { headers: { [CONTROL_TOKEN_HEADER]: server.controlToken } })).status, 401);
  } finally {
    await other.close();
  }
  assert.equal((await control.secret(SCOPE, "LOCKED")).value, "plain text");
});

test("no token, a wrong token, a token in the URL or as Authorization: 401, nothing revealed", async () => {
  const attempts = [
    fetch(secretUrl()),
    fetch(secretUrl(), { headers: { [CONTROL_TOKEN_HEADER]: `${server.controlToken.slice(0, -1)}x` } }),
    fetch(`${secretUrl()}&control_token=${server.controlToken}&token=${server.controlToken}`),
    fetch(secretUrl(), { headers: { authorization: `Bearer ${server.controlToken}` } }),
    fetch(secretUrl(), { headers: { authorization: `Bearer ${DEMO_TOKEN}` } }),
    fetch(`${server.url}/_emulator/log`),
    fetch(`${server.url}/_emulator/reset`, { method: "POST" }),
  ];
  for (const res of await Promise.all(attempts)) {
    assert.equal(res.status, 401);
    const text = await res.text();
    assert.ok(!text.includes("plain text"));
    assert.match(JSON.parse(text).message, /X-Emulator-Control-Token/i);
    assert.equal(res.headers.get("access-control-allow-origin"), null);
  }
  assert.ok(server.emulator.getSecret(SCOPE, "LOCKED"), "the refused reset did nothing");
});

test("another web origin is refused even with the token, and gets no CORS headers", async () => {
  for (const origin of [EVIL, "null", "https://example.com"]) {
    const res = await fetch(secretUrl(), { headers: { origin, ...control.headers } });
    assert.equal(res.status, 403, origin);
    assert.equal(res.headers.get("access-control-allow-origin"), null);
    assert.ok(!(await res.text()).includes("plain text"));
    const pre = await fetch(secretUrl(), {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": CONTROL_TOKEN_HEADER },
    });
    assert.equal(pre.status, 403);
    assert.equal(pre.headers.get("access-control-allow-origin"), null);
    assert.equal(pre.headers.get("access-control-allow-headers"), null);
  }
});

test("the allowed origin gets its own origin back (never *) and a preflight for the token header", async () => {
  const pre = await fetch(secretUrl(), {
    method: "OPTIONS",
    headers: { origin: PAGE, "access-control-request-method": "GET", "access-control-request-headers": CONTROL_TOKEN_HEADER },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), PAGE);
  assert.match(pre.headers.get("access-control-allow-headers"), /X-Emulator-Control-Token/);
  assert.equal(pre.headers.get("vary"), "Origin");
  const res = await fetch(secretUrl(), { headers: { origin: PAGE, ...control.headers } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("access-control-allow-origin"), PAGE);
  assert.equal(res.headers.get("cache-control"), "no-store");
  assert.equal((await res.json()).value, "plain text");
  const noToken = await fetch(secretUrl(), { headers: { origin: PAGE } });
  assert.equal(noToken.status, 401, "the allowed origin still needs the token");
});

test("a non-loopback Host header (DNS rebinding) is refused", async () => {
  const status = await new Promise((resolve, reject) => {
    const req = http.request(secretUrl(), { headers: { host: "attacker.example:80", ...control.headers } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("error", reject);
    req.end();
  });
  assert.equal(status, 403);
});

test("GitHub API routes keep api.github.com's CORS: any origin may call them", async () => {
  const res = await fetch(`${server.url}${COLL}`, { headers: { origin: EVIL, authorization: `Bearer ${DEMO_TOKEN}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("access-control-allow-origin"), "*");
  const pre = await fetch(`${server.url}${COLL}/X`, { method: "OPTIONS", headers: { origin: EVIL, "access-control-request-method": "PUT" } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), "*");
});

test("startEmulator refuses a short control token or a malformed origin", async () => {
  await assert.rejects(startEmulator({ controlToken: "short" }), TypeError);
  await assert.rejects(startEmulator({ controlOrigins: ["http://127.0.0.1:1/page"] }), /not an origin/);
  const fixed = await startEmulator({ controlToken: "a-fixed-token-for-this-test" });
  try {
    assert.equal(fixed.controlToken, "a-fixed-token-for-this-test");
    assert.equal((await emulatorControl(fixed).request("GET", "state")).status, 200);
  } finally {
    await fixed.close();
  }
});

test("CLI: --control-token / GHSEAL_EMULATOR_CONTROL_TOKEN and --control-origin", async () => {
  const cli = fileURLToPath(new URL("../emulator/cli.mjs", import.meta.url));
  const token = "cli-control-token-0123456789";
  const child = spawn(process.execPath, [cli, "--port", "0", "--control-origin", PAGE], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, GHSEAL_EMULATOR_CONTROL_TOKEN: token },
  });
  try {
    let out = "";
    child.stdout.setEncoding("utf8");
    while (!/\n.*\n/.test(out)) out += (await once(child.stdout, "data"))[0];
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)[1];
    assert.ok(out.includes(`X-Emulator-Control-Token: ${token}\n`));
    const c = emulatorControl({ url, controlToken: token });
    assert.equal((await c.request("GET", "state")).status, 200);
    assert.equal((await fetch(`${url}/_emulator/state`, { headers: { origin: PAGE, ...c.headers } })).headers.get("access-control-allow-origin"), PAGE);
    assert.equal((await fetch(`${url}/_emulator/state`, { headers: { origin: EVIL, ...c.headers } })).status, 403);
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

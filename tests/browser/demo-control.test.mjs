// Issue #14 item 1: while the demo runs, a web page from ANOTHER origin (a server on
// another port) can't read the emulator's control API (decrypted secrets, the log),
// can't trigger it blind, and can't read the demo's /config.json (which carries the
// control token); the GitHub API routes stay open to any origin like api.github.com;
// the demo page's own server check keeps working.
//   GHSEAL_PKG=pkg node --test tests/browser/demo-control.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { chooseScope, launch, openPage, text, upload } from "./demo-kit.mjs";

let env;
let evil;
let evilUrl;
const SCOPE = "/repos/octo-org/hello-world/actions";

before(async () => {
  env = await launch();
  evil = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>another site</title><p>another origin</p>");
  });
  await new Promise((resolve) => evil.listen(0, "127.0.0.1", resolve));
  evilUrl = `http://127.0.0.1:${evil.address().port}/`;
});

after(async () => {
  evil?.closeAllConnections();
  evil?.close();
  await env?.close();
});

test("the demo page's own server check works (token in a header, its origin allowed)", async () => {
  const { page, context, pageErrors } = await openPage(env.browser, env.demo);
  await chooseScope(page, "actions", "repo", { owner: "octo-org", repo: "hello-world" });
  await upload(page, "CROSS_ORIGIN_PROBE", "visible only to the demo");
  assert.match(await text(page, "#verify-result"), /decrypted the sealed value .* and it matches what you typed/);
  assert.equal((await env.control.secret(SCOPE, "CROSS_ORIGIN_PROBE")).value, "visible only to the demo");
  const html = await page.content();
  assert.ok(!html.includes(env.demo.controlToken), "the control token is not in the DOM");
  assert.ok(!page.url().includes(env.demo.controlToken));
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("a page on another origin can't read /_emulator/secret or /_emulator/log, even with the token", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(evilUrl);
  const probe = (url, init) =>
    page.evaluate(
      async ([u, i]) => {
        try {
          const res = await fetch(u, i);
          return { status: res.status, body: await res.text() };
        } catch (err) {
          return { error: String(err) };
        }
      },
      [url, init],
    );
  const emu = env.demo.emulatorUrl;
  const secretUrl = `${emu}/_emulator/secret?scope=${encodeURIComponent(SCOPE)}&name=CROSS_ORIGIN_PROBE`;

  // Control: this page can make cross-origin requests; the GitHub API routes answer any origin.
  const api = await probe(`${emu}/user`, { headers: { authorization: "Bearer ghp_ghsealDemoToken" } });
  assert.equal(api.status, 200, JSON.stringify(api));
  assert.match(api.body, /octocat/);

  for (const [url, init] of [
    [secretUrl, {}],
    [`${emu}/_emulator/log`, {}],
    [`${emu}/_emulator/state`, {}],
    // Even a leaked token does not help another origin: the preflight is refused.
    [secretUrl, { headers: { "x-emulator-control-token": env.demo.controlToken } }],
    [`${emu}/_emulator/log`, { headers: { "x-emulator-control-token": env.demo.controlToken } }],
    // The demo's config (which carries the control token) is same-origin only.
    [new URL("/config.json", env.demo.url).href, {}],
  ]) {
    const r = await probe(url, init);
    assert.ok(r.error, `${url} ${JSON.stringify(init)} was readable from ${evilUrl}: ${JSON.stringify(r)}`);
    assert.match(r.error, /TypeError|Failed to fetch/);
  }

  // Blind writes (no-cors, no custom header) are refused too: the secret is still there.
  const blind = await probe(`${emu}/_emulator/reset`, { method: "POST", mode: "no-cors" });
  assert.equal(blind.status, 0, "opaque answer");
  assert.ok(await env.control.secret(SCOPE, "CROSS_ORIGIN_PROBE"), "the cross-origin reset did nothing");
  await context.close();
});

test("the control API answers the demo page's origin only: headers seen by the page", async () => {
  const origin = env.demo.url.replace(/\/$/, "");
  const emu = env.demo.emulatorUrl;
  const ok = await fetch(`${emu}/_emulator/state`, { headers: { origin, ...env.control.headers } });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get("access-control-allow-origin"), origin);
  const evilOrigin = evilUrl.replace(/\/$/, "");
  const refused = await fetch(`${emu}/_emulator/state`, { headers: { origin: evilOrigin, ...env.control.headers } });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get("access-control-allow-origin"), null);
  const noToken = await fetch(`${emu}/_emulator/state`, { headers: { origin } });
  assert.equal(noToken.status, 401);
});

test("the demo server refuses a non-loopback Host (DNS rebinding can't fetch /config.json)", async () => {
  const status = await new Promise((resolve, reject) => {
    const req = http.request(new URL("/config.json", env.demo.url), { headers: { host: "attacker.example:8080" } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("error", reject);
    req.end();
  });
  assert.equal(status, 421);
  const config = await (await fetch(new URL("/config.json", env.demo.url))).json();
  assert.equal(config.controlToken, env.demo.controlToken, "the page's own origin gets the token");
});

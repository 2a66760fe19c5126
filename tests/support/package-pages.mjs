// The installed package in a browser without a bundler, for every browser the tests
// drive (Chromium through playwright-core in tests/node/package.test.mjs, Firefox through
// puppeteer-core in tests/runtimes/firefox.test.mjs): serving the pages of
// tests/package/browser (and a vite build), and the checks on what they sealed.
//
// A page takes `pk` and `value` from its query, seals and writes the result into #out
// (or an error into #error). Each driver supplies `runPage(url, kp)` resolving to
// { out, error, responses: [{ url, status, type }], offsite: string[], problems: string[] }.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { once } from "node:events";
import sirv from "sirv";
import { VALUE, keyPair, openWithLibsodium } from "./tarball.mjs";

/**
 * Serves `dir` on 127.0.0.1:<random> (sirv); `csp.html` gets a strict Content-Security-Policy
 * (`script-src 'self' 'wasm-unsafe-eval'`; with `?wasm=0` without 'wasm-unsafe-eval', the
 * negative control).
 * @returns {Promise<{ url: string, close: () => void }>} url: "http://127.0.0.1:PORT"
 */
export async function servePages(dir) {
  const files = sirv(dir, { dev: true, dotfiles: false });
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname.endsWith("/csp.html")) {
      const wasm = url.searchParams.get("wasm") === "0" ? "" : " 'wasm-unsafe-eval'";
      res.setHeader("Content-Security-Policy", `default-src 'self'; script-src 'self'${wasm}; object-src 'none'; base-uri 'none'`);
    }
    files(req, res, () => {
      res.statusCode = 404;
      res.end("not found");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** The page URL with `pk` and `value` (VALUE) appended to its query. */
export const pageUrl = (url, kp) => `${url}${url.includes("?") ? "&" : "?"}pk=${encodeURIComponent(kp.pkB64)}&value=${encodeURIComponent(VALUE)}`;

/** Asserts a page sealed VALUE for kp (libsodium opens it), without errors or off-site requests. */
export function assertPageSealed(result, kp, where) {
  assert.deepEqual(result.offsite, [], `${where}: requests outside 127.0.0.1`);
  assert.equal(result.error, "", `${where}: page reported ${result.error}; ${result.problems.join("; ")}`);
  assert.equal(openWithLibsodium(result.out, kp, where), VALUE, `${where}: libsodium opened another value`);
  assert.deepEqual(result.problems, [], `${where}: page problems`);
}

/**
 * The bundler-free checks on tests/package/browser served at `origin`: the default entry
 * seals with its inlined wasm (no .wasm request); the slim entry fetches
 * wasm/ghseal_bg.wasm (200, application/wasm) and not the inlined one; both seal under
 * the strict CSP, and both fail (#error matching `denied`) without 'wasm-unsafe-eval'.
 * @param {string} origin  where servePages serves the installed project
 * @param {(url: string, kp: object) => Promise<object>} runPage  the driver's page runner
 * @param {RegExp} denied  what the browser says when the CSP forbids compiling wasm
 */
export async function checkBrowserEntries(origin, runPage, denied) {
  const kp1 = keyPair();
  const page = await runPage(`${origin}/index.html`, kp1);
  assertPageSealed(page, kp1, "default entry");
  assert.ok(!page.responses.some((r) => r.url.endsWith(".wasm")), "the default entry must not fetch a .wasm (it is inlined)");
  assert.ok(page.responses.some((r) => r.url.endsWith("/node_modules/ghseal/index.js")), "the page imported node_modules/ghseal/index.js");

  const kp2 = keyPair();
  const slim = await runPage(`${origin}/slim.html`, kp2);
  assertPageSealed(slim, kp2, "slim entry");
  const wasm = slim.responses.find((r) => r.url.endsWith("/node_modules/ghseal/wasm/ghseal_bg.wasm"));
  assert.ok(wasm, `slim init() did not fetch wasm/ghseal_bg.wasm: ${slim.responses.map((r) => r.url).join(", ")}`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.type, "application/wasm");
  assert.ok(!slim.responses.some((r) => r.url.includes("base64") || r.url.includes("inline")), "the slim entry must not load the inlined wasm");

  for (const entry of ["slim", "index"]) {
    const kp = keyPair();
    const csp = await runPage(`${origin}/csp.html?entry=${entry}`, kp);
    assertPageSealed(csp, kp, `${entry} entry under script-src 'self' 'wasm-unsafe-eval'`);
    // Negative control, proving the policy is in force: without 'wasm-unsafe-eval'
    // the wasm may not be compiled, and the page reports the error.
    const denial = await runPage(`${origin}/csp.html?entry=${entry}&wasm=0`, kp);
    assert.equal(denial.out, "", `${entry}: sealed although the CSP forbids wasm`);
    assert.match(denial.error, denied, `${entry}: ${denial.error}`);
  }
}

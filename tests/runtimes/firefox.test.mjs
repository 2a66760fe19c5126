// Firefox (Gecko): Debian's firefox-esr, headless, driven by puppeteer-core over
// WebDriver BiDi. The same checks as the Chromium tests, so a Gecko-only failure
// shows up:
//   - the installed package (npm pack -> npm install) imported by a page without a
//     bundler: default entry (inlined wasm), slim entry (fetches the .wasm), and both
//     under a strict CSP with 'wasm-unsafe-eval' plus the negative control without it
//     (tests/package/browser/, as tests/node/package.test.mjs serves it);
//   - the demo page's main flow: seal, upload to the emulator, server check, and the
//     offline panel (as tests/browser/demo.test.mjs, against scripts/serve-demo.mjs).
// Every sealed value is opened with libsodium, every upload read back decrypted
// from the emulator.
//
//   GHSEAL_PKG=pkg node --test tests/runtimes/firefox.test.mjs
//
// Needs /usr/bin/firefox-esr (env GHSEAL_FIREFOX overrides): scripts/setup.sh --runtimes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import puppeteer from "puppeteer-core";
import { startDemo } from "../../scripts/serve-demo.mjs";
import { pkgDir, pkgUrl, repoRoot } from "../support/pkg.mjs";
import { installProject, openWithLibsodium, packPackage, removePacked, SEAL_OVERHEAD, VALUE } from "../support/tarball.mjs";
import { checkBrowserEntries, pageUrl, servePages } from "../support/package-pages.mjs";

const FIREFOX = process.env.GHSEAL_FIREFOX || "/usr/bin/firefox-esr";

let tmp;
let browser;
let origin;
let demo;
const servers = [];

before(async () => {
  assert.ok(existsSync(FIREFOX), `${FIREFOX} is missing: run \`bash scripts/setup.sh --runtimes\` (or set GHSEAL_FIREFOX)`);
  tmp = await packPackage();
  const [dir, launched, demoServer] = await Promise.all([
    installProject("firefox", ["package/browser"]),
    puppeteer.launch({
      browser: "firefox",
      protocol: "webDriverBiDi",
      executablePath: FIREFOX,
      headless: true,
      // Root in a container may have no HOME; Firefox wants one for its profile lock.
      env: { ...process.env, MOZ_HEADLESS: "1", HOME: process.env.HOME || tmp },
      timeout: 120_000,
    }),
    startDemo({ port: 0, emulatorPort: 0, pkgDir }),
  ]);
  browser = launched;
  demo = demoServer;
  const pages = await servePages(dir);
  servers.push(pages);
  origin = pages.url;
  console.log(`# ${await browser.version()} (puppeteer-core, WebDriver BiDi)`);
});

after(async () => {
  await browser?.close().catch(() => {});
  for (const server of servers) server.close();
  await demo?.close();
  removePacked();
});

/**
 * Opens `url` (pk and value appended as query) in a fresh browser context, waits for
 * the page to write #out or #error and returns both, every response, the responses
 * from outside `origin` and the problems seen (page errors, console errors, failed requests).
 */
async function runPage(url, kp) {
  const context = await browser.createBrowserContext();
  const responses = [];
  const problems = [];
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && problems.push(`console.error: ${m.text()}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on("response", (r) => responses.push({ url: r.url(), status: r.status(), type: r.headers()["content-type"] }));
    await page.goto(pageUrl(url, kp), { waitUntil: "load", timeout: 30_000 });
    try {
      await page.waitForFunction(() => document.getElementById("out")?.textContent || document.getElementById("error")?.textContent, { timeout: 20_000, polling: 50 });
    } catch (e) {
      throw new Error(`${url}: page wrote nothing within 20 s (${e.message}); ${problems.join("; ")}`);
    }
    const out = await page.$eval("#out", (el) => el.textContent);
    const error = await page.$eval("#error", (el) => el.textContent);
    const offsite = responses.filter((r) => !r.url.startsWith(origin)).map((r) => r.url);
    return { out, error, responses, offsite, problems };
  } finally {
    await context.close();
  }
}

test("Firefox, no bundler: default entry, slim entry, strict CSP", { timeout: 120_000 }, async () => {
  // Negative control: without 'wasm-unsafe-eval' Gecko must refuse to compile the wasm.
  await checkBrowserEntries(origin, runPage, /WebAssembly|wasm|Content Security Policy|unsafe-eval|call to .* blocked/i);
});

test("Firefox, demo page: seal, upload, server check; offline panel", { timeout: 120_000 }, async () => {
  const context = await browser.createBrowserContext();
  const pageErrors = [];
  const consoleErrors = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (e) => pageErrors.push(String(e?.stack ?? e)));
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await page.evaluateOnNewDocument(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(demo.url, { waitUntil: "load" });
    await page.waitForSelector("body[data-ready=true]");
    const text = (selector) => page.$eval(selector, (el) => el.textContent);
    const value = (selector) => page.$eval(selector, (el) => el.value);

    /** Types name + value, presses "Seal and upload", waits for the upload result to change. */
    const upload = async (name, secret) => {
      const before = await text("#upload-result");
      await page.locator("#name").fill(name);
      await page.locator("#value").fill(secret);
      await page.click("#upload");
      await page.waitForFunction(
        (previous) => document.getElementById("upload-result").textContent !== previous && !document.getElementById("upload").disabled && !document.body.hasAttribute("aria-busy"),
        { polling: 50 },
        before,
      );
    };

    await page.select("#app", "actions");
    await page.select("#scope", "repo");
    await page.locator("#owner").fill("octo-org");
    await page.locator("#repo").fill("hello-world");
    const secret = "firefox-sëcret 🔑 one";
    await upload("FIREFOX_TOKEN", secret);
    assert.match(await text("#upload-result"), /^Created FIREFOX_TOKEN \(HTTP 201\)/);
    await page.waitForFunction(() => /matches/.test(document.getElementById("verify-result").textContent), { polling: 50 });
    assert.match(await text("#verify-result"), /matches what you typed/);
    const stored = demo.emulator.getSecret("/repos/octo-org/hello-world/actions", "FIREFOX_TOKEN");
    assert.equal(stored?.value, secret, "the emulator opened Firefox's sealed box to the typed value");
    assert.equal(await text("#key-id"), stored.key_id);
    assert.equal(Buffer.from(await value("#sealed-value"), "base64").length, SEAL_OVERHEAD + Buffer.byteLength(secret));
    assert.equal(await value("#value"), "", "the plaintext is cleared after the upload");

    await upload("FIREFOX_TOKEN", "second value");
    assert.match(await text("#upload-result"), /^Updated FIREFOX_TOKEN \(HTTP 204\)/);
    assert.equal(demo.emulator.getSecret("/repos/octo-org/hello-world/actions", "FIREFOX_TOKEN")?.value, "second value");

    // Offline panel: seal for a pasted key (generated by the package in Node); libsodium opens it.
    const { generateKeyPair } = await import(pkgUrl("node.js"));
    const { publicKey, secretKey } = generateKeyPair();
    const kp = { pk: Buffer.from(publicKey, "base64"), sk: Buffer.from(secretKey, "base64") };
    await page.locator("#offline-key").fill(publicKey);
    await page.locator("#offline-value").fill(VALUE);
    await page.click("#offline-seal");
    await page.waitForFunction(() => document.getElementById("offline-sealed").value !== "", { polling: 50 });
    assert.equal(openWithLibsodium(await value("#offline-sealed"), kp, "Firefox offline panel"), VALUE);

    mkdirSync(join(repoRoot, "test-output"), { recursive: true });
    await page.screenshot({ path: join(repoRoot, "test-output", "demo-firefox.png") });
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

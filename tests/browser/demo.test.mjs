// Browser test of the demo page (www/): Debian's chromium, driven by
// playwright-core, against the demo server and the GitHub secrets emulator
// started in-process (scripts/serve-demo.mjs, port 0). Reads the built package
// from env GHSEAL_PKG (default pkg/).
//
//   GHSEAL_PKG=target/pkg-demo node --test tests/browser/demo.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import sodium from "libsodium-wrappers";
import { startDemo } from "../../scripts/serve-demo.mjs";
import { emulatorControl } from "../emulator/testkit.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkgDir = process.env.GHSEAL_PKG || "pkg";
const CHROMIUM = "/usr/bin/chromium";
const outDir = join(root, "test-output");

let demo;
let browser;
let page;
let pageResponse;
const pageErrors = [];
const consoleErrors = [];
const dialogs = [];

const HELLO = 1296269;
const SPOON = 1300192;
const DOCS = 1300193;

/** The emulator's decrypted view of a secret, or null when it does not exist. */
async function emulatorSecret(scope, name) {
  return emulatorControl(demo).secret(scope, name);
}

const text = (selector) => page.locator(selector).textContent();

/** Fills the secret form's scope fields. */
async function chooseScope(app, scope, fields = {}) {
  await page.selectOption("#app", app);
  await page.selectOption("#scope", scope);
  for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
}

/** Types name + value, presses "Seal and upload" with the keyboard, waits for the outcome. */
async function upload(name, value) {
  await page.fill("#name", name);
  await page.fill("#value", value);
  await page.focus("#upload");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.getElementById("upload").disabled && !document.body.hasAttribute("aria-busy"));
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run \`bash scripts/setup.sh --browser\``);
  assert.ok(
    existsSync(join(root, pkgDir, "index.js")),
    `no built package in ${pkgDir}: run \`node scripts/build.mjs --out ${pkgDir}\` (or set GHSEAL_PKG)`,
  );
  await sodium.ready;
  demo = await startDemo({ port: 0, emulatorPort: 0, pkgDir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: "light" });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (err) => pageErrors.push(String(err?.stack ?? err)));
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.accept();
  });
  pageResponse = await page.goto(demo.url);
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

test("serves the page with a strict CSP and no inline script", async () => {
  const headers = pageResponse.headers();
  const csp = headers["content-security-policy"];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
  assert.ok(csp.includes(`connect-src 'self' ${demo.emulatorUrl} https://api.github.com`), csp);
  assert.equal(await page.locator("script:not([src])").count(), 0);
  const config = await (await fetch(new URL("/config.json", demo.url))).json();
  assert.equal(config.emulatorUrl, demo.emulatorUrl);
  assert.equal(await text("#emulator-url"), demo.emulatorUrl);
  assert.equal(await page.inputValue("#token"), "ghp_ghsealDemoToken");
  assert.deepEqual(consoleErrors, [], "the page loads without console errors (favicon included)");
});

test("every control has a label", async () => {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => !(el.labels?.length || el.getAttribute("aria-label") || (el.tagName === "BUTTON" && el.textContent.trim())))
      .map((el) => el.id || el.outerHTML),
  );
  assert.deepEqual(unlabelled, []);
});

test("offers only the scopes each app has", async () => {
  const scopes = async (app) => {
    await page.selectOption("#app", app);
    return page.$$eval("#scope option", (options) => options.map((o) => o.value));
  };
  assert.deepEqual(await scopes("actions"), ["repo", "environment", "org"]);
  assert.deepEqual(await scopes("dependabot"), ["repo", "org"]);
  assert.deepEqual(await scopes("codespaces"), ["user", "repo", "org"]);
});

test("switching to api.github.com drops the demo token; switching back restores it", async () => {
  await page.check("#target-github");
  assert.equal(await page.inputValue("#token"), "");
  await page.check("#target-emulator");
  assert.equal(await page.inputValue("#token"), "ghp_ghsealDemoToken");

  await page.fill("#token", "ghp_wrongToken");
  await page.click("#check-token");
  await page.waitForFunction(() => document.getElementById("token-error").textContent !== "");
  assert.match(await text("#token-error"), /The emulator answered 401: Bad credentials/);
  assert.equal(await page.getAttribute("#token", "aria-invalid"), "true");

  await page.fill("#token", "ghp_ghsealDemoToken");
  await page.click("#check-token");
  await page.waitForFunction(() => document.getElementById("conn-status").textContent.includes("Signed in"));
  assert.match(await text("#conn-status"), /Signed in as octocat/);
});

test("sets a repository secret; the emulator decrypts it to the typed value", async () => {
  const value = "repo-sëcret 🔑 one";
  await chooseScope("actions", "repo", { owner: "octo-org", repo: "hello-world" });
  await upload("REPO_TOKEN", value);
  assert.match(await text("#upload-result"), /^Created REPO_TOKEN \(HTTP 201\)/);
  assert.match(await text("#verify-result"), /matches what you typed/);
  const stored = await emulatorSecret("/repos/octo-org/hello-world/actions", "REPO_TOKEN");
  assert.equal(stored.value, value);
  assert.equal(await text("#key-id"), stored.key_id);
  const sealed = await page.inputValue("#sealed-value");
  assert.equal(Buffer.from(sealed, "base64").length, 48 + Buffer.byteLength(value));
  // The plaintext is gone from the page; only its length is shown.
  assert.equal(await page.inputValue("#value"), "");
  assert.ok(!(await page.content()).includes(value));
  assert.match(await text("#value-length"), /^17 characters \(21 bytes UTF-8\)/);

  await page.click("#fetch-key");
  await page.waitForFunction(() => document.getElementById("secret-status").textContent.startsWith("Fetched the public key"));
  const key = await emulatorControl(demo).publicKey("/repos/octo-org/hello-world/actions");
  assert.equal(await text("#public-key"), key.key);
  assert.equal(await text("#key-id"), key.key_id);

  await upload("REPO_TOKEN", "second value");
  assert.match(await text("#upload-result"), /^Updated REPO_TOKEN \(HTTP 204\)/);
  assert.equal((await emulatorSecret("/repos/octo-org/hello-world/actions", "REPO_TOKEN")).value, "second value");
});

test("sets an environment secret (environment name with a slash)", async () => {
  const value = "eu-deploy-key\nline two";
  await chooseScope("actions", "environment", { owner: "octo-org", repo: "hello-world", environment: "prod/eu" });
  await upload("DEPLOY_KEY", value);
  assert.match(await text("#upload-result"), /^Created DEPLOY_KEY/);
  assert.match(await text("#verify-result"), /matches/);
  assert.equal((await emulatorSecret("/repos/octo-org/hello-world/environments/prod/eu", "DEPLOY_KEY")).value, value);
});

test("sets an org secret with selected repositories, lists it and changes the repositories", async () => {
  const value = "org-wide s3cret";
  await chooseScope("actions", "org", { org: "octo-org" });
  assert.equal(await page.isVisible("#selected-repos"), false);
  await page.selectOption("#visibility", "selected");
  await page.fill("#selected-repos", "hello-world, octo-org/spoon-knife");
  await upload("ORG_SECRET", value);
  assert.match(await text("#upload-result"), /^Created ORG_SECRET/);
  assert.match(await text("#verify-result"), /matches/);
  const stored = await emulatorSecret("/orgs/octo-org/actions", "ORG_SECRET");
  assert.equal(stored.value, value);
  assert.equal(stored.visibility, "selected");
  assert.deepEqual(stored.selected_repository_ids, [HELLO, SPOON]);

  await page.click("#list");
  const row = page.locator('#secrets-body tr[data-secret="ORG_SECRET"]');
  await row.waitFor();
  assert.match(await row.textContent(), /selected.*octo-org\/hello-world, octo-org\/spoon-knife/);

  await page.fill("#selected-repos", `docs, ${HELLO}`);
  await page.click("#update-repos");
  await page.waitForFunction(() => document.getElementById("secret-status").textContent.startsWith("Set 2 selected"));
  assert.deepEqual((await emulatorSecret("/orgs/octo-org/actions", "ORG_SECRET")).selected_repository_ids, [HELLO, DOCS]);
  await page.waitForFunction(() => /octo-org\/docs/.test(document.querySelector('#secrets-body tr[data-secret="ORG_SECRET"]')?.textContent ?? ""));
});

test("lists and deletes a repository secret", async () => {
  await chooseScope("actions", "repo", { owner: "octo-org", repo: "hello-world" });
  await upload("TO_DELETE", "bye");
  assert.ok(await emulatorSecret("/repos/octo-org/hello-world/actions", "TO_DELETE"));
  await page.click("#list");
  await page.locator('#secrets-body tr[data-secret="TO_DELETE"]').waitFor();
  assert.equal(await page.locator("#secrets-body tr").count(), 2);
  await page.click('button[aria-label="Delete TO_DELETE"]');
  await page.waitForFunction(() => document.getElementById("list-status").textContent.startsWith("Deleted TO_DELETE"));
  assert.equal(await page.locator('#secrets-body tr[data-secret="TO_DELETE"]').count(), 0);
  assert.equal(await page.locator('#secrets-body tr[data-secret="REPO_TOKEN"]').count(), 1);
  assert.equal(await emulatorSecret("/repos/octo-org/hello-world/actions", "TO_DELETE"), null);
  assert.match(dialogs.at(-1), /Delete TO_DELETE/);
});

test("bad input gets a message next to the field and the page keeps working", async () => {
  await chooseScope("actions", "repo", { owner: "octo-org", repo: "hello-world" });

  await upload("1BAD-NAME", "x");
  assert.match(await text("#name-error"), /^"1BAD-NAME" is not a valid secret name/);
  assert.equal(await page.getAttribute("#name", "aria-invalid"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "name");
  assert.equal(await page.inputValue("#value"), "x", "a failed upload keeps the value for a retry");
  assert.equal(await text("#upload-result"), "Not uploaded (see the message above).");
  assert.equal(await page.inputValue("#sealed-value"), "");

  await upload("GOOD_NAME", "");
  assert.match(await text("#value-error"), /can't be empty/);
  assert.equal(await text("#name-error"), "");

  await upload("GOOD_NAME", "x".repeat(48 * 1024 + 1));
  assert.match(await text("#value-error"), /^Too long: 49153 bytes/);

  // HTTP errors show GitHub's message.
  await page.fill("#repo", "no-such-repo");
  await upload("GOOD_NAME", "value");
  assert.match(await text("#form-error"), /The emulator answered 404/);

  await chooseScope("actions", "org", { org: "octo-org" });
  await page.selectOption("#visibility", "selected");
  await page.fill("#selected-repos", "999999");
  await upload("ORG_BAD", "value");
  assert.equal(await text("#repos-error"), "The emulator refused the selection. Not repositories of octo-org: 999999.");

  await page.fill("#selected-repos", "nope");
  await upload("ORG_BAD", "value");
  assert.match(await text("#repos-error"), /Repository octo-org\/nope not found/);

  // Still works after the errors, and the errors are gone.
  await chooseScope("dependabot", "repo", { owner: "octo-org", repo: "spoon-knife" });
  await upload("NPM_TOKEN", "npm_123");
  assert.match(await text("#upload-result"), /^Created NPM_TOKEN/);
  assert.equal(await text("#form-error"), "");
  assert.equal((await emulatorSecret("/repos/octo-org/spoon-knife/dependabot", "NPM_TOKEN")).value, "npm_123");

  await chooseScope("codespaces", "user");
  await page.fill("#selected-repos", "dotfiles");
  await upload("DOTFILES_TOKEN", "cs-value");
  assert.match(await text("#verify-result"), /matches/);
  const userSecret = await emulatorSecret("/user/codespaces", "DOTFILES_TOKEN");
  assert.equal(userSecret.value, "cs-value");
  assert.deepEqual(userSecret.selected_repository_ids, [1300194]);
});

test("offline panel seals for a pasted key; libsodium opens it", async () => {
  const { generateKeyPair } = await import(pathToFileURL(resolve(root, pkgDir, "node.js")).href);
  const { publicKey, secretKey } = generateKeyPair();
  const value = "offline välue ✓";

  await page.fill("#offline-key", "not-a-key");
  await page.fill("#offline-value", value);
  await page.click("#offline-seal");
  assert.match(await text("#offline-key-error"), /^Not a valid public key/);
  assert.equal(await page.inputValue("#offline-sealed"), "");

  await page.fill("#offline-key", publicKey);
  await page.fill("#offline-value", "");
  await page.click("#offline-seal");
  assert.match(await text("#offline-value-error"), /Enter a value/);

  await page.fill("#offline-value", value);
  await page.click("#offline-seal");
  const sealed = await page.inputValue("#offline-sealed");
  assert.equal(await text("#offline-key-error"), "");
  assert.equal(await text("#offline-value-error"), "");
  assert.equal(await page.inputValue("#offline-value"), "");
  const opened = sodium.crypto_box_seal_open(
    sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL),
    sodium.from_base64(publicKey, sodium.base64_variants.ORIGINAL),
    sodium.from_base64(secretKey, sodium.base64_variants.ORIGINAL),
  );
  assert.equal(sodium.to_string(opened), value);
});

test("no page errors, no CSP violations, nothing stored; screenshot", async () => {
  // Reset the last error state so the screenshot shows a successful upload.
  await chooseScope("actions", "org", { org: "octo-org" });
  await page.selectOption("#visibility", "selected");
  await page.fill("#selected-repos", "hello-world, spoon-knife");
  await upload("ORG_SECRET", "org-wide s3cret, again");
  await page.click("#list");
  await page.locator('#secrets-body tr[data-secret="ORG_SECRET"]').waitFor();
  await page.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
  mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: join(outDir, "demo.png"), fullPage: true });

  assert.deepEqual(pageErrors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  // Chromium logs each deliberate HTTP error response ("Failed to load resource: ...
  // 401/404/422"); anything else in the console is a failure.
  const unexpected = consoleErrors.filter((m) => !/^Failed to load resource: the server responded with a status of (401|404|422)\b/.test(m));
  assert.deepEqual(unexpected, []);
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: "" });
});

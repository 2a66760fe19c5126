// Secret hygiene of the demo page (www/) in Debian's chromium, driven by
// playwright-core against the demo server and the emulator (scripts/serve-demo.mjs):
// once an upload finishes, the DOM (markup, every field's value, title, URL) holds
// neither the typed value nor the token - the token only in the token field, where
// it is in use - nor do error panels, console messages or, after a garbage
// collection, the page's JavaScript heap.
//
//   GHSEAL_PKG=target/pkg-soak node --test tests/browser/hygiene.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startDemo } from "../../scripts/serve-demo.mjs";
import { emulatorControl } from "../emulator/testkit.mjs";
import { pkgDir } from "../support/pkg.mjs";

const CHROMIUM = "/usr/bin/chromium";

let demo;
let browser;
let page;
let token;
/** Every console message and page error, whatever its type. */
const consoleMessages = [];
/** Values typed into the page: none may be left anywhere once an upload succeeded. */
const typed = [];

/** A unique value: a random ASCII head (searched for on its own too) and non-ASCII text. */
function marker(label) {
  const head = `${label}${randomBytes(16).toString("hex")}`;
  const value = `${head} ünï日本 🔐`;
  typed.push({ head, value });
  return { head, value };
}

async function emulatorSecret(scope, name) {
  return emulatorControl(demo).secret(scope, name);
}

async function chooseRepo(repo = "hello-world") {
  await page.selectOption("#app", "actions");
  await page.selectOption("#scope", "repo");
  await page.fill("#owner", "octo-org");
  await page.fill("#repo", repo);
}

/** Types name + value, presses "Seal and upload", waits until the page is idle again. */
async function upload(name, value) {
  await page.fill("#name", name);
  await page.fill("#value", value);
  await page.click("#upload");
  await page.waitForFunction(() => !document.getElementById("upload").disabled && !document.body.hasAttribute("aria-busy"));
}

/** The DOM as text: markup, every form field's current value, title and URL. */
function dump() {
  return page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    text: document.body.innerText,
    title: document.title,
    url: location.href,
    fields: [...document.querySelectorAll("input, textarea, select")].map((el) => ({ id: el.id || el.name, value: el.value })),
    storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
  }));
}

/** Asserts `needle` is nowhere in the DOM, except in the fields named in `allowedIn`. */
async function assertNotInDom(needle, what, allowedIn = []) {
  const d = await dump();
  for (const key of ["html", "text", "title", "url", "storage"]) assert.ok(!d[key].includes(needle), `${what} found in the page's ${key}`);
  const holders = d.fields.filter((f) => f.value.includes(needle)).map((f) => f.id);
  assert.deepEqual(holders.filter((id) => !allowedIn.includes(id)), [], `${what} found in form fields`);
  return holders;
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run \`bash scripts/setup.sh --browser\``);
  assert.ok(existsSync(join(pkgDir, "index.js")), `no built package in ${pkgDir}: run \`node scripts/build.mjs --out ${pkgDir}\``);
  demo = await startDemo({ port: 0, emulatorPort: 0, pkgDir });
  token = (await (await fetch(new URL("/config.json", demo.url))).json()).demoToken;
  assert.match(token, /^ghp_/);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  page.on("console", (msg) => consoleMessages.push(`${msg.type()}: ${msg.text()}`));
  page.on("pageerror", (err) => consoleMessages.push(`pageerror: ${err?.stack ?? err}`));
  await page.goto(demo.url);
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

test("after an upload the DOM holds neither the typed value nor the token (outside the token field)", async () => {
  const { head, value } = marker("repoValue");
  await chooseRepo();
  await upload("HYGIENE_REPO", value);
  assert.match(await page.textContent("#upload-result"), /^Created HYGIENE_REPO \(HTTP 201\)/);
  assert.match(await page.textContent("#verify-result"), /matches what you typed/);
  assert.equal((await emulatorSecret("/repos/octo-org/hello-world/actions", "HYGIENE_REPO")).value, value, "the upload really happened");

  await assertNotInDom(value, "the value");
  await assertNotInDom(head, "the value's ASCII part");
  assert.equal(await page.inputValue("#value"), "");
  // The token is in use in its field (by design) and nowhere else.
  assert.equal(await page.inputValue("#token"), token);
  const holders = await assertNotInDom(token, "the token", ["token"]);
  assert.deepEqual(holders, ["token"]);
  // The emulator's control token is used in a request header only.
  await assertNotInDom(demo.controlToken, "the emulator's control token");

  // Same for an environment and an organization secret.
  const env = marker("envValue");
  await page.selectOption("#scope", "environment");
  await page.fill("#environment", "prod/eu");
  await upload("HYGIENE_ENV", env.value);
  assert.match(await page.textContent("#verify-result"), /matches/);
  const org = marker("orgValue");
  await page.selectOption("#scope", "org");
  await page.fill("#org", "octo-org");
  await page.selectOption("#visibility", "private");
  await upload("HYGIENE_ORG", org.value);
  assert.match(await page.textContent("#verify-result"), /matches/);
  assert.equal((await emulatorSecret("/orgs/octo-org/actions", "HYGIENE_ORG")).value, org.value);
  for (const { head: h, value: v } of [env, org]) {
    await assertNotInDom(v, "a value");
    await assertNotInDom(h, "a value's ASCII part");
  }
  await assertNotInDom(token, "the token", ["token"]);
});

test("error panels show neither the value nor the token; a failed upload keeps the value only in its field", async () => {
  await chooseRepo("no-such-repo");
  const kept = marker("keptValue");
  await upload("HYGIENE_404", kept.value);
  assert.match(await page.textContent("#form-error"), /The emulator answered 404/);
  // By design the value stays in its field for a retry, and only there.
  assert.deepEqual(await assertNotInDom(kept.value, "a value after a 404", ["value"]), ["value"]);
  await assertNotInDom(token, "the token after a 404", ["token"]);

  // A rejected token: the messages name the status, never the token.
  const wrong = `ghp_wrong${randomBytes(12).toString("hex")}`;
  await page.fill("#token", wrong);
  await page.click("#check-token");
  await page.waitForFunction(() => document.getElementById("token-error").textContent !== "");
  assert.match(await page.textContent("#token-error"), /The emulator answered 401: Bad credentials/);
  await assertNotInDom(wrong, "a rejected token", ["token"]);
  await chooseRepo();
  await upload("HYGIENE_401", kept.value);
  assert.match(await page.textContent("#form-error"), /The emulator answered 401/);
  await assertNotInDom(wrong, "a rejected token after an upload", ["token"]);
  await assertNotInDom(kept.value, "a value after a 401", ["value"]);

  // Back to the demo token: the retry succeeds and the value is gone.
  await page.fill("#token", token);
  await upload("HYGIENE_RETRY", kept.value);
  assert.match(await page.textContent("#upload-result"), /^Created HYGIENE_RETRY/);
  await assertNotInDom(kept.value, "the value after the retry");
  await assertNotInDom(kept.head, "the value's ASCII part after the retry");
  await assertNotInDom(wrong, "the rejected token");
});

test("the offline panel clears the value once sealed", async () => {
  const publicKey = (await emulatorControl(demo).publicKey("/repos/octo-org/hello-world/actions")).key;
  const offline = marker("offlineValue");
  await page.fill("#offline-key", publicKey);
  await page.fill("#offline-value", offline.value);
  await page.click("#offline-seal");
  await page.waitForFunction(() => document.getElementById("offline-sealed").value !== "");
  assert.equal(await page.inputValue("#offline-value"), "");
  await assertNotInDom(offline.value, "the offline value");
  await assertNotInDom(offline.head, "the offline value's ASCII part");
});

test("console messages and page errors never carry a value or the token", () => {
  assert.ok(consoleMessages.some((m) => /401/.test(m)), "the deliberate 401s were logged by chromium (the capture works)");
  for (const m of consoleMessages) {
    assert.ok(!m.includes(token), `the token in a console message: ${m}`);
    assert.ok(!m.includes(demo.controlToken), `the control token in a console message: ${m}`);
    for (const { head } of typed) assert.ok(!m.includes(head), `a value in a console message: ${m}`);
  }
  assert.deepEqual(consoleMessages.filter((m) => m.startsWith("pageerror")), []);
});

test("after a garbage collection the page's JavaScript heap holds none of the uploaded values", async () => {
  const cdp = await page.context().newCDPSession(page);
  const snapshot = async () => {
    let text = "";
    const onChunk = (e) => {
      text += e.chunk;
    };
    cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
    return text;
  };
  // Control: a string the page still references is found.
  const probe = `heapProbe${randomBytes(16).toString("hex")}`;
  await page.evaluate((p) => {
    window.__hygieneProbe = [p].join("");
  }, probe);
  const heap = await snapshot();
  assert.ok(heap.includes(probe), "the heap snapshot misses a live string (the search does not work)");
  assert.ok(heap.includes(token), "the token in use is in the heap (it is in the token field)");
  // Every value that was uploaded successfully is gone; the one kept in #value for a
  // retry was cleared by the successful retry.
  const left = typed.filter(({ head }) => heap.includes(head)).map(({ head }) => head.replace(/[0-9a-f]{32}$/, ""));
  assert.deepEqual(left, [], "values still referenced by the page's JavaScript heap");
  await cdp.detach();
});

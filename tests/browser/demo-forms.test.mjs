// Issue #14 items 2, 4, 5, 6, 7 and 8 in the browser: results reset per attempt,
// fields don't carry over between scopes, messages name what is missing and who
// answered, a GitHub target without network, the offline panel's checks, plurals,
// list refresh, the empty-selection confirmation and the neutral placeholder.
//   GHSEAL_PKG=pkg node --test tests/browser/demo-forms.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { importPkg } from "../support/pkg.mjs";
import { chooseScope, idle, launch, listSecrets, openPage, text, upload } from "./demo-kit.mjs";

let env;
let page;
let dialogs;
let pageErrors;
const REPO = "/repos/octo-org/hello-world/actions";

before(async () => {
  env = await launch();
  ({ page, dialogs, pageErrors } = await openPage(env.browser, env.demo));
});
after(() => env?.close());

const invalid = (id) => page.getAttribute(`#${id}`, "aria-invalid");
const logLength = async () => (await env.control.request("GET", "log")).body.length;

test("item 2: a refused upload clears the previous success (too long, empty)", async () => {
  await chooseScope(page, "actions", "repo", { owner: "octo-org", repo: "hello-world" });
  await upload(page, "DEMO_SECRET", "first");
  assert.match(await text(page, "#upload-result"), /^Created DEMO_SECRET/);
  assert.match(await text(page, "#verify-result"), /matches what you typed/);
  for (const value of ["x".repeat(49 * 1024), ""]) {
    await upload(page, "DEMO_SECRET", value);
    assert.match(await text(page, "#value-error"), value ? /^Too long: 50176 bytes; .*49152 bytes/ : /can't be empty/);
    assert.doesNotMatch(await text(page, "#upload-result"), /Updated|Created/);
    assert.equal(await text(page, "#verify-result"), "–");
    assert.equal(await page.getAttribute("#verify-result", "data-kind"), "");
    assert.equal(await text(page, "#key-id"), "–");
  }
  assert.equal((await env.control.secret(REPO, "DEMO_SECRET")).value, "first");
});

test("item 4: repositories typed for an Actions org secret don't carry over to Codespaces (User)", async () => {
  await chooseScope(page, "actions", "org", { org: "octo-org" });
  await page.selectOption("#visibility", "selected");
  await page.fill("#selected-repos", "hello-world, spoon-knife");
  await page.selectOption("#app", "codespaces");
  await page.selectOption("#scope", "user");
  assert.equal(await page.inputValue("#selected-repos"), "", "cleared when the scope changed");
  await upload(page, "CARRY_OVER", "user value");
  assert.match(await text(page, "#upload-result"), /^Created CARRY_OVER/);
  const stored = await env.control.secret("/user/codespaces", "CARRY_OVER");
  assert.equal(stored.value, "user value");
  assert.deepEqual(stored.selected_repository_ids ?? [], []);
  // Back to an org: visibility starts at private again, the selection is empty.
  await page.selectOption("#scope", "org");
  assert.equal(await page.inputValue("#visibility"), "private");
  assert.equal(await page.isVisible("#selected-repos"), false);
  await page.selectOption("#visibility", "selected");
  await page.fill("#selected-repos", "docs");
  await page.selectOption("#app", "dependabot");
  assert.equal(await page.inputValue("#scope"), "org");
  assert.equal(await page.inputValue("#selected-repos"), "", "another app's selection does not carry over either");
});

test("item 5: a 404 names what was not found, marks its field, and says the emulator answered", async () => {
  const cases = [
    ["actions", "repo", { owner: "octo-org", repo: "no-such-repo" }, "repo", "Repository octo-org/no-such-repo was not found (or this token can't see it)."],
    ["actions", "environment", { owner: "octo-org", repo: "hello-world", environment: "nope" }, "environment", "Environment nope was not found in octo-org/hello-world."],
    ["dependabot", "org", { org: "no-such-org" }, "org", "Organization no-such-org was not found (or this token can't manage its secrets)."],
  ];
  for (const [app, scope, fields, field, message] of cases) {
    await chooseScope(page, app, scope, fields);
    await upload(page, "NOT_FOUND", "v");
    assert.equal(await text(page, `#${field}-error`), message);
    assert.equal(await invalid(field), "true");
    assert.equal(await text(page, "#form-error"), `The emulator answered 404: ${message}`);
  }
  // A secret that does not exist: its name is marked.
  await chooseScope(page, "actions", "org", { org: "octo-org" });
  await page.selectOption("#visibility", "selected");
  await page.fill("#selected-repos", "hello-world");
  await page.fill("#name", "NO_SUCH_SECRET");
  await page.click("#update-repos");
  await idle(page);
  assert.equal(await text(page, "#name-error"), "Secret NO_SUCH_SECRET was not found in Actions secrets of organization octo-org.");
  assert.match(await text(page, "#form-error"), /^The emulator answered 404: Secret NO_SUCH_SECRET/);
  // Fixing the field clears its error; changing the scope clears the alert.
  await page.fill("#name", "FIXED");
  assert.equal(await text(page, "#name-error"), "");
  assert.equal(await invalid("name"), null);
  await page.selectOption("#scope", "repo");
  assert.equal(await text(page, "#form-error"), "");
});

test("item 5: a 422 about repositories outside the organization names them once, at the field", async () => {
  await chooseScope(page, "actions", "org", { org: "octo-org" });
  await page.selectOption("#visibility", "selected");
  await page.fill("#selected-repos", "hello-world, octocat/dotfiles, 999999");
  await upload(page, "OUTSIDE", "v");
  assert.equal(await text(page, "#repos-error"), "The emulator refused the selection. Not repositories of octo-org: octocat/dotfiles (id 1300194), 999999.");
  assert.equal(await invalid("selected-repos"), "true");
  assert.equal(await text(page, "#form-error"), "");
  const formText = await page.locator("#secret-form").innerText();
  assert.equal(formText.split("999999").length - 1, 1, "the refused id is named once");
  assert.equal(await env.control.secret("/orgs/octo-org/actions", "OUTSIDE"), null);
});

test("item 5: an empty token is caught before any request; the error clears when fixed", async () => {
  await chooseScope(page, "actions", "repo", { owner: "octo-org", repo: "hello-world" });
  await page.fill("#token", "");
  const before = await logLength();
  for (const button of ["#upload", "#list", "#fetch-key"]) {
    if (button === "#upload") await upload(page, "NO_TOKEN", "v");
    else {
      await page.click(button);
      await idle(page);
    }
    assert.match(await text(page, "#token-error"), /^Enter a token first/);
    assert.equal(await invalid("token"), "true");
  }
  assert.equal(await logLength(), before, "no request reached the emulator");
  await page.fill("#token", "ghp_ghsealDemoToken");
  assert.equal(await text(page, "#token-error"), "");
  assert.equal(await invalid("token"), null);
});

test("item 6: GitHub without network - the connection shows the retry and the error, the token field stays clean", async () => {
  await page.route("https://api.github.com/**", (route) => route.abort("internetdisconnected"));
  const emulatorHint = await text(page, "#token-hint");
  await page.check("#target-github");
  const githubHint = await text(page, "#token-hint");
  assert.notEqual(githubHint, emulatorHint);
  assert.match(githubHint, /personal access token/);
  await page.fill("#token", "ghp_offlineToken");
  await page.click("#check-token");
  await page.waitForFunction(() => /retrying in \d+ s/.test(document.getElementById("conn-status").textContent));
  await page.waitForFunction(() => document.getElementById("conn-status").textContent.startsWith("Could not reach"), null, { timeout: 20_000 });
  assert.match(await text(page, "#conn-status"), /^Could not reach https:\/\/api\.github\.com: .*Nothing was sent/);
  assert.equal(await page.getAttribute("#conn-status", "data-kind"), "bad");
  assert.equal(await text(page, "#token-error"), "");
  assert.equal(await invalid("token"), null);

  await chooseScope(page, "actions", "repo", { owner: "octo-org", repo: "hello-world" });
  await page.fill("#name", "OFFLINE");
  await page.fill("#value", "kept for a retry");
  await page.click("#upload");
  await page.waitForFunction(() => document.getElementById("form-error").textContent !== "", null, { timeout: 20_000 });
  await idle(page);
  assert.equal(await text(page, "#form-error"), "Nothing was sent: could not reach https://api.github.com (see 1. Connection).");
  assert.equal(await invalid("token"), null);
  assert.equal(await page.inputValue("#value"), "kept for a retry");

  await page.check("#target-emulator");
  assert.equal(await text(page, "#token-hint"), emulatorHint);
  assert.equal(await text(page, "#form-error"), "", "switching the target clears the alert");
  assert.match(await text(page, "#conn-status"), /^Requests go to the local emulator/);
  await page.unroute("https://api.github.com/**");
});

test("item 7: offline panel - the 48 KiB limit, a hex key, and keys the library refuses", async (t) => {
  const seal = await importPkg("node.js");
  const { publicKey } = seal.generateKeyPair();
  await page.fill("#offline-key", publicKey);
  await page.fill("#offline-value", "y".repeat(seal.MAX_SECRET_BYTES + 1));
  await page.click("#offline-seal");
  assert.equal(await text(page, "#offline-value-error"), "Too long: 49153 bytes; GitHub secrets are limited to 48 KiB (49152 bytes).");
  assert.equal(await page.inputValue("#offline-sealed"), "");

  await page.fill("#offline-key", Buffer.from(publicKey, "base64").toString("hex"));
  await page.fill("#offline-value", "v");
  await page.click("#offline-seal");
  assert.match(await text(page, "#offline-key-error"), /looks like hex .* must be base64/);
  assert.equal(await page.inputValue("#offline-sealed"), "");

  // A low-order (all-zero) key: the page shows the library's own refusal, whatever it says.
  const zeroKey = Buffer.alloc(32).toString("base64");
  let refusal;
  try {
    seal.sealSecret(zeroKey, "v");
  } catch (err) {
    refusal = err;
  }
  await page.fill("#offline-key", zeroKey);
  await page.click("#offline-seal");
  if (refusal) {
    assert.equal(refusal.param, "publicKey");
    assert.equal(await text(page, "#offline-key-error"), `Not a valid public key: ${refusal.message.replace(/^publicKey:\s*/, "")}`);
    assert.equal(await page.inputValue("#offline-sealed"), "");
  } else {
    t.diagnostic("this build of the package still accepts an all-zero public key; the refusal lands with the low-order check");
    assert.notEqual(await page.inputValue("#offline-sealed"), "");
  }
});

test("item 8: plurals, the list refreshes after an upload, 'selected' with no repositories asks first", async () => {
  await chooseScope(page, "actions", "repo", { owner: "octo-org", repo: "hello-world" });
  await listSecrets(page);
  assert.equal(await page.locator('#secrets-body tr[data-secret="ONE_CHAR"]').count(), 0);
  await upload(page, "ONE_CHAR", "x");
  assert.match(await text(page, "#value-length"), /^1 character \(1 byte UTF-8\); sealed into 49 bytes/);
  assert.equal(await page.locator('#secrets-body tr[data-secret="ONE_CHAR"]').count(), 1, "the list shows the new secret");
  assert.match(await text(page, "#list-status"), /secrets in Actions secrets of octo-org\/hello-world/);

  await chooseScope(page, "actions", "org", { org: "octo-org" });
  await page.selectOption("#visibility", "selected");
  dialogs.answer = "dismiss";
  const asked = dialogs.length;
  await upload(page, "EMPTY_SELECTION", "v");
  assert.equal(dialogs.length, asked + 1);
  assert.match(dialogs.at(-1), /No repositories are selected/);
  assert.equal(await env.control.secret("/orgs/octo-org/actions", "EMPTY_SELECTION"), null, "dismissed: nothing uploaded");
  assert.match(await text(page, "#secret-status"), /^Not uploaded/);
  dialogs.answer = "accept";
  await upload(page, "EMPTY_SELECTION", "v");
  assert.match(await text(page, "#upload-result"), /^Created EMPTY_SELECTION/);
  assert.deepEqual((await env.control.secret("/orgs/octo-org/actions", "EMPTY_SELECTION")).selected_repository_ids, []);
  assert.match(await page.locator('#secrets-body tr[data-secret="EMPTY_SELECTION"]').textContent(), /selected.*none/);
});

test("item 8: the Upload placeholder returns to neutral after a reset", async () => {
  await chooseScope(page, "actions", "repo", { owner: "octo-org", repo: "no-such-repo" });
  await upload(page, "RED_THEN_NEUTRAL", "v");
  assert.equal(await page.getAttribute("#upload-result", "data-kind"), "bad");
  const bad = await page.$eval("#upload-result", (el) => getComputedStyle(el).color);
  await page.selectOption("#scope", "environment");
  assert.equal(await text(page, "#upload-result"), "–");
  assert.equal(await page.getAttribute("#upload-result", "data-kind"), "");
  const neutral = await page.$eval("#upload-result", (el) => getComputedStyle(el).color);
  const body = await page.$eval("body", (el) => getComputedStyle(el).color);
  assert.notEqual(neutral, bad);
  assert.equal(neutral, body);
  assert.deepEqual(pageErrors, []);
});

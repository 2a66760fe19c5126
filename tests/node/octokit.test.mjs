// ghseal/octokit against the emulator with REAL Octokit instances: @octokit/core
// with @octokit/plugin-rest-endpoint-methods, @octokit/rest and octokit, each with
// the plugin, set repository, environment, organization, Dependabot, Codespaces
// (repository, organization, user) and Copilot agents secrets from `value`; the emulator opens every
// sealed box with libsodium and the test compares the plaintext. Also: one key
// fetch per scope, key rotation (422, refetch, one retry), ready ciphertext passed
// through untouched, Octokit's retry plugin applying to the key fetch, and bad
// input refused before any request. Size: the plugin adds at most 2 KB gzipped
// over the sealing-only entry (ghseal/seal) it builds on.
//
// Run: GHSEAL_PKG=pkg node --test tests/node/octokit.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Octokit as Core } from "@octokit/core";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { Octokit as Rest } from "@octokit/rest";
import { Octokit as Full } from "octokit";
import { generateKeyPairSync } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { attachAppAuth } from "../emulator/app-auth.mjs";
import { sealFor } from "../emulator/testkit.mjs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { importPkg, pkgDir } from "../support/pkg.mjs";

const OWNER = "octo-org";
const REPO = "hello-world";
const SPOON_ID = 1300192;
const HELLO = `/repos/${OWNER}/${REPO}/actions`;

let plugin;
let ghseal;
let server;
let emu;

const emulatorFixture = useEmulator({ clearLog: true, clearFaults: true });
before(async () => {
  plugin = await importPkg("octokit.node.js");
  ghseal = await importPkg();
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
});

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const FLAVOURS = {
  "@octokit/core + plugin-rest-endpoint-methods": (o) => new (Core.plugin(restEndpointMethods, plugin.sealSecrets))(o),
  "@octokit/rest": (o) => new (Rest.plugin(plugin.sealSecrets))(o),
  octokit: (o) => new (Full.plugin(plugin.sealSecrets))({ throttle: { enabled: false }, retry: { enabled: false }, ...o }),
};
const make = (flavour = "@octokit/rest", options = {}) => FLAVOURS[flavour]({ auth: DEMO_TOKEN, baseUrl: server.url, log: quiet, ...options });

const unique = (prefix) => `${prefix}_${randomBytes(4).toString("hex").toUpperCase()}`;
const value = (label) => `${label}:${randomBytes(12).toString("base64")}`;
const requests = () => emu.log().map((e) => `${e.method} ${e.path} ${e.status}`);
const keyFetches = () => emu.log().filter((e) => e.path.endsWith("/public-key")).length;

/** [label, scope path for the emulator, write(octokit, name, value)] for every sealing scope. */
const WRITES = [
  ["actions repo", HELLO, (o, n, v) => o.rest.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: n, value: v })],
  ["actions environment prod/eu", `/repos/${OWNER}/${REPO}/environments/prod/eu`, (o, n, v) =>
    o.rest.actions.createOrUpdateEnvironmentSecret({ owner: OWNER, repo: REPO, environment_name: "prod/eu", secret_name: n, value: v })],
  ["actions org", `/orgs/${OWNER}/actions`, (o, n, v) =>
    o.rest.actions.createOrUpdateOrgSecret({ org: OWNER, secret_name: n, value: v, visibility: "selected", selected_repository_ids: [SPOON_ID] })],
  ["dependabot repo", `/repos/${OWNER}/${REPO}/dependabot`, (o, n, v) => o.rest.dependabot.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: n, value: v })],
  ["dependabot org", `/orgs/${OWNER}/dependabot`, (o, n, v) => o.rest.dependabot.createOrUpdateOrgSecret({ org: OWNER, secret_name: n, value: v, visibility: "private" })],
  ["codespaces repo", `/repos/${OWNER}/${REPO}/codespaces`, (o, n, v) => o.rest.codespaces.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: n, value: v })],
  ["codespaces org", `/orgs/${OWNER}/codespaces`, (o, n, v) => o.rest.codespaces.createOrUpdateOrgSecret({ org: OWNER, secret_name: n, value: v, visibility: "all" })],
  ["codespaces user", "/user/codespaces", (o, n, v) => o.rest.codespaces.createOrUpdateSecretForAuthenticatedUser({ secret_name: n, value: v })],
  // Copilot agents secrets: no octokit.rest methods yet, so octokit.request with the route
  ["agents repo", `/repos/${OWNER}/${REPO}/agents`, (o, n, v) =>
    o.request("PUT /repos/{owner}/{repo}/agents/secrets/{secret_name}", { owner: OWNER, repo: REPO, secret_name: n, value: v })],
  ["agents org", `/orgs/${OWNER}/agents`, (o, n, v) =>
    o.request("PUT /orgs/{org}/agents/secrets/{secret_name}", { org: OWNER, secret_name: n, value: v, visibility: "selected", selected_repository_ids: [SPOON_ID] })],
];

for (const flavour of Object.keys(FLAVOURS)) {
  describe(`${flavour} with the plugin`, () => {
    for (const [label, scope, write] of WRITES) {
      test(`${label}: value is sealed, opened by the emulator; created then updated`, async () => {
        const octokit = make(flavour);
        const name = unique("PLUGIN");
        const first = value(label);
        const created = await write(octokit, name, first);
        assert.equal(created.status, 201);
        assert.equal(emu.getSecret(scope, name).value, first);
        const second = value(label);
        const updated = await write(octokit, name, second);
        assert.equal(updated.status, 204);
        assert.equal(emu.getSecret(scope, name).value, second);
        assert.equal(keyFetches(), 1, `one public-key fetch for two writes: ${requests().join(", ")}`);
      });
    }
  });
}

describe("the plugin's behaviour", () => {
  test("the org write kept visibility and selected repositories next to the sealed value", async () => {
    const name = unique("ORG_SEL");
    await make().rest.actions.createOrUpdateOrgSecret({ org: OWNER, secret_name: name, value: "v", visibility: "selected", selected_repository_ids: [SPOON_ID] });
    const s = emu.getSecret(`/orgs/${OWNER}/actions`, name);
    assert.equal(s.visibility, "selected");
    assert.deepEqual(s.selected_repository_ids, [SPOON_ID]);
  });

  test("bytes: a Uint8Array value arrives byte for byte", async () => {
    const name = unique("BYTES");
    const bytes = new Uint8Array(randomBytes(300));
    await make().rest.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: name, value: bytes });
    assert.equal(emu.getSecret(HELLO, name).value_base64, Buffer.from(bytes).toString("base64"));
  });

  test("octokit.request with the route template, and with a literal path, seals too", async () => {
    const octokit = make();
    const a = unique("ROUTE");
    await octokit.request("PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}", { owner: OWNER, repo: REPO, secret_name: a, value: "by-template" });
    assert.equal(emu.getSecret(HELLO, a).value, "by-template");
    const b = unique("LITERAL");
    await octokit.request(`PUT /repos/${OWNER}/${REPO}/environments/prod%2Feu/secrets/${b}`, { value: "by-path" });
    assert.equal(emu.getSecret(`/repos/${OWNER}/${REPO}/environments/prod/eu`, b).value, "by-path");
  });

  test("a rotated key: the write gets 422, the plugin refetches the key and retries once", async () => {
    const octokit = make();
    const name = unique("ROTATE");
    await octokit.rest.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: name, value: "before" });
    emu.rotateKey(HELLO);
    emu.clearLog();
    const v = value("after");
    const res = await octokit.rest.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: name, value: v });
    assert.equal(res.status, 204);
    assert.equal(emu.getSecret(HELLO, name).value, v);
    assert.equal(emu.getSecret(HELLO, name).key_id, emu.publicKey(HELLO).key_id);
    assert.deepEqual(emu.log().map((e) => `${e.method} ${e.status}`), ["PUT 422", "GET 200", "PUT 204"]);
    // the fresh key is cached: the next write needs no fetch
    emu.clearLog();
    await octokit.rest.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: name, value: "again" });
    assert.deepEqual(emu.log().map((e) => `${e.method} ${e.status}`), ["PUT 204"]);
  });

  test("a 422 that is not about the key (same key_id after refetch) is Octokit's RequestError, not retried again", async () => {
    const octokit = make();
    await assert.rejects(
      octokit.rest.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: "GITHUB_NOPE", value: "v" }),
      (e) => e.name === "HttpError" && e.status === 422,
    );
    assert.deepEqual(emu.log().map((e) => `${e.method} ${e.status}`), ["GET 200", "PUT 422", "GET 200"]);
  });

  test("ready ciphertext passes through unchanged (no key fetch by the plugin)", async () => {
    const octokit = make();
    const { data: key } = await octokit.rest.actions.getRepoPublicKey({ owner: OWNER, repo: REPO });
    const encrypted_value = await sealFor(key.key, "sealed-by-libsodium");
    emu.clearLog();
    const name = unique("READY");
    const res = await octokit.rest.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: name, encrypted_value, key_id: key.key_id });
    assert.equal(res.status, 201);
    assert.equal(emu.getSecret(HELLO, name).value, "sealed-by-libsodium");
    assert.deepEqual(emu.log().map((e) => e.method), ["PUT"]);
  });

  test("Octokit's retry plugin applies to the key fetch (octokit with retries on, a 502 on public-key)", async () => {
    const octokit = make("octokit", { retry: { enabled: true, retryAfterBaseValue: 1 }, request: { retries: 1, retryAfter: 0 } });
    emu.injectFaults([{ kind: "server-error", count: 1, method: "GET", pathPrefix: `${HELLO}/secrets/public-key` }]);
    const name = unique("RETRIED");
    await octokit.rest.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: name, value: "through-retry" });
    assert.equal(emu.getSecret(HELLO, name).value, "through-retry");
    assert.deepEqual(emu.log().map((e) => `${e.method} ${e.status}`), ["GET 502", "GET 200", "PUT 201"]);
  });

  test("the key fetch uses the instance's own auth: an Octokit authenticated as a GitHub App installation", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const apps = attachAppAuth(emu, { apps: [{ id: 31, publicKey, installations: [{ id: 32, account: OWNER }] }] });
    const octokit = make("@octokit/rest", {
      auth: { appId: 31, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }), installationId: 32 },
      authStrategy: createAppAuth,
    });
    const name = unique("AS_APP");
    await octokit.rest.actions.createOrUpdateRepoSecret({ owner: OWNER, repo: REPO, secret_name: name, value: "from-an-app" });
    assert.equal(emu.getSecret(HELLO, name).value, "from-an-app");
    assert.equal(apps.issued.length, 1);
    // the installation token, then the key fetch and the write with it
    assert.deepEqual(emu.log().map((e) => `${e.method} ${e.status}`), ["POST 201", "GET 200", "PUT 201"]);
    delete emu.appAuth;
  });

  test("concurrent writes to a fresh scope share one key fetch", async () => {
    const octokit = make();
    const names = [1, 2, 3, 4].map(() => unique("CONC"));
    await Promise.all(names.map((n) => octokit.rest.dependabot.createOrUpdateRepoSecret({ owner: OWNER, repo: "spoon-knife", secret_name: n, value: n })));
    for (const n of names) assert.equal(emu.getSecret(`/repos/${OWNER}/spoon-knife/dependabot`, n).value, n);
    assert.equal(keyFetches(), 1);
  });

  test("bad input is refused before any request, naming the parameter", async () => {
    const octokit = make();
    const p = { owner: OWNER, repo: REPO, secret_name: "BAD" };
    const refused = async (params, param, pattern) => {
      await assert.rejects(octokit.rest.actions.createOrUpdateRepoSecret({ ...p, ...params }), (e) => {
        assert.equal(e.name, "ValidationError");
        assert.equal(e.param, param);
        assert.match(e.message, pattern);
        return true;
      });
    };
    await refused({ value: "v", encrypted_value: "x".repeat(64) }, "value", /either value .* or encrypted_value/);
    await refused({ value: "v", key_id: "123" }, "key_id", /only with encrypted_value/);
    await refused({ value: 42 }, "value", /string or a Uint8Array, got number/);
    await refused({ value: "x".repeat(plugin.MAX_SECRET_BYTES) + "y" }, "value", /49153 bytes is over GitHub's limit of 49152/);
    await refused({ value: "é".repeat(24577) }, "value", /49154 bytes/);
    assert.deepEqual(requests(), []);
    // exactly 48 KiB is accepted
    const name = unique("MAX");
    await octokit.rest.actions.createOrUpdateRepoSecret({ ...p, secret_name: name, value: "x".repeat(49152) });
    assert.equal(emu.getSecret(HELLO, name).value.length, 49152);
  });

  test("calls that are not secret writes are untouched, `value` and all", async () => {
    const octokit = make();
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/actions/secrets", { owner: OWNER, repo: REPO, value: "ignored" });
    assert.equal(typeof data.total_count, "number");
    assert.match(emu.log()[0].path, /\?value=ignored$/);
  });

  test("the plugin's routes are exactly the package's secret writes (secretsEndpoints(), op Put) with their public-key routes", async () => {
    const { default: routes } = await importPkg("octokit-routes.js");
    const rows = ghseal.secretsEndpoints();
    // every write of a secret (or of another kind with its own public key); no variable
    const norm = (text) => String(text ?? "").toLowerCase().replace(/[-_]/g, "");
    const keyOf = (r) => rows.find((k) => norm(k.op) === "publickey" && k.app === r.app && k.scope === r.scope && k.kind === r.kind);
    const expected = rows
      .filter((r) => ["put", "create", "update"].includes(norm(r.op)) && norm(r.kind) !== "variable" && keyOf(r))
      .map((r) => [`${r.method} ${r.route}`, keyOf(r).route]);
    assert.ok(expected.length >= rows.filter((r) => r.method === "PUT" && /\/secrets\/\{secret_name\}$/.test(r.route)).length);
    assert.deepEqual([...routes].sort(), expected.sort());
    assert.ok(routes.length >= 8);
  });
});

test("size: the plugin adds at most 2 KB gzipped over ghseal/seal (esbuild bundle, minified, gzip -9)", async () => {
  const size = async (contents) => {
    const out = await build({ stdin: { contents, resolveDir: pkgDir, loader: "js" }, bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "error" });
    return gzipSync(out.outputFiles[0].contents, { level: 9 }).length;
  };
  const base = await size('export { sealSecret } from "./seal.js";');
  const withPlugin = await size('export { sealSecrets } from "./octokit.js";');
  const added = withPlugin - base;
  console.log(`ghseal/seal ${base} B gzipped; with the Octokit plugin ${withPlugin} B: +${added} B`);
  assert.ok(added > 0 && added <= 2048, `the plugin adds ${added} bytes gzipped`);
});

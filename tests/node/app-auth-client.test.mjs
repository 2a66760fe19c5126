// GitHubSecrets with Octokit auth strategies against the emulator's GitHub App
// flow: @octokit/auth-app across an installation-token expiry in the middle of a
// bulk run (every write succeeds, the token is refreshed exactly once), the same
// for paginate and request(), @octokit/auth-token and @octokit/auth-action, every
// strategy token scrubbed from errors, and bad app settings (malformed PEM, wrong
// app id, an installation that does not cover the repository) as clear errors
// before any write.
//
// Run: GHSEAL_PKG=pkg node --test tests/node/app-auth-client.test.mjs

import { before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { createTokenAuth } from "@octokit/auth-token";
import { createActionAuth } from "@octokit/auth-action";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { TOKEN_TTL_MS, attachAppAuth } from "../emulator/app-auth.mjs";
import { importPkg } from "../support/pkg.mjs";

const APP_ID = 5151;
const INSTALLATION = 61;
const NARROW_INSTALLATION = 62; // octo-org, spoon-knife only
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs1", format: "pem" });
const HELLO = "/repos/octo-org/hello-world/actions";

let ghseal;
let server;
let emu;
let apps;

const emulatorFixture = useEmulator();
before(async () => {
  ghseal = await importPkg();
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
  apps = attachAppAuth(emu, {
    apps: [{ id: APP_ID, slug: "ghseal-sync", publicKey, installations: [
      { id: INSTALLATION, account: "octo-org" },
      { id: NARROW_INSTALLATION, account: "octo-org", repositories: ["spoon-knife"] },
    ] }],
  });
});
beforeEach(() => {
  emu.clearLog();
  apps.issued.length = 0;
  apps.pending = [];
});

const appClient = (auth = {}, options = {}) =>
  new ghseal.GitHubSecrets({
    authStrategy: createAppAuth,
    auth: { appId: APP_ID, privateKey: PEM, installationId: INSTALLATION, ...auth },
    baseUrl: server.url,
    throttle: { minWriteInterval: 0 },
    retry: { retries: 0 },
    ...options,
  });
const tokenRequests = () => emu.log().filter((e) => e.path.includes("/access_tokens"));
const writes = () => emu.log().filter((e) => e.method === "PUT");

describe("@octokit/auth-app", () => {
  test("a bulk run across a token expiry: no failed write, the token refreshed once", async () => {
    const gh = appClient();
    const secrets = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`APP_BULK_${i}`, `value-${i}-${randomBytes(6).toString("hex")}`]));
    // The installation token expires (app clock +1 h) after the 6th request made with it.
    apps.advanceClockAfter(6, TOKEN_TTL_MS);
    const results = await gh.setSecrets({ owner: "octo-org", repo: "hello-world" }, secrets, { concurrency: 4 });
    assert.deepEqual(results.filter((r) => r.status !== "created"), []);
    for (const [name, value] of Object.entries(secrets)) assert.equal(emu.getSecret(HELLO, name).value, value);
    assert.equal(apps.issued.length, 2, "one token, then exactly one refresh");
    assert.ok(emu.log().some((e) => e.status === 401), "the expiry was hit mid-run");
    assert.equal(writes().filter((e) => e.status === 201).length, 16);
  });

  test("single calls, paginate and request() refresh the same way", async () => {
    const gh = appClient();
    await gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "hello-world", secret_name: "APP_ONE", value: "one" });
    apps.advanceClock(TOKEN_TTL_MS);
    const all = await gh.paginate(gh.actions.listRepoSecrets, { owner: "octo-org", repo: "hello-world" });
    assert.ok(all.some((s) => s.name === "APP_ONE"));
    apps.advanceClock(TOKEN_TTL_MS);
    const { data } = await gh.request("GET /orgs/{org}/actions/secrets", { org: "octo-org" });
    assert.equal(typeof data.total_count, "number");
    assert.equal(apps.issued.length, 3);
  });

  test("the installation tokens never appear in an error (message, request, response, stack)", async () => {
    const seen = [];
    const leaky = async (url, init) => {
      const token = init.headers.authorization?.replace(/^Bearer /, "");
      if (token?.startsWith("ghs_")) seen.push(token);
      if (url.includes("/LEAKY")) {
        // a server (or proxy) that echoes the credential in its answer
        return new Response(JSON.stringify({ message: `token ${token} is not allowed here` }), { status: 400, headers: { "content-type": "application/json" } });
      }
      if (url.includes("/THROWS")) throw new Error(`socket closed while sending ${token}`);
      return fetch(url, init);
    };
    const gh = appClient({}, { fetch: leaky });
    const errors = [];
    for (const name of ["LEAKY", "THROWS"]) {
      await gh.actions.getRepoSecret({ owner: "octo-org", repo: "hello-world", secret_name: name }).catch((e) => errors.push(e));
    }
    const results = await gh.setSecrets({ owner: "octo-org", repo: "hello-world" }, { LEAKY: "v" });
    errors.push(results[0].error);
    assert.equal(errors.length, 3);
    assert.ok(seen.length > 0);
    for (const error of errors) {
      const text = `${error.message}\n${error.stack}\n${JSON.stringify(error)}\n${JSON.stringify(error.response ?? null)}\n${JSON.stringify(error.request ?? null)}`;
      for (const t of seen) assert.ok(!text.includes(t), `token in ${error.message}`);
      assert.match(text, /\[REDACTED\]/);
    }
  });

  test("a malformed PEM: a clear auth error before any request", async () => {
    const gh = appClient({ privateKey: "-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n" });
    await assert.rejects(gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "hello-world", secret_name: "X", value: "v" }), (e) => {
      assert.equal(e.name, "ValidationError");
      assert.equal(e.param, "auth");
      assert.match(e.message, /^auth: the auth strategy gave no token: /);
      return true;
    });
    assert.deepEqual(emu.log(), []);
  });

  test("a wrong app id: GitHub's 401 for the JWT, named, and no write", async () => {
    const gh = appClient({ appId: 999 });
    await assert.rejects(gh.setSecrets({ owner: "octo-org", repo: "hello-world" }, { X: "v" }).then((r) => Promise.reject(r[0].error)), (e) => {
      assert.equal(e.status, 401);
      assert.match(e.message, /Integration not found .*999.*POST \/app\/installations\/61\/access_tokens/);
      return true;
    });
    assert.deepEqual(writes(), []);
  });

  test("an installation that does not cover the repository: 403 Resource not accessible by integration, nothing written", async () => {
    const gh = appClient({ installationId: NARROW_INSTALLATION });
    await assert.rejects(gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "hello-world", secret_name: "X", value: "v" }), (e) => {
      assert.equal(e.status, 403);
      assert.match(e.message, /Resource not accessible by integration/);
      return true;
    });
    assert.equal(emu.getSecret(HELLO, "X"), null);
    // and where it reaches, it works
    await gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "spoon-knife", secret_name: "NARROW_OK", value: "v" });
    assert.equal(emu.getSecret("/repos/octo-org/spoon-knife/actions", "NARROW_OK").value, "v");
  });
});

describe("other strategies of the same shape", () => {
  test("@octokit/auth-token: createTokenAuth with a string auth", async () => {
    const gh = new ghseal.GitHubSecrets({ authStrategy: createTokenAuth, auth: DEMO_TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 } });
    await gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "hello-world", secret_name: "VIA_TOKEN_AUTH", value: "t" });
    assert.equal(emu.getSecret(HELLO, "VIA_TOKEN_AUTH").value, "t");
  });

  test("@octokit/auth-token with a revoked token: one 401, no retry loop (the strategy has no fresher token)", async () => {
    const gh = new ghseal.GitHubSecrets({ authStrategy: createTokenAuth, auth: "ghp_revokedTokenValue", baseUrl: server.url, retry: { retries: 0 } });
    await assert.rejects(gh.actions.listRepoSecrets({ owner: "octo-org", repo: "hello-world" }), (e) => e.status === 401 && !e.message.includes("ghp_revokedTokenValue"));
    assert.equal(emu.log().length, 1);
  });

  test("@octokit/auth-action: GITHUB_TOKEN from the environment", async () => {
    const saved = { GITHUB_ACTION: process.env.GITHUB_ACTION, GITHUB_TOKEN: process.env.GITHUB_TOKEN };
    process.env.GITHUB_ACTION = "run1";
    process.env.GITHUB_TOKEN = DEMO_TOKEN;
    try {
      const gh = new ghseal.GitHubSecrets({ authStrategy: createActionAuth, baseUrl: server.url });
      const { data } = await gh.actions.listRepoSecrets({ owner: "octo-org", repo: "hello-world" });
      assert.equal(typeof data.total_count, "number");
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  test("a plain string auth works as before, and authStrategy must be a function", () => {
    assert.doesNotThrow(() => new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url }));
    assert.throws(() => new ghseal.GitHubSecrets({ authStrategy: "createAppAuth" }), /authStrategy: expected a function/);
  });
});

// The `ghseal` command authenticated as a GitHub App (--app-id, --private-key,
// --installation-id or discovery; GH_APP_* variables) against the emulator's
// GitHub App flow: a bulk run across an installation-token expiry (every write
// succeeds, one refresh), bad app settings as one clear line, and neither the
// private key nor any token in any output. Also GitHub Enterprise Server:
// GH_HOST=HOST maps to https://HOST/api/v3 with GH_ENTERPRISE_TOKEN, checked
// end to end through an HTTPS front serving the emulator under /api/v3.
//
// Run: GHSEAL_PKG=pkg node --test tests/node/app-auth-cli.test.mjs

import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import { join } from "node:path";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { useTempDir } from "../support/tmp.mjs";
import { createHandler } from "../emulator/server.mjs";
import { TOKEN_TTL_MS, attachAppAuth } from "../emulator/app-auth.mjs";
import { pkgDir, repoRoot } from "../support/pkg.mjs";
import { CLEAN_ENV, runCli } from "../support/cli.mjs";

const APP_ID = 7070;
const HELLO = "/repos/octo-org/hello-world/actions";
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs1", format: "pem" });
const PEM_BODY = PEM.split("\n").filter((l) => l && !l.startsWith("-----"));

let server;
let emu;
let apps;
const tempDir = useTempDir("ghseal-app-");
const tmp = tempDir.path;
let keyFile;

const emulatorFixture = useEmulator();
before(async () => {
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
  apps = attachAppAuth(emu, { apps: [{ id: APP_ID, slug: "ghseal-cli", publicKey, installations: [{ id: 91, account: "octo-org" }] }] });
  keyFile = join(tmp, "app.pem");
  writeFileSync(keyFile, PEM);
});
beforeEach(() => {
  emu.clearLog();
  apps.issued.length = 0;
  apps.pending = [];
});

/** Runs the CLI; asserts no token, JWT-looking string or private-key line in any output. */
async function ghseal(args, { env = {}, base = true } = {}) {
  const argv = base ? [...args, "--base-url", server.url, "--throttle-ms", "0"] : args;
  const { code, stdout, stderr } = await runCli(argv, { env });
  const out = stdout + stderr;
  for (const t of apps.tokens.keys()) assert.ok(!out.includes(t), "an installation token was printed");
  assert.ok(!out.includes(DEMO_TOKEN), "the token was printed");
  assert.doesNotMatch(out, /eyJ[\w-]{10,}\.[\w-]{10,}/, "a JWT was printed");
  for (const line of PEM_BODY) assert.ok(!out.includes(line), "a line of the private key was printed");
  return { code, stdout, stderr };
}
function runNode(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
const ok = (r) => assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
const puts = () => emu.log().filter((e) => e.method === "PUT");

describe("ghseal as a GitHub App", () => {
  test("bulk --env-file across a token expiry, installation discovered: every write succeeds, one refresh", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `CLI_APP_${i}`);
    const envFile = join(tmp, "bulk.env");
    writeFileSync(envFile, names.map((n) => `${n}=value-of-${n}`).join("\n"));
    apps.advanceClockAfter(5, TOKEN_TTL_MS);
    const r = await ghseal(["set", "-f", envFile, "-R", "octo-org/hello-world", "--app-id", String(APP_ID), "--private-key", keyFile]);
    ok(r);
    for (const n of names) assert.equal(emu.getSecret(HELLO, n).value, `value-of-${n}`);
    assert.equal(apps.issued.length, 2, "one token, then exactly one refresh");
    assert.ok(emu.log().some((e) => e.status === 401), "the expiry was hit mid-run");
    assert.ok(emu.log().some((e) => e.path === "/repos/octo-org/hello-world/installation" && e.status === 200), "the installation was discovered");
    assert.equal(puts().filter((e) => e.status === 201).length, 12);
  });

  test("GH_APP_ID, GH_APP_PRIVATE_KEY_FILE and GH_APP_INSTALLATION_ID; an org target", async () => {
    const env = { GH_APP_ID: String(APP_ID), GH_APP_PRIVATE_KEY_FILE: keyFile, GH_APP_INSTALLATION_ID: "91" };
    ok(await ghseal(["set", "CLI_APP_ORG", "-b", "org-value", "-o", "octo-org", "-v", "all"], { env }));
    assert.equal(emu.getSecret("/orgs/octo-org/actions", "CLI_APP_ORG").value, "org-value");
    assert.ok(!emu.log().some((e) => e.path.endsWith("/installation")), "no discovery with an installation id");
    const list = await ghseal(["list", "-o", "octo-org", "--json"], { env });
    ok(list);
    assert.ok(JSON.parse(list.stdout).some((s) => s.name === "CLI_APP_ORG"));
  });

  test("a malformed PEM, a missing key, a bad id: one usage line, exit 2, nothing sent", async () => {
    const bad = join(tmp, "bad.pem");
    writeFileSync(bad, "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n");
    const cases = [
      [["--app-id", String(APP_ID), "--private-key", bad], /--private-key .*bad\.pem: not a PEM private key/],
      [["--app-id", String(APP_ID)], /--app-id needs --private-key FILE/],
      [["--app-id", "twelve", "--private-key", keyFile], /--app-id: expected the GitHub App's numeric id/],
      [["--app-id", String(APP_ID), "--private-key", join(tmp, "missing.pem")], /cannot read it \(ENOENT\)/],
    ];
    for (const [flags, message] of cases) {
      const r = await ghseal(["set", "X", "-b", "v", "-R", "octo-org/hello-world", ...flags]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, message);
    }
    assert.deepEqual(emu.log(), []);
  });

  test("a wrong app id, and an app not installed on the repository: one clear line, no write", async () => {
    let r = await ghseal(["set", "X", "-b", "v", "-R", "octo-org/hello-world", "--app-id", "999", "--private-key", keyFile, "--installation-id", "91"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Integration not found/);
    r = await ghseal(["set", "X", "-b", "v", "-R", "octocat/dotfiles", "--app-id", String(APP_ID), "--private-key", keyFile]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /GitHub App 7070 is not installed on octocat\/dotfiles/);
    assert.deepEqual(puts(), []);
  });
});

// ------------------------------------------------------------------ GHES

const haveOpenssl = spawnSync("openssl", ["version"]).status === 0;

describe("GitHub Enterprise Server (GH_HOST)", { skip: !haveOpenssl && "needs openssl to make a test certificate" }, () => {
  let front;
  let host;
  let certFile;

  before(async () => {
    const keyPath = join(tmp, "tls.key");
    certFile = join(tmp, "tls.crt");
    const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyPath, "-out", certFile, "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { encoding: "utf8" });
    assert.equal(made.status, 0, made.stderr);
    // An HTTPS front serving the emulator's API under /api/v3 only, as GHES does.
    const handler = createHandler(emu, { controls: false, quiet: true });
    front = https.createServer({ key: readFileSync(keyPath), cert: readFileSync(certFile) }, (req, res) => {
      if (!req.url.startsWith("/api/v3/")) {
        res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not Found"}');
        return;
      }
      req.url = req.url.slice("/api/v3".length);
      handler(req, res);
    });
    await new Promise((resolve) => front.listen(0, "127.0.0.1", resolve));
    host = `127.0.0.1:${front.address().port}`;
  });
  after(() => new Promise((resolve) => (front ? front.close(resolve) : resolve())));

  test("GH_HOST=HOST and GH_ENTERPRISE_TOKEN: the CLI talks to https://HOST/api/v3 (GH_TOKEN is not used there)", async () => {
    const env = { GH_HOST: host, GH_ENTERPRISE_TOKEN: DEMO_TOKEN, GH_TOKEN: "ghp_dotcomTokenNotForGhes", NODE_EXTRA_CA_CERTS: certFile };
    ok(await ghseal(["set", "GHES_SECRET", "-b", "on-ghes", "-R", "octo-org/hello-world", "--throttle-ms", "0"], { env, base: false }));
    assert.equal(emu.getSecret(HELLO, "GHES_SECRET").value, "on-ghes");
    const list = await ghseal(["list", "-R", "octo-org/hello-world", "--json"], { env, base: false });
    ok(list);
    assert.ok(JSON.parse(list.stdout).some((s) => s.name === "GHES_SECRET"));
    assert.ok(emu.log().every((e) => e.status !== 401), "only the enterprise token was sent");
  });

  test("GitHubSecrets with baseUrl https://HOST/api/v3 (what GH_HOST maps to)", async () => {
    // A child process: NODE_EXTRA_CA_CERTS is read at start-up (async: the emulator runs in this process).
    const r = await runNode(["--input-type=module", "-e", `
      const { GitHubSecrets } = await import(${JSON.stringify(new URL(`file://${join(pkgDir, "node.js")}`).href)});
      const gh = new GitHubSecrets({ auth: ${JSON.stringify(DEMO_TOKEN)}, baseUrl: "https://${host}/api/v3", throttle: { minWriteInterval: 0 } });
      const res = await gh.actions.createOrUpdateRepoSecret({ owner: "octo-org", repo: "hello-world", secret_name: "GHES_LIB", value: "lib-on-ghes" });
      console.log(res.status);`], { ...CLEAN_ENV, NODE_EXTRA_CA_CERTS: certFile });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), "201");
    assert.equal(emu.getSecret(HELLO, "GHES_LIB").value, "lib-on-ghes");
  });
});

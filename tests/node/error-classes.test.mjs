// Error classes (issue #12 items 3 and 4): every entry (ESM default, ghseal/seal,
// ghseal/slim, CommonJS require) exports ValidationError, DecryptionError,
// EncryptionError and HttpError, throws instances of them, and `instanceof` holds
// whichever entry threw; an uncaught ghseal error printed by Node shows its message
// and no source line longer than 200 characters.
//   GHSEAL_PKG=pkg node --test tests/node/error-classes.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importPkg, pkgDir, pkgUrl } from "../support/pkg.mjs";
import { closedPortUrl, serve } from "../support/local-server.mjs";

const CLASS_NAMES = ["GhsealError", "ValidationError", "DecryptionError", "EncryptionError", "HttpError"];
const BAD_KEY = "not a key";
const TOKEN = "ghp_errorClassesTestToken0000000000000000";

let entries;
let server;
let serverUrl;
let closedUrl;

before(async () => {
  const require = createRequire(import.meta.url);
  entries = {
    "ghseal (ESM)": await importPkg("node.js"),
    "ghseal/seal (ESM)": await importPkg("seal.node.js"),
    // ghseal/slim has its own instance of the front wasm: initialised as its contract says.
    "ghseal/slim": await importPkg("slim.js").then((slim) => (slim.initSync({ module: readFileSync(join(pkgDir, "wasm", "ghseal_bg.wasm")) }), slim)),
    "require('ghseal')": require(join(pkgDir, "index.cjs")),
    "require('ghseal/seal')": require(join(pkgDir, "seal.cjs")),
  };
  // Every request gets GitHub's 404 body.
  server = await serve((req, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: "Not Found", documentation_url: "https://docs.github.com/rest" }));
  });
  serverUrl = server.url;
  // A port that was open a moment ago and is now closed: connections are refused.
  closedUrl = await closedPortUrl();
});

after(() => server?.close());

function caught(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail("did not throw");
}

/** `error` is an instance of `name` (and GhsealError, Error) in every entry, and of no other class. */
function assertClass(error, name, thrower) {
  for (const [label, mod] of Object.entries(entries)) {
    for (const cls of CLASS_NAMES) {
      assert.equal(typeof mod[cls], "function", `${label} exports ${cls}`);
      const expected = cls === name || cls === "GhsealError";
      assert.equal(error instanceof mod[cls], expected, `${thrower}'s ${name} instanceof ${label}'s ${cls}`);
    }
  }
  assert.ok(error instanceof Error);
  assert.equal(error.name, name);
  assert.ok(!(new Error("plain") instanceof entries["ghseal (ESM)"].GhsealError), "a plain Error is no GhsealError");
  assert.ok(!({ name } instanceof entries["ghseal (ESM)"][name]), "a look-alike object is not an instance");
}

test("ValidationError and DecryptionError from every entry are instances in every entry", () => {
  const { publicKey } = entries["ghseal (ESM)"].generateKeyPair();
  const other = entries["ghseal (ESM)"].generateKeyPair();
  const sealed = entries["ghseal (ESM)"].sealSecret(publicKey, "x");
  for (const [label, mod] of Object.entries(entries)) {
    const bad = caught(() => mod.sealSecret(BAD_KEY, "value"));
    assertClass(bad, "ValidationError", label);
    assert.equal(bad.param, "publicKey");
    assert.match(bad.code, /^invalid_/);
    assert.match(bad.message, /publicKey/);
    const wrong = caught(() => mod.openSecret(other.publicKey, other.secretKey, sealed));
    assertClass(wrong, "DecryptionError", label);
    assert.equal(wrong.code, "open_failed");
  }
});

test("HttpError (a 404 from GitHub) carries Octokit RequestError's fields, from ESM and CJS", async () => {
  for (const label of ["ghseal (ESM)", "ghseal/slim", "require('ghseal')"]) {
    const gh = new entries[label].GitHubSecrets({ auth: TOKEN, baseUrl: serverUrl, retry: { retries: 0 } });
    const error = await gh.actions.getRepoPublicKey({ owner: "o", repo: "r" }).then(
      () => assert.fail("resolved"),
      (e) => e,
    );
    assertClass(error, "HttpError", label);
    assert.equal(error.status, 404);
    assert.equal(error.code, "http");
    assert.equal(error.request.method, "GET");
    assert.equal(error.request.url, `${serverUrl}/repos/o/r/actions/secrets/public-key`);
    assert.ok(!JSON.stringify(error.request.headers).includes(TOKEN), "token redacted");
    assert.equal(error.response.status, 404);
    assert.equal(error.response.data.message, "Not Found");
    assert.equal(typeof error.response.headers, "object");
  }
});

test("HttpError with status 0 when nothing answered (closed port)", async () => {
  for (const label of ["ghseal (ESM)", "require('ghseal')"]) {
    const gh = new entries[label].GitHubSecrets({ auth: TOKEN, baseUrl: closedUrl, retry: { retries: 0 } });
    const error = await gh.actions.listRepoSecrets({ owner: "o", repo: "r" }).then(
      () => assert.fail("resolved"),
      (e) => e,
    );
    assertClass(error, "HttpError", label);
    assert.equal(error.status, 0);
    assert.equal(error.code, "network");
    assert.equal(error.request.method, "GET");
    assert.equal(error.response, undefined);
  }
});

test("the client's own ValidationError (paginate of a non-method) is the class", async () => {
  for (const label of ["ghseal (ESM)", "require('ghseal')"]) {
    const gh = new entries[label].GitHubSecrets({ auth: TOKEN, baseUrl: closedUrl });
    const error = await gh.paginate({}).then(() => assert.fail("resolved"), (e) => e);
    assertClass(error, "ValidationError", label);
    assert.equal(error.param, "method");
    assert.equal(error.code, "invalid_type");
  }
});

// build.mjs shares errors.js between the wasm glue's errors snippet and the entry
// (shareErrorsModule): in the ESM entries the wasm's errors are the exported classes
// themselves, not a look-alike copy matched by brand only.
test("ESM entries: the errors the front and client wasm throw have the exported classes' prototypes", async () => {
  for (const label of ["ghseal (ESM)", "ghseal/seal (ESM)", "ghseal/slim"]) {
    const mod = entries[label];
    const bad = caught(() => mod.sealSecret(BAD_KEY, "value"));
    assert.equal(Object.getPrototypeOf(bad), mod.ValidationError.prototype, `${label}: sealSecret's ValidationError`);
    if (!mod.GitHubSecrets) continue;
    const options = caught(() => new mod.GitHubSecrets({ baseUrl: 5 }));
    assert.equal(Object.getPrototypeOf(options), mod.ValidationError.prototype, `${label}: the options check's ValidationError`);
    const gh = new mod.GitHubSecrets({ auth: TOKEN, baseUrl: serverUrl, retry: { retries: 0 } });
    const http = await gh.actions.getRepoPublicKey({ owner: "o", repo: "r" }).then(() => assert.fail("resolved"), (e) => e);
    assert.equal(Object.getPrototypeOf(http), mod.HttpError.prototype, `${label}: the client wasm's HttpError`);
  }
});

test("the classes can be constructed by callers with today's fields", () => {
  const { HttpError, ValidationError } = entries["require('ghseal')"];
  const e = new HttpError("boom", { code: "http", status: 500, request: { method: "GET", url: "u" } });
  assertClass(e, "HttpError", "new HttpError");
  assert.deepEqual([e.message, e.status, e.request.url], ["boom", 500, "u"]);
  const v = new ValidationError("bad", { code: "invalid_param", param: "x" });
  assert.deepEqual([v.name, v.param, v.code], ["ValidationError", "x", "invalid_param"]);
  assert.match(v.stack, /ValidationError: bad/);
});

/** Runs `source` as an ES module in a fresh node; returns its stderr after checking it failed. */
function runUncaught(source) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", source], { encoding: "utf8", timeout: 30_000 });
  assert.notEqual(r.status, 0, `the script must die of its uncaught error; stderr: ${r.stderr}`);
  return r.stderr;
}

function assertReadable(stderr, name, message) {
  assert.ok(stderr.includes(`${name}: `), `stderr names ${name}:\n${stderr}`);
  assert.ok(stderr.includes(message), `stderr shows the message:\n${stderr}`);
  const long = stderr.split("\n").filter((line) => line.length > 200);
  assert.deepEqual(long.map((l) => `${l.length} chars: ${l.slice(0, 80)}...`), [], "no line over 200 characters");
  assert.match(stderr, /\n\s+at /, "a stack is printed");
}

test("an uncaught ValidationError prints its message and no line over 200 characters", () => {
  const stderr = runUncaught(`import { sealSecret } from ${JSON.stringify(pkgUrl("node.js"))};\nsealSecret(${JSON.stringify(BAD_KEY)}, "v");`);
  assertReadable(stderr, "ValidationError", "publicKey");
});

test("an uncaught HttpError (closed port) prints its message and no line over 200 characters", () => {
  const stderr = runUncaught(
    `import { GitHubSecrets } from ${JSON.stringify(pkgUrl("node.js"))};\n` +
      `await new GitHubSecrets({ auth: "t", baseUrl: ${JSON.stringify(closedUrl)}, retry: { retries: 0 } }).actions.listRepoSecrets({ owner: "o", repo: "r" });`,
  );
  assertReadable(stderr, "HttpError", closedUrl);
});

// (The spawned processes use the closed port: spawnSync blocks this process, so
// its own 404 server could not answer them.)
test("an uncaught HttpError from require('ghseal') is readable too", () => {
  const cjs = join(pkgDir, "index.cjs");
  const r = spawnSync(
    process.execPath,
    ["-e", `const { GitHubSecrets } = require(${JSON.stringify(cjs)});\nnew GitHubSecrets({ auth: "t", baseUrl: ${JSON.stringify(closedUrl)}, retry: { retries: 0 } }).actions.getRepoPublicKey({ owner: "o", repo: "r" });`],
    { encoding: "utf8", timeout: 30_000 },
  );
  assert.notEqual(r.status, 0);
  assertReadable(r.stderr, "HttpError", closedUrl);
});

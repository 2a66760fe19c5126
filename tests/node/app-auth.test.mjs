// The emulator's GitHub App flow (tests/emulator/app-auth.mjs), driven by the real
// @octokit/auth-app where it can be and by hand-made JWTs for the failures: RS256
// verification, installation access tokens expiring one hour later on the app
// clock, installation lookup for a repository and an org, coverage of the
// installation (403 outside it), 401 once a token expired, tokens kept out of the
// request log, the usual checks (API version) on the new routes, and every
// answer of the new routes valid against GitHub's OpenAPI description.
//
// Run: node --test tests/node/app-auth.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createSign, generateKeyPairSync } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { request as octokitRequest } from "@octokit/request";
import { useEmulator } from "../support/emulator.mjs";
import { TOKEN_TTL_MS, attachAppAuth } from "../emulator/app-auth.mjs";
import { createClient } from "../emulator/testkit.mjs";
import { findOperation, validateResponse } from "../support/openapi.mjs";

const APP_ID = 4242;
const OTHER_APP_ID = 4343;
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs8", format: "pem" });
const other = generateKeyPairSync("rsa", { modulusLength: 2048 });

let server;
let apps;
let api;

const emulatorFixture = useEmulator();
before(async () => {
  server = (await emulatorFixture.ready).server;
  apps = attachAppAuth(server.emulator, {
    apps: [
      { id: APP_ID, slug: "secret-sync", publicKey, installations: [{ id: 71, account: "octo-org" }, { id: 72, account: "octocat", repositories: ["dotfiles"] }] },
      { id: OTHER_APP_ID, publicKey: other.publicKey, installations: [{ id: 81, account: "octo-org", repositories: ["spoon-knife"] }] },
    ],
  });
  api = createClient(server.url, { token: null });
});

/** A JWT as GitHub wants one, with overridable claims and key. */
function jwt(claims = {}, key = privateKey) {
  const now = Math.floor(Date.now() / 1000);
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const body = `${enc({ alg: "RS256", typ: "JWT" })}.${enc({ iat: now - 30, exp: now + 540, iss: APP_ID, ...claims })}`;
  return `${body}.${createSign("RSA-SHA256").update(body).sign(key).toString("base64url")}`;
}
const bearer = (t) => ({ authorization: `Bearer ${t}` });
const appRequest = () => octokitRequest.defaults({ baseUrl: server.url });

describe("JWT and access tokens", () => {
  test("@octokit/auth-app gets an installation token that expires one hour later on the app clock", async () => {
    const auth = createAppAuth({ appId: APP_ID, privateKey: PEM, installationId: 71, request: appRequest() });
    const before = apps.now();
    const { token, expiresAt } = await auth({ type: "installation" });
    assert.match(token, /^ghs_/);
    const ttl = Date.parse(expiresAt) - before;
    assert.ok(ttl > TOKEN_TTL_MS - 2000 && ttl <= TOKEN_TTL_MS + 1000, `expires_at ${expiresAt} is an hour ahead`);
    const r = await api.request("GET", "/repos/octo-org/hello-world/actions/secrets", { headers: bearer(token) });
    assert.equal(r.status, 200);
    assert.ok(!JSON.stringify(server.emulator.log()).includes(token), "the request log never holds the token");
  });

  test("a token answers 401 Bad credentials once the app clock passes expires_at", async () => {
    const r0 = await api.request("POST", "/app/installations/71/access_tokens", { headers: bearer(jwt()) });
    assert.equal(r0.status, 201);
    const { token } = r0.body;
    assert.equal((await api.request("GET", "/repos/octo-org/docs/dependabot/secrets", { headers: bearer(token) })).status, 200);
    apps.advanceClock(TOKEN_TTL_MS - 5000);
    assert.equal((await api.request("GET", "/repos/octo-org/docs/dependabot/secrets", { headers: bearer(token) })).status, 200);
    apps.advanceClock(5000);
    const r = await api.request("GET", "/repos/octo-org/docs/dependabot/secrets", { headers: bearer(token) });
    assert.equal(r.status, 401);
    assert.equal(r.body.message, "Bad credentials");
    // a fresh token works, expiring an hour after the advanced clock
    const r2 = await api.request("POST", "/app/installations/71/access_tokens", { headers: bearer(jwt()) });
    assert.equal(Date.parse(r2.body.expires_at) - apps.now() > TOKEN_TTL_MS - 2000, true);
    assert.equal((await api.request("GET", "/repos/octo-org/docs/dependabot/secrets", { headers: bearer(r2.body.token) })).status, 200);
  });

  test("advanceClockAfter(n, ms) expires tokens after n more installation requests", async () => {
    const { token } = (await api.request("POST", "/app/installations/71/access_tokens", { headers: bearer(jwt()) })).body;
    apps.advanceClockAfter(2, TOKEN_TTL_MS);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.request("GET", "/orgs/octo-org/actions/secrets", { headers: bearer(token) })).status);
    assert.deepEqual(statuses, [200, 200, 401]);
  });

  test("bad JWTs are 401 with a message naming the problem", async () => {
    const cases = [
      ["not-a-jwt", /could not be decoded/],
      [jwt({ iss: 999 }), /Integration not found .*999/],
      [jwt({}, other.privateKey), /could not be decoded/],
      [jwt({ exp: Math.floor(Date.now() / 1000) - 10 }), /'Expiration time' claim/],
      [jwt({ iat: Math.floor(Date.now() / 1000) - 30, exp: Math.floor(Date.now() / 1000) + 3600 }), /too far in the future/],
      [jwt({ iat: Math.floor(Date.now() / 1000) + 600 }), /'Issued at' claim/],
    ];
    for (const [token, message] of cases) {
      const r = await api.request("POST", "/app/installations/71/access_tokens", { headers: bearer(token) });
      assert.equal(r.status, 401, token);
      assert.match(r.body.message, message);
    }
    assert.equal((await api.request("POST", "/app/installations/71/access_tokens")).status, 401, "no credentials");
  });

  test("an installation of another app, or none, is 404", async () => {
    assert.equal((await api.request("POST", "/app/installations/81/access_tokens", { headers: bearer(jwt()) })).status, 404);
    assert.equal((await api.request("POST", "/app/installations/999/access_tokens", { headers: bearer(jwt()) })).status, 404);
  });

  test("the API-version check applies to the app routes too", async () => {
    const r = await api.request("POST", "/app/installations/71/access_tokens", { headers: { ...bearer(jwt()), "x-github-api-version": "1999-01-01" } });
    assert.equal(r.status, 400);
  });
});

describe("installation lookup and coverage", () => {
  test("GET /repos/{owner}/{repo}/installation and /orgs/{org}/installation find the app's installation", async () => {
    let r = await api.request("GET", "/repos/octo-org/docs/installation", { headers: bearer(jwt()) });
    assert.equal(r.status, 200);
    assert.equal(r.body.id, 71);
    assert.equal(r.body.app_id, APP_ID);
    assert.equal(r.body.account.login, "octo-org");
    r = await api.request("GET", "/orgs/octo-org/installation", { headers: bearer(jwt()) });
    assert.equal(r.body.id, 71);
    r = await api.request("GET", "/repos/octocat/dotfiles/installation", { headers: bearer(jwt()) });
    assert.equal(r.body.id, 72);
    assert.equal(r.body.repository_selection, "selected");
    r = await api.request("GET", "/users/octocat/installation", { headers: bearer(jwt()) });
    assert.equal(r.body.id, 72);
  });

  test("no installation covering the target: 404; a personal token instead of a JWT: 401", async () => {
    assert.equal((await api.request("GET", "/repos/octo-org/hello-world/installation", { headers: bearer(jwt({ iss: OTHER_APP_ID }, other.privateKey)) })).status, 404);
    assert.equal((await api.request("GET", "/repos/octo-org/no-such-repo/installation", { headers: bearer(jwt()) })).status, 404);
    assert.equal((await api.request("GET", "/orgs/octo-org/installation", { headers: bearer("ghp_ghsealDemoToken") })).status, 401);
  });

  test("an installation token works only where its installation reaches (403 elsewhere, and for /user)", async () => {
    const { token } = (await api.request("POST", "/app/installations/81/access_tokens", { headers: bearer(jwt({ iss: OTHER_APP_ID }, other.privateKey)) })).body;
    assert.equal((await api.request("GET", "/repos/octo-org/spoon-knife/actions/secrets", { headers: bearer(token) })).status, 200);
    const r = await api.request("GET", "/repos/octo-org/hello-world/actions/secrets", { headers: bearer(token) });
    assert.equal(r.status, 403);
    assert.equal(r.body.message, "Resource not accessible by integration");
    assert.equal((await api.request("GET", "/orgs/octo-org/actions/secrets", { headers: bearer(token) })).status, 200);
    assert.equal((await api.request("GET", "/user/codespaces/secrets", { headers: bearer(token) })).status, 403);
  });
});

test("the app routes' answers match GitHub's OpenAPI description (success and 404)", async () => {
  const cases = [
    ["POST", "/app/installations/71/access_tokens", 201],
    ["GET", "/repos/octo-org/hello-world/installation", 200],
    ["GET", "/orgs/octo-org/installation", 200],
    ["GET", "/users/octocat/installation", 200],
    ["GET", "/repos/octo-org/no-such-repo/installation", 404],
    ["POST", "/app/installations/999/access_tokens", 404],
  ];
  const templates = {
    "/app/installations/71/access_tokens": "/app/installations/{installation_id}/access_tokens",
    "/repos/octo-org/hello-world/installation": "/repos/{owner}/{repo}/installation",
    "/orgs/octo-org/installation": "/orgs/{org}/installation",
    "/users/octocat/installation": "/users/{username}/installation",
  };
  // All requests first: compiling the spec's schemas takes seconds, longer than a keep-alive.
  const answers = [];
  for (const [method, path] of cases) answers.push(await api.request(method, path, { headers: bearer(jwt()) }));
  for (const [i, [method, path, status]] of cases.entries()) {
    const r = answers[i];
    assert.equal(r.status, status, `${method} ${path}`);
    if (status === 404) {
      const result = validateResponse(method, path, r.status, r.body);
      assert.ok(result.valid, `${method} ${path} ${r.status}: ${JSON.stringify(result.errors)}`);
      continue;
    }
    // The installation schema uses `nullable` without `type`, which the shared ajv
    // setup refuses: check required fields and top-level types by hand.
    const schema = findOperation(method, templates[path]).responses[String(status)].content["application/json"].schema;
    for (const field of schema.required) assert.ok(field in r.body, `${method} ${path}: required field ${field}`);
    for (const [field, value] of Object.entries(r.body)) {
      const prop = schema.properties[field];
      assert.ok(prop, `${method} ${path}: ${field} is not in the schema`);
      if (value === null) assert.ok(prop.nullable || prop.type?.includes?.("null") || prop.anyOf || prop.oneOf, `${field} may not be null`);
      else if (prop.type) {
        const type = Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
        assert.ok([prop.type].flat().some((t) => t === type || (t === "number" && type === "integer")), `${method} ${path}: ${field} is ${type}, schema says ${prop.type}`);
      }
    }
  }
});

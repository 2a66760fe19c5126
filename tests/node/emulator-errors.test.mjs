// The GitHub secrets emulator's error answers: 401, 404, 422 (names, missing fields,
// stale keys, ciphertext that does not open, visibility) and 400 for malformed JSON,
// each in GitHub's error shape. Run: node --test tests/node/emulator*.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { sealFor } from "../emulator/testkit.mjs";
import { loadSpec, validateResponse } from "../support/openapi.mjs";
import { assertError, useEmulator } from "../support/emulator.mjs";

const HELLO = { id: 1296269, path: "/repos/octo-org/hello-world" };
const DOTFILES_ID = 1300194; // octocat's
const NAME_MESSAGE =
  "Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_).";

// Parse the OpenAPI description (~4 s, synchronous) before the emulator starts: parsing it
// between two requests stalls the event loop past the server's 5 s keep-alive timeout,
// and undici then reuses a socket the server is closing ("fetch failed").
before(() => loadSpec());
const emu = useEmulator();
const call = (method, path, opts) => emu.call(method, path, opts);

// ---------------------------------------------------------------- errors

describe("errors", () => {
  const collection = `${HELLO.path}/actions/secrets`;

  test("401 without a token, with an unknown token; both auth schemes accepted", async () => {
    const none = await call("GET", `${collection}/public-key`, { token: null });
    assertError(none, 401, "Requires authentication");
    const bad = await call("GET", `${collection}/public-key`, { token: "ghp_notAValidToken" });
    assertError(bad, 401, "Bad credentials");
    const scheme = await call("GET", `${collection}/public-key`, { token: null, headers: { authorization: `token ${DEMO_TOKEN}` } });
    assert.equal(scheme.status, 200);
    const put = await call("PUT", `${collection}/X`, { token: null, body: { encrypted_value: "AAAA", key_id: "1" } });
    assertError(put, 401);
    assert.ok(validateResponse("GET", "/user/codespaces/secrets/{secret_name}/repositories", 401, none.body).valid);
  });

  test("404 for unknown repository, owner, organization, environment, secret, path", async () => {
    assertError(await call("GET", "/repos/octo-org/no-such-repo/actions/secrets"), 404, "Not Found");
    assertError(await call("GET", "/repos/nobody/hello-world/dependabot/secrets/public-key"), 404);
    assertError(await call("GET", "/orgs/no-such-org/actions/secrets"), 404);
    assertError(await call("GET", "/orgs/octocat/actions/secrets"), 404, "Not Found"); // a user, not an org
    assertError(await call("GET", `${HELLO.path}/environments/nope/secrets/public-key`), 404);
    assertError(await call("GET", `${HELLO.path}/environments/prod/eu/secrets`), 404, "Not Found"); // slash not encoded
    assertError(await call("GET", `${collection}/NO_SUCH_SECRET`), 404);
    assertError(await call("DELETE", "/orgs/octo-org/dependabot/secrets/NO_SUCH_SECRET"), 404);
    assertError(await call("GET", "/orgs/octo-org/codespaces/secrets/NO_SUCH_SECRET/repositories"), 404);
    assertError(await call("GET", "/definitely/not/an/endpoint"), 404);
    assertError(await call("POST", `${collection}/X`), 404); // wrong method
    const r = await call("GET", "/orgs/octo-org/codespaces/secrets/NO_SUCH_SECRET/repositories");
    assert.ok(validateResponse("GET", "/orgs/{org}/codespaces/secrets/{secret_name}/repositories", 404, r.body).valid);
  });

  test("422 for invalid secret names", async () => {
    const body = await emu.sealedBody(collection, "v");
    for (const bad of ["1STARTS_WITH_DIGIT", "has-dash", "has%20space", "dot.ted", "%C3%A9t%C3%A9"]) {
      assertError(await call("PUT", `${collection}/${bad}`, { body }), 422, NAME_MESSAGE);
    }
    assertError(await call("PUT", `${collection}/GITHUB_TOKEN`, { body }), 422, /GITHUB_/);
    assertError(await call("PUT", `${collection}/github_anything`, { body }), 422, /GITHUB_/);
    assert.equal((await call("PUT", `${collection}/_UNDERSCORE_OK`, { body })).status, 201);
    assert.equal((await call("DELETE", `${collection}/_underscore_ok`)).status, 204);
  });

  test("422 for missing key_id / encrypted_value, validated against the spec where documented", async () => {
    const body = await emu.sealedBody(collection, "v");
    assertError(await call("PUT", `${collection}/NO_KEY`, { body: { encrypted_value: body.encrypted_value } }), 422, 'Invalid request.\n\n"key_id" wasn\'t supplied.');
    assertError(await call("PUT", `${collection}/NO_VALUE`, { body: { key_id: body.key_id } }), 422, 'Invalid request.\n\n"encrypted_value" wasn\'t supplied.');
    assertError(await call("PUT", `${collection}/NOTHING`, { body: {} }), 422, /"encrypted_value", "key_id" weren't supplied/);
    assertError(await call("PUT", `${collection}/NUMERIC_KEY`, { body: { ...body, key_id: Number(body.key_id) } }), 422, /key_id/);
    const org = await call("PUT", "/orgs/octo-org/codespaces/secrets/NO_KEY", {
      body: { encrypted_value: body.encrypted_value, visibility: "all" },
    });
    assertError(org, 422, /"key_id" wasn't supplied/);
    const v = validateResponse("PUT", "/orgs/{org}/codespaces/secrets/{secret_name}", 422, org.body);
    assert.ok(v.valid, v.errors.join("\n"));
  });

  test("422 for a stale key_id after rotation, and for ciphertext that does not open", async () => {
    const old = await emu.publicKey(collection);
    const rotated = emu.emulator.rotateKey(`${HELLO.path}/actions`);
    assert.notEqual(rotated.key_id, old.key_id);
    assert.notEqual(rotated.key, old.key);
    const stale = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: await sealFor(old.key, "v"), key_id: old.key_id } });
    assertError(stale, 422, /key_id "\d+" is not the current public key/);
    // sealed with the current key but labelled with the old key_id: still refused
    const staleLabel = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: await sealFor(rotated.key, "v"), key_id: old.key_id } });
    assertError(staleLabel, 422, `Invalid request.\n\nkey_id "${old.key_id}" is not the current public key of this scope (it may have been rotated); fetch the public key again and re-encrypt.`);
    // new key_id but sealed with the old key: does not open
    const wrongKey = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: await sealFor(old.key, "v"), key_id: rotated.key_id } });
    assertError(wrongKey, 422, /encrypted_value could not be decrypted with the current public key/);
    // random bytes of sealed-box size: base64 fine, does not open
    const junk = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: randomBytes(80).toString("base64"), key_id: rotated.key_id } });
    assertError(junk, 422, /could not be decrypted/);
    // too short to be a sealed box
    const short = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: "AAAA", key_id: rotated.key_id } });
    assertError(short, 422, /could not be decrypted/);
    // not base64 at all
    for (const notB64 of ["not base64!", "YWJj", "YWJjZA", "YW_jZA=="]) {
      const r = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: notB64, key_id: rotated.key_id } });
      assertError(r, 422, /base64|could not be decrypted/);
    }
    assert.equal(emu.emulator.getSecret(`${HELLO.path}/actions`, "STALE"), null, "nothing stored");
    const ok = await call("PUT", `${collection}/STALE`, { body: { encrypted_value: await sealFor(rotated.key, "fresh"), key_id: rotated.key_id } });
    assert.equal(ok.status, 201);
    assert.equal(emu.emulator.getSecret(`${HELLO.path}/actions`, "STALE").key_id, rotated.key_id);
  });

  test("422 for organization secrets without a valid visibility or with unknown repositories", async () => {
    const org = "/orgs/octo-org/actions/secrets";
    const body = await emu.sealedBody(org, "v");
    assertError(await call("PUT", `${org}/NO_VIS`, { body }), 422, /"visibility" wasn't supplied/);
    assertError(await call("PUT", `${org}/BAD_VIS`, { body: { ...body, visibility: "public" } }), 422, /visibility/);
    assertError(await call("PUT", `${org}/BAD_VIS`, { body: { ...body, visibility: "SELECTED" } }), 422, /visibility/);
    assertError(
      await call("PUT", `${org}/BAD_IDS`, { body: { ...body, visibility: "selected", selected_repository_ids: [HELLO.id, 777] } }),
      422,
      /777/,
    );
    assertError(
      await call("PUT", `${org}/BAD_IDS`, { body: { ...body, visibility: "selected", selected_repository_ids: [DOTFILES_ID] } }),
      422,
      /not repositories of octo-org/,
    );
    assertError(await call("PUT", `${org}/BAD_IDS`, { body: { ...body, visibility: "all", selected_repository_ids: [HELLO.id] } }), 422);
    assert.equal(emu.emulator.getSecret("/orgs/octo-org/actions", "BAD_IDS"), null);
  });

  test("400 for malformed JSON, after authentication and resource checks", async () => {
    const bad = await call("PUT", `${collection}/JSON`, { rawBody: '{"encrypted_value": "abc",' });
    assertError(bad, 400, "Problems parsing JSON");
    const unauth = await call("PUT", `${collection}/JSON`, { rawBody: "{", token: null });
    assert.equal(unauth.status, 401);
    const missing = await call("PUT", "/repos/octo-org/nope/actions/secrets/JSON", { rawBody: "{" });
    assert.equal(missing.status, 404);
    assertError(await call("PUT", "/orgs/octo-org/actions/secrets/S/repositories", { rawBody: "[1," }), 404); // unknown secret first
    assertError(await call("PUT", `${collection}/JSON`, { rawBody: "[1,2]" }), 422);
  });
});


// Hostile and broken servers (issue #15), tokens in answers (item 5): a token echoed by
// the server in bodies or headers never surfaces in errors or responses, and a baseUrl
// carrying credentials, a query or a fragment is refused at construction.
// Played against the BUILT package (local node:http servers on 127.0.0.1, port 0 only).
//
// Run: GHSEAL_PKG=pkg node --test tests/node/hostile-redaction.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { OWNER, REPO, TOKEN, rejection, useHostile } from "../support/hostile.mjs";
import { sendJson, serve } from "../support/local-server.mjs";

const hostile = useHostile();
const client = hostile.client;

/** Every place an error or a response could show the token. */
function assertNoToken(label, value, token = TOKEN) {
  const b64 = Buffer.from(token).toString("base64");
  const views = value instanceof Error
    ? { message: value.message, stack: value.stack, json: JSON.stringify(value), inspect: inspect(value, { depth: 20 }), data: JSON.stringify(value.response?.data ?? null), headers: JSON.stringify(value.response?.headers ?? {}) }
    : { inspect: inspect(value, { depth: 20 }), json: JSON.stringify(value) };
  for (const [where, text] of Object.entries(views)) {
    assert.ok(!String(text).includes(token), `${label}: the token is in ${where}: ${text}`);
    assert.ok(!String(text).includes(b64.replace(/=+$/, "")), `${label}: the base64 token is in ${where}`);
  }
}

describe("item 5: a token echoed by the server never surfaces", () => {
  test("echoed in a body and headers of errors and of successful responses", async () => {
    const server = await serve(async (req, res, body) => {
      const auth = req.headers.authorization ?? "";
      const echo = { "x-echo": auth, "x-echo-b64": Buffer.from(auth).toString("base64"), "x-token": auth.replace(/^Bearer /, "") };
      if (req.url.startsWith("/ok")) return sendJson(res, 200, { you_sent: auth, again: auth.replace(/^Bearer /, ""), b64: Buffer.from(auth.replace(/^Bearer /, "")).toString("base64") }, echo);
      sendJson(res, 401, { message: `Bad credentials: ${auth}`, documentation_url: `https://x/?t=${auth.replace(/^Bearer /, "")}` }, echo);
    });
    try {
      const gh = client(server.url);
      const error = await rejection(gh.actions.getRepoPublicKey({ owner: OWNER, repo: REPO }));
      assert.equal(error.status, 401);
      assert.match(error.message, /Bad credentials: Bearer \[REDACTED\]/);
      assertNoToken("401", error);
      const ok = await gh.request("GET /ok");
      assert.equal(ok.data.you_sent, "Bearer [REDACTED]");
      assertNoToken("200", ok);
      assert.ok(server.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`), "the token itself was sent");
    } finally {
      await server.close();
    }
  });

  test("baseUrl with credentials, a query string or a fragment is refused at construction", () => {
    for (const [baseUrl, why] of [
      [`https://x-access-token:${TOKEN}@api.github.com`, /credentials/],
      [`https://${TOKEN}@ghe.example.com/api/v3`, /credentials/],
      ["https://api.github.com/?per_page=1", /query/],
      ["https://ghe.example.com/api/v3#frag", /fragment/],
    ]) {
      assert.throws(() => client(baseUrl), (error) => {
        assert.equal(error.name, "ValidationError");
        assert.equal(error.param, "baseUrl");
        assert.match(error.message, why);
        assertNoToken(baseUrl, error);
        return true;
      });
    }
  });
});

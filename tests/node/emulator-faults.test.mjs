// The GitHub secrets emulator's fault injection: rate limits, server errors, delays,
// dropped connections, filters, probabilities, and the /_emulator/faults control route.
// Run: node --test tests/node/emulator*.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { sealFor } from "../emulator/testkit.mjs";
import { useEmulator } from "../support/emulator.mjs";

const HELLO = "/repos/octo-org/hello-world";
const COLL = `${HELLO}/actions/secrets`;
const SCOPE = `${HELLO}/actions`;

const emu = useEmulator();
const call = (method, path, opts) => emu.call(method, path, opts);
/** Control API over HTTP, with this run's control token. */
const control = (method, name, body) => emu.control.request(method, name, { body });

describe("fault injection", () => {
  before(() => {
    emu.emulator.reset();
  });

  test("secondary-rate-limit: 403 + retry-after for the next `count` matching requests", async () => {
    emu.emulator.injectFaults([{ kind: "secondary-rate-limit", count: 2 }]);
    for (let i = 0; i < 2; i++) {
      const r = await call("GET", "/user");
      assert.equal(r.status, 403);
      assert.equal(r.headers.get("retry-after"), "1");
      assert.match(r.body.message, /^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again/);
    }
    assert.equal((await call("GET", "/user")).status, 200);
    emu.emulator.injectFaults([{ kind: "secondary-rate-limit", retryAfter: 7 }]);
    assert.equal((await call("GET", "/user")).headers.get("retry-after"), "7");
    assert.equal((await call("GET", "/user")).status, 200);
  });

  test("rate-limit-429: 429 + retry-after", async () => {
    emu.emulator.injectFaults([{ kind: "rate-limit-429", retryAfter: 3 }]);
    const r = await call("GET", "/user");
    assert.equal(r.status, 429);
    assert.equal(r.headers.get("retry-after"), "3");
    assert.equal((await call("GET", "/user")).status, 200);
  });

  test("primary-rate-limit: 403, x-ratelimit-remaining 0, reset a few seconds ahead", async () => {
    emu.emulator.injectFaults([{ kind: "primary-rate-limit" }]);
    const r = await call("GET", "/user");
    assert.equal(r.status, 403);
    assert.equal(r.headers.get("x-ratelimit-remaining"), "0");
    assert.equal(r.headers.get("x-ratelimit-used"), r.headers.get("x-ratelimit-limit"));
    const wait = Number(r.headers.get("x-ratelimit-reset")) - Date.now() / 1000;
    assert.ok(wait > 0 && wait <= 5, `reset ${wait}s ahead`);
    assert.match(r.body.message, /^API rate limit exceeded for user ID 583231\./);
    assert.equal(r.headers.get("retry-after"), null);
    const next = await call("GET", "/user");
    assert.equal(next.status, 200);
    assert.notEqual(next.headers.get("x-ratelimit-remaining"), "0");
  });

  test("server-error: 502 Server Error, and the faulted write has no effect", async () => {
    const { body: key } = await call("GET", `${COLL}/public-key`);
    emu.emulator.injectFaults([{ kind: "server-error", method: "PUT" }]);
    const body = { encrypted_value: await sealFor(key.key, "v"), key_id: key.key_id };
    const r = await call("PUT", `${COLL}/FAULTED`, { body });
    assert.equal(r.status, 502);
    assert.deepEqual(r.body, { message: "Server Error" });
    assert.equal(emu.emulator.getSecret(SCOPE, "FAULTED"), null);
    assert.equal((await call("PUT", `${COLL}/FAULTED`, { body })).status, 201);
  });

  test("delay: answers normally after delayMs", async () => {
    emu.emulator.injectFaults([{ kind: "delay", delayMs: 300 }]);
    const t0 = Date.now();
    const r = await call("GET", "/user");
    assert.ok(Date.now() - t0 >= 290, `took ${Date.now() - t0} ms`);
    assert.equal(r.status, 200);
    assert.equal(r.body.login, "octocat");
    const t1 = Date.now();
    await call("GET", "/user");
    assert.ok(Date.now() - t1 < 250, "only the next request is delayed");
  });

  test("network-error: the connection is dropped without an answer", async () => {
    emu.emulator.clearLog();
    emu.emulator.injectFaults([{ kind: "network-error" }]);
    await assert.rejects(fetch(`${emu.url}/user`, { headers: { authorization: `Bearer ${DEMO_TOKEN}` } }), TypeError);
    assert.equal((await call("GET", "/user")).status, 200);
    const [dropped, ok] = emu.emulator.log();
    assert.equal(dropped.fault, "network-error");
    assert.equal(dropped.status, null);
    assert.equal(ok.status, 200);
    assert.equal("fault" in ok, false);
  });

  test("method and pathPrefix filters", async () => {
    emu.emulator.injectFaults([{ kind: "server-error", method: "delete", pathPrefix: "/orgs/" }]);
    assert.equal((await call("GET", "/orgs/octo-org/actions/secrets")).status, 200, "method does not match");
    assert.equal((await call("DELETE", `${COLL}/NOPE`)).status, 404, "path does not match");
    assert.equal((await call("DELETE", "/orgs/octo-org/actions/secrets/NOPE")).status, 502);
    assert.equal((await call("DELETE", "/orgs/octo-org/actions/secrets/NOPE")).status, 404, "used up");
  });

  test("control routes and OPTIONS are never faulted", async () => {
    emu.emulator.injectFaults([{ kind: "server-error" }]);
    assert.equal((await control("GET", "state")).status, 200);
    assert.equal((await fetch(`${emu.url}/user`, { method: "OPTIONS" })).status, 204);
    assert.equal((await call("GET", "/user")).status, 502, "the API request still gets it");
  });

  test("probability 1 applies to every matching request until cleared; 0 never", async () => {
    emu.emulator.injectFaults([{ kind: "server-error", probability: 1, pathPrefix: "/user" }]);
    for (let i = 0; i < 4; i++) assert.equal((await call("GET", "/user")).status, 502);
    assert.equal((await call("GET", `${COLL}/public-key`)).status, 200);
    assert.equal(emu.emulator.faults().length, 1, "probabilistic faults stay");
    emu.emulator.clearFaults();
    assert.equal((await call("GET", "/user")).status, 200);
    emu.emulator.injectFaults([{ kind: "server-error", probability: 0 }]);
    for (let i = 0; i < 4; i++) assert.equal((await call("GET", "/user")).status, 200);
    emu.emulator.clearFaults();
  });

  test("probability with a seed is deterministic and mixes outcomes", async () => {
    const run = async () => {
      emu.emulator.clearFaults();
      emu.emulator.injectFaults([{ kind: "server-error", probability: 0.5, seed: 42 }]);
      const statuses = [];
      for (let i = 0; i < 16; i++) statuses.push((await call("GET", "/user")).status);
      emu.emulator.clearFaults();
      return statuses;
    };
    const a = await run();
    const b = await run();
    assert.deepEqual(a, b);
    assert.ok(a.includes(502) && a.includes(200), `mixed: ${a}`);
  });

  test("faults over HTTP: POST adds, GET lists, DELETE clears; bad kinds refused", async () => {
    const added = await control("POST", "faults", {
      faults: [
        { kind: "server-error", count: 3 },
        { kind: "delay", delayMs: 10, probability: 0.1, seed: 1 },
      ],
    });
    assert.equal(added.status, 200);
    assert.deepEqual(
      added.body.faults.map((f) => [f.kind, f.remaining ?? f.probability]),
      [
        ["server-error", 3],
        ["delay", 0.1],
      ],
    );
    assert.equal((await call("GET", "/user")).status, 502);
    assert.equal((await control("GET", "faults")).body.faults[0].remaining, 2);
    assert.equal((await control("DELETE", "faults")).status, 204);
    assert.deepEqual((await control("GET", "faults")).body.faults, []);
    assert.equal((await call("GET", "/user")).status, 200);

    const bad = await control("POST", "faults", { faults: [{ kind: "meteor-strike" }] });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /meteor-strike/);
    assert.equal((await control("POST", "faults", { faults: [{ kind: "delay", probability: 2 }] })).status, 400);
    assert.equal((await control("POST", "faults", { nope: true })).status, 400);
    assert.throws(() => emu.emulator.injectFaults([{ kind: "server-error", count: 0 }]), /count/);
    assert.deepEqual(emu.emulator.faults(), [], "invalid requests add nothing");
  });
});


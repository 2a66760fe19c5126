// The GitHub secrets emulator's start-up options (controls, tokens, seed, close) and
// its CLI (banner, control token, signals, bad flags). Each test starts its own emulator.
// Run: node --test tests/node/emulator*.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { DEMO_TOKEN, defaultSeed, startEmulator } from "../emulator/index.mjs";
import { createClient, emulatorControl, sealFor } from "../emulator/testkit.mjs";

// ----------------------------------------------------------------- options

describe("options", () => {
  test("controls:false hides /_emulator/ but keeps the object methods", async () => {
    const s = await startEmulator({ controls: false });
    try {
      const r = await fetch(`${s.url}/_emulator/state`, { headers: emulatorControl(s).headers });
      assert.equal(r.status, 404);
      assert.equal((await fetch(`${s.url}/_emulator/reset`, { method: "POST", headers: emulatorControl(s).headers })).status, 404);
      assert.equal(s.emulator.state().repos.length, 4);
    } finally {
      await s.close();
    }
  });

  test("custom tokens and seed; close() stops listening", async () => {
    const seed = defaultSeed();
    seed.users.push({ login: "hubot", id: 4242 });
    seed.repos.push({ owner: "hubot", name: "brain", id: 5555, environments: ["dev"] });
    const s = await startEmulator({ seed, tokens: ["ghp_custom", { token: "ghp_hubot", login: "hubot" }] });
    const c = createClient(s.url, { token: "ghp_custom" });
    assert.equal((await c.request("GET", "/user")).body.login, "octocat");
    assert.equal((await c.request("GET", "/user", { token: "ghp_hubot" })).body.login, "hubot");
    assert.equal((await c.request("GET", "/user", { token: DEMO_TOKEN })).status, 401, "demo token not configured");
    assert.equal((await c.request("GET", "/repos/hubot/brain/environments/dev/secrets")).status, 200);
    // user secrets are per authenticated user
    const { body: k } = await c.request("GET", "/user/codespaces/secrets/public-key", { token: "ghp_hubot" });
    const put = await c.request("PUT", "/user/codespaces/secrets/HUBOT_ONLY", {
      token: "ghp_hubot",
      body: { encrypted_value: await sealFor(k.key, "beep"), key_id: k.key_id },
    });
    assert.equal(put.status, 201);
    assert.equal((await c.request("GET", "/user/codespaces/secrets")).body.total_count, 0, "octocat sees none");
    assert.equal(s.emulator.getSecret("/users/hubot/codespaces", "HUBOT_ONLY").value, "beep");
    await s.close();
    await assert.rejects(fetch(`${s.url}/user`), TypeError);
  });

  test("invalid seeds and tokens are refused", async () => {
    const seed = defaultSeed();
    seed.repos.push({ owner: "ghost", name: "x", id: 1 });
    await assert.rejects(startEmulator({ seed }), /unknown owner/);
    await assert.rejects(startEmulator({ tokens: [{ token: "t", login: "ghost" }] }), /not a seed user/);
  });
});

// --------------------------------------------------------------------- CLI

describe("CLI", () => {
  const cli = fileURLToPath(new URL("../emulator/cli.mjs", import.meta.url));
  for (const signal of ["SIGTERM", "SIGINT"]) {
    test(`prints one line, serves, stops on ${signal}`, async () => {
      const child = spawn(process.execPath, [cli, "--port", "0", "--host", "127.0.0.1"], { stdio: ["ignore", "pipe", "pipe"] });
      try {
        let out = "";
        child.stdout.setEncoding("utf8");
        while (!/\n.*\n/.test(out)) {
          const [chunk] = await Promise.race([
            once(child.stdout, "data"),
            once(child, "exit").then(() => {
              throw new Error("CLI exited early");
            }),
          ]);
          out += chunk;
        }
        const m = /^GitHub secrets emulator: (http:\/\/127\.0\.0\.1:(\d+)) \(token: ghp_ghsealDemoToken\)\nControl API: X-Emulator-Control-Token: (\S{43})\n$/.exec(out);
        assert.ok(m, `unexpected banner: ${JSON.stringify(out)}`);
        assert.notEqual(m[2], "0");
        const r = await fetch(`${m[1]}/user`, { headers: { authorization: `token ${DEMO_TOKEN}` } });
        assert.equal((await r.json()).login, "octocat");
        assert.equal((await fetch(`${m[1]}/_emulator/state`)).status, 401, "the control API needs the printed token");
        assert.equal((await emulatorControl({ url: m[1], controlToken: m[3] }).request("GET", "state")).status, 200);
        const exited = once(child, "exit");
        child.kill(signal);
        const [code] = await exited;
        assert.equal(code, 0);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    });
  }

  test("rejects bad flags with exit code 2", async () => {
    const child = spawn(process.execPath, [cli, "--port", "nope"], { stdio: ["ignore", "pipe", "pipe"] });
    const [code] = await once(child, "exit");
    assert.equal(code, 2);
  });
});

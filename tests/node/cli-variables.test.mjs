// `ghseal variable` and `ghseal registry` as child processes against the emulator:
// variable set (--body, stdin, --env-file, several repositories, --env, --org with
// visibility kept/default/explicit, -a agents, --dry-run, --json), get, list (values
// only with --json), delete; registry set (create, then update by type + URL),
// list, delete; `-a agents` for secrets. Variable values never appear in set's,
// list's or delete's output; the token never appears anywhere.
//
//   GHSEAL_PKG=pkg node --test tests/node/cli-variables.test.mjs

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_TOKEN, makeSeed } from "../emulator/index.mjs";
import { useEmulator } from "../support/emulator.mjs";
import { useTempDir } from "../support/tmp.mjs";
import { runCli } from "../support/cli.mjs";

const ORG = "octo-org";
const HELLO = `/repos/${ORG}/hello-world`;
const IDS = { "hello-world": 1296269, docs: 1300193 };

let server;
let emu;
const tempDir = useTempDir("ghseal-var-");
const tmp = tempDir.path;

const emulatorFixture = useEmulator({ seed: makeSeed() });
before(async () => {
  server = (await emulatorFixture.ready).server;
  emu = server.emulator;
});

/** Runs the CLI; asserts the token and every `hidden` value stay out of its output. */
async function ghseal(args, { input = "", hidden = [] } = {}) {
  const r = await runCli([...args, "--base-url", server.url, "--throttle-ms", "0"], { input, env: { GH_TOKEN: DEMO_TOKEN } });
  for (const [stream, text] of [["stdout", r.stdout], ["stderr", r.stderr]]) {
    assert.ok(!text.includes(DEMO_TOKEN), `token on ${stream}`);
    for (const v of hidden) assert.ok(!text.includes(v), `value ${v} printed on ${stream}:\n${text}`);
  }
  return r;
}
const ok = (r) => assert.equal(r.code, 0, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
const variable = (scope, name) => emu.getVariable(scope, name);
const writes = () => emu.log().filter((e) => e.method !== "GET");

describe("ghseal variable set", () => {
  test("--body creates, a second run updates (POST 409 then PATCH); the value is never printed", async () => {
    let r = await ghseal(["variable", "set", "REGION", "-b", "eu-west-1-value", "-R", `${ORG}/hello-world`], { hidden: ["eu-west-1-value"] });
    ok(r);
    assert.match(r.stderr, /created actions variable REGION for octo-org\/hello-world/);
    assert.equal(variable(`${HELLO}/actions`, "REGION").value, "eu-west-1-value");
    r = await ghseal(["variable", "set", "REGION", "-R", `${ORG}/hello-world`, "--json"], { input: "us-east-1-value\n", hidden: ["us-east-1-value"] });
    ok(r);
    assert.deepEqual(JSON.parse(r.stdout).results, [{ target: `${ORG}/hello-world`, name: "REGION", status: "updated" }]);
    assert.equal(variable(`${HELLO}/actions`, "REGION").value, "us-east-1-value", "stdin, trailing newline dropped");
  });

  test("--env-file over several repositories (--repos-from), an environment, and agents", async () => {
    const env = join(tmp, "vars.env");
    writeFileSync(env, "A_ONE=first-hidden\nA_TWO=second-hidden\n");
    const repos = join(tmp, "repos.txt");
    writeFileSync(repos, `${ORG}/hello-world\n${ORG}/docs\n`);
    let r = await ghseal(["variable", "set", "-f", env, "--repos-from", repos], { hidden: ["first-hidden", "second-hidden"] });
    ok(r);
    assert.match(r.stderr, /TARGET\s+VARIABLE\s+STATUS/);
    assert.match(r.stderr, /4 created, 0 updated, 0 failed \(2 variables, 2 targets\)/);
    assert.equal(variable(`/repos/${ORG}/docs/actions`, "A_TWO").value, "second-hidden");
    r = await ghseal(["variable", "set", "STAGE", "-b", "prod", "-R", `${ORG}/hello-world`, "-e", "production"]);
    ok(r);
    assert.equal(variable(`${HELLO}/environments/production`, "STAGE").value, "prod");
    r = await ghseal(["variable", "set", "MODEL", "-b", "m1", "-R", `${ORG}/hello-world`, "-a", "agents"]);
    ok(r);
    assert.match(r.stderr, /created agents variable MODEL/);
    assert.equal(variable(`${HELLO}/agents`, "MODEL").value, "m1");
  });

  test("--org: --repos makes it selected; without --visibility an update keeps it; explicit changes it", async () => {
    const scope = `/orgs/${ORG}/actions`;
    let r = await ghseal(["variable", "set", "ORG_VAR", "-b", "1", "-o", ORG, "-r", "hello-world,docs"]);
    ok(r);
    assert.deepEqual(variable(scope, "ORG_VAR").selected_repository_ids, [IDS["hello-world"], IDS.docs]);
    r = await ghseal(["variable", "set", "ORG_VAR", "-b", "2", "-o", ORG]);
    ok(r);
    assert.match(r.stderr, /updated actions variable ORG_VAR for org:octo-org; visibility selected kept with its repositories/);
    assert.equal(variable(scope, "ORG_VAR").visibility, "selected");
    assert.deepEqual(variable(scope, "ORG_VAR").selected_repository_ids, [IDS["hello-world"], IDS.docs]);
    r = await ghseal(["variable", "set", "ORG_NEW", "-b", "3", "-o", ORG]);
    ok(r);
    assert.match(r.stderr, /new org variable: visibility private \(the default/);
    r = await ghseal(["variable", "set", "ORG_VAR", "-b", "4", "-o", ORG, "-v", "all", "--json"]);
    ok(r);
    assert.deepEqual(JSON.parse(r.stdout).results, [{ target: `org:${ORG}`, name: "ORG_VAR", status: "updated", visibility: "all", visibility_source: "explicit" }]);
    assert.equal(variable(scope, "ORG_VAR").visibility, "all");
  });

  test("--dry-run writes nothing; usage errors exit 2 before any request", async () => {
    emu.clearLog();
    const r = await ghseal(["variable", "set", "REGION", "-b", "x", "-R", `${ORG}/hello-world`, "--dry-run"]);
    ok(r);
    assert.match(r.stderr, /would update actions variable REGION .*\(dry run, nothing written\)/);
    assert.deepEqual(writes(), []);
    for (const [args, message] of [
      [["variable", "set", "X", "-b", "v", "-R", "a/b", "-v", "all"], /--visibility is only supported with --org/],
      [["variable", "set", "X", "-b", "v", "-o", ORG, "-v", "selected"], /--repos required with --visibility selected/],
      [["variable", "set", "-b", "v", "-R", "a/b"], /missing variable NAME/],
      [["variable", "set", "X", "-b", "v", "-R", "a/b", "-a", "dependabot"], /invalid|Allowed choices/i],
    ]) {
      const u = await ghseal(args);
      assert.equal(u.code, 2, `${args.join(" ")}: ${u.stderr}`);
      assert.match(u.stderr, message);
    }
    assert.deepEqual(writes(), []);
  });

  test("a bad name fails alone with exit 1, naming it", async () => {
    const env = join(tmp, "bad.env");
    writeFileSync(env, "GOOD_ONE=1\nGITHUB_NOPE=2\n");
    const r = await ghseal(["variable", "set", "-f", env, "-R", `${ORG}/hello-world`]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /failed: GITHUB_NOPE for octo-org\/hello-world: .*GITHUB_/);
    assert.equal(variable(`${HELLO}/actions`, "GOOD_ONE").value, "1");
  });
});

describe("ghseal variable get, list, delete", () => {
  test("get prints the value; list shows no values except with --json; delete removes", async () => {
    ok(await ghseal(["variable", "set", "SHOWN", "-b", "visible-value", "-R", `${ORG}/docs`]));
    let r = await ghseal(["variable", "get", "SHOWN", "-R", `${ORG}/docs`]);
    ok(r);
    assert.equal(r.stdout, "visible-value\n");
    r = await ghseal(["variable", "get", "SHOWN", "-R", `${ORG}/docs`, "--json"]);
    assert.equal(JSON.parse(r.stdout).value, "visible-value");
    r = await ghseal(["variable", "list", "-R", `${ORG}/docs`], { hidden: ["visible-value"] });
    ok(r);
    assert.match(r.stdout, /^NAME\s+UPDATED/);
    assert.match(r.stdout, /SHOWN/);
    r = await ghseal(["variable", "list", "-R", `${ORG}/docs`, "--json"]);
    assert.equal(JSON.parse(r.stdout).find((v) => v.name === "SHOWN").value, "visible-value");
    r = await ghseal(["variable", "delete", "SHOWN", "-R", `${ORG}/docs`], { hidden: ["visible-value"] });
    ok(r);
    assert.match(r.stderr, /deleted actions variable SHOWN from octo-org\/docs/);
    assert.equal(variable(`/repos/${ORG}/docs/actions`, "SHOWN"), null);
    r = await ghseal(["variable", "get", "SHOWN", "-R", `${ORG}/docs`]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /could not get SHOWN/);
  });

  test("org list counts selected repositories", async () => {
    ok(await ghseal(["variable", "set", "LISTED", "-b", "x", "-o", ORG, "-r", "docs"]));
    const r = await ghseal(["variable", "list", "-o", ORG]);
    ok(r);
    assert.match(r.stdout, /LISTED\s+\S+\s+selected \(1 repository\)/);
  });
});

describe("ghseal registry and -a agents secrets", () => {
  test("registry set creates, then updates the same type + URL; list; delete", async () => {
    const url = "https://npm.pkg.github.com/octo-org";
    let r = await ghseal(["registry", "set", "-o", ORG, "--type", "npm_registry", "--url", url, "--username", "mona", "-b", "tok-hidden-1", "--json"], { hidden: ["tok-hidden-1"] });
    ok(r);
    const created = JSON.parse(r.stdout);
    assert.equal(created.status, "created");
    assert.equal(created.visibility, "private");
    assert.equal(created.visibility_source, "default");
    assert.equal(emu.getSecret(`/orgs/${ORG}/private-registries`, created.name).value, "tok-hidden-1", "sealed with the registries' key, opened by the emulator");
    r = await ghseal(["registry", "set", "-o", ORG, "--type", "npm_registry", "--url", `${url}/`, "-b", "-"], { input: "tok-hidden-2\n", hidden: ["tok-hidden-2"] });
    ok(r);
    assert.match(r.stderr, new RegExp(`updated private registry ${created.name} in org:${ORG}; visibility private kept`));
    assert.equal(emu.getSecret(`/orgs/${ORG}/private-registries`, created.name).value, "tok-hidden-2");
    r = await ghseal(["registry", "list", "-o", ORG]);
    ok(r);
    assert.match(r.stdout, new RegExp(`${created.name}\\s+npm_registry\\s+${url.replace(/[./]/g, "\\$&")}\\s+mona\\s+private`));
    r = await ghseal(["registry", "delete", created.name, "-o", ORG]);
    ok(r);
    assert.match((await ghseal(["registry", "list", "-o", ORG])).stderr, /no private registries found/);
    const u = await ghseal(["registry", "set", "--type", "npm_registry", "--url", url]);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /--org is required/);
  });

  test("ghseal set -a agents seals with the agents key", async () => {
    const r = await ghseal(["set", "AGENT_TOKEN", "-b", "agent-hidden", "-R", `${ORG}/hello-world`, "-a", "agents"], { hidden: ["agent-hidden"] });
    ok(r);
    assert.equal(emu.getSecret(`${HELLO}/agents`, "AGENT_TOKEN").value, "agent-hidden");
    const list = await ghseal(["list", "-R", `${ORG}/hello-world`, "-a", "agents"]);
    ok(list);
    assert.match(list.stdout, /AGENT_TOKEN/);
  });
});

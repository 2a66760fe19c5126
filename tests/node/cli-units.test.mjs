// Unit tests of the ghseal command's modules, imported directly from the built
// package (no child process, no server): option checks, target parsing, the
// endpoint-table lookups, the scrubber, dotenv checks, the pool and the report.
//
//   GHSEAL_PKG=pkg node --test tests/node/cli-units.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Readable, Writable } from "node:stream";
import { importPkg } from "../support/pkg.mjs";

const cli = (file) => importPkg(`cli/${file}`);
const { parseSetOptions } = await cli("set.js");
const { parseDeleteOptions } = await cli("delete.js");
const { appsWithScope, methodName, parseRepo, parseReposFile, secretApps, targetsFrom } = await cli("targets.js");
const { collectList, integer } = await cli("program.js");
const { UsageError, EXIT } = await cli("errors.js");
const { base64Forms, createIO, createScrubber } = await cli("io.js");
const { checkDotenv, parseDotenv, stdinReader } = await cli("input.js");
const { confirmDeletes } = await cli("sync.js");
const { NOT_STARTED, pool } = await cli("pool.js");
const { reportBulk } = await cli("report.js");
const { MAX_SECRET_BYTES, checkSize } = await cli("seal.js");
const { secretsEndpoints } = await importPkg("node.js");

const usage = (fn, message) => assert.throws(fn, (e) => e instanceof UsageError && message.test(e.message), String(message));
const rejectsUsage = (promise, message) => assert.rejects(promise, (e) => e instanceof UsageError && message.test(e.message), String(message));

/** A writable that keeps what was written; `isTTY` as given. */
function sink(isTTY = false) {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  stream.isTTY = isTTY;
  Object.defineProperty(stream, "text", { get: () => chunks.join("") });
  return stream;
}

describe("set options (gh's flag rules)", () => {
  test("conflicts are usage errors", () => {
    usage(() => parseSetOptions("X", { body: "v", envFile: "f" }), /specify only one of --body or --env-file/);
    usage(() => parseSetOptions(undefined, { envFile: "f", store: false }), /specify only one of --env-file or --no-store/);
    usage(() => parseSetOptions("X", { envFile: "f" }), /specify only one of NAME or --env-file/);
    usage(() => parseSetOptions(undefined, {}), /missing secret NAME/);
    usage(() => parseSetOptions("X", { visibility: "all" }), /--visibility is only supported with --org/);
    usage(() => parseSetOptions("X", { org: "o", visibility: "selected" }), /--repos or --no-repos-selected required/);
    usage(() => parseSetOptions("X", { org: "o", visibility: "all", repos: ["a"] }), /--repos is only supported with --visibility selected/);
    usage(() => parseSetOptions("X", { org: "o", repos: ["a"], reposSelected: false }), /specify only one of --repos or --no-repos-selected/);
    usage(() => parseSetOptions("X", { repo: ["a/b"], repos: ["a"] }), /need --org or --user/);
    usage(() => parseSetOptions("X", { user: true, reposSelected: false }), /--no-repos-selected is only supported with --org/);
  });

  test("visibility: none by default for --org (kept or private by the library), implied selected by --repos, none for repositories", () => {
    assert.equal(parseSetOptions("X", { org: "o" }).visibility, undefined, "no default: an existing secret keeps its own (cli/cli#8110)");
    assert.equal(parseSetOptions("X", { org: "o", repos: ["a"] }).visibility, "selected");
    assert.equal(parseSetOptions("X", { org: "o", reposSelected: false }).noRepos, true);
    assert.equal(parseSetOptions("X", { repo: ["a/b"] }).visibility, undefined);
    assert.equal(parseSetOptions("X", { repo: ["a/b"], dryRun: true }).dryRun, true);
    assert.equal(parseSetOptions(undefined, { store: false }).name, undefined, "--no-store needs no NAME");
  });

  test("delete: names once each, in order", () => {
    assert.deepEqual(parseDeleteOptions(["B", "A", "B"], {}).names, ["B", "A"]);
  });

  test("integer and list option values", () => {
    assert.equal(integer(1, 64)("4"), 4);
    assert.throws(() => integer(1, 64)("0"), /from 1 to 64/);
    assert.throws(() => integer(0)("1.5"), /integer >= 0/);
    assert.throws(() => integer(0)("-1"), /integer >= 0/);
    assert.deepEqual(collectList("a, b,,c", ["x"]), ["x", "a", "b", "c"]);
  });
});

describe("targets", () => {
  test("OWNER/REPO and repository URLs", () => {
    assert.deepEqual(parseRepo("octo-org/hello-world"), { owner: "octo-org", repo: "hello-world" });
    assert.deepEqual(parseRepo("https://github.com/octo-org/x.git"), { owner: "octo-org", repo: "x" });
    usage(() => parseRepo("nope"), /--repo: expected OWNER\/REPO, got "nope"/);
    usage(() => parseRepo("a/b/c"), /expected OWNER\/REPO/);
    assert.deepEqual(parseReposFile("# c\na/b\n\n c/d # trailing\n", "f"), [{ owner: "a", repo: "b" }, { owner: "c", repo: "d" }]);
    usage(() => parseReposFile("a/b\nbad\n", "list.txt"), /^list.txt:2: expected OWNER\/REPO/);
  });

  test("targets from options: repositories (deduplicated), environments, org, user", async () => {
    const repos = await targetsFrom({ repo: ["a/b", "A/B", "c/d"] });
    assert.deepEqual(repos.map((t) => [t.kind, t.app, t.label]), [["repo", "actions", "a/b"], ["repo", "actions", "c/d"]]);
    const envs = await targetsFrom({ repo: ["a/b"], env: "prod/eu" });
    assert.deepEqual(envs.map((t) => [t.kind, t.app, t.env, t.label]), [["env", "actions", "prod/eu", "a/b@prod/eu"]]);
    assert.deepEqual(await targetsFrom({ org: "octo-org", app: "dependabot" }), [{ kind: "org", what: "secret", app: "dependabot", org: "octo-org", label: "org:octo-org" }]);
    assert.deepEqual(await targetsFrom({ user: true }), [{ kind: "user", what: "secret", app: "codespaces", label: "user" }]);
    const read = [];
    const stdin = { read: async (who) => (read.push(who), "x/y\n") };
    assert.deepEqual((await targetsFrom({ reposFrom: "-" }, { stdin })).map((t) => t.label), ["x/y"]);
    assert.deepEqual(read, ["--repos-from -"]);
  });

  test("refused combinations", async () => {
    await rejectsUsage(targetsFrom({ org: "o", user: true }), /specify only one of --org, --env or --user/);
    await rejectsUsage(targetsFrom({}), /specify --repo OWNER\/REPO/);
    await rejectsUsage(targetsFrom({ env: "e" }), /--env needs a repository/);
    await rejectsUsage(targetsFrom({ org: "o", repo: ["a/b"] }), /do not combine with --org/);
    await rejectsUsage(targetsFrom({ org: "not/valid" }), /--org: expected an organization login/);
    await rejectsUsage(targetsFrom({ user: true, app: "actions" }), /user secrets are only supported for codespaces, not --app actions/);
    await rejectsUsage(targetsFrom({ repo: ["a/b"], env: "e", app: "dependabot" }), /environment secrets are only supported for actions/);
    await rejectsUsage(targetsFrom({ repo: ["a/b"], env: " " }), /--env: expected an environment name/);
  });

  test("apps, scopes and method names come from the package's endpoint table", () => {
    const table = secretsEndpoints();
    const secretsRows = table.filter((r) => /\/secrets(\/public-key|\/\{secret_name\})?$/.test(r.route));
    assert.deepEqual(secretApps(), [...new Set(secretsRows.map((r) => r.app))]);
    for (const app of ["actions", "dependabot", "codespaces"]) assert.ok(secretApps().includes(app), app);
    assert.deepEqual(appsWithScope("user"), ["codespaces"]);
    assert.deepEqual(appsWithScope("env"), ["actions"]);
    const expected = {
      "actions repo list": "listRepoSecrets",
      "actions env del": "deleteEnvironmentSecret",
      "dependabot org get": "getOrgSecret",
      "codespaces user key": "getPublicKeyForAuthenticatedUser",
      "codespaces user list": "listSecretsForAuthenticatedUser",
      "dependabot env list": undefined,
    };
    for (const [k, name] of Object.entries(expected)) {
      const [app, kind, op] = k.split(" ");
      assert.equal(methodName(app, kind, op), name, k);
      if (name) assert.ok(table.some((r) => r.app === app && r.name === name), `${name} is a row of the table`);
    }
  });
});

describe("scrubbing", () => {
  const token = 'ghp_"quoted\\back slash"_tokenValue123';

  test("the token as given, JSON-escaped, folded and base64 at every alignment", () => {
    const s = createScrubber();
    s.add(token);
    const shown = [
      token,
      JSON.stringify(token),
      JSON.stringify({ message: `Bad credentials: ${token}` }),
      Buffer.from(token).toString("base64"),
      Buffer.from(`x-access-token:${token}`).toString("base64"),
      Buffer.from(`ab${token}`).toString("base64url"),
    ];
    for (const text of shown) {
      const out = s.scrub(`before ${text} after`);
      assert.ok(out.startsWith("before ") && out.endsWith(" after") && out.includes("***"), out);
      assert.ok(!out.includes("tokenValue123"), `left a part of the token: ${out}`);
      for (const form of [token, JSON.stringify(token).slice(1, -1)]) assert.ok(!out.includes(form), out);
      for (const b of base64Forms(Buffer.from(token))) assert.ok(!out.includes(b), `left a base64 form: ${out}`);
    }
    const newline = createScrubber();
    newline.add("ghp_line1\nline2token");
    assert.equal(newline.scrub("a ghp_line1 line2token b"), "a *** b", "the folded form");
    assert.equal(s.scrub("nothing secret here"), "nothing secret here");
  });

  test("short strings are not scrubbed; every IO write is", () => {
    const s = createScrubber();
    s.add("short");
    assert.equal(s.scrub("a short word"), "a short word");
    const stdout = sink();
    const stderr = sink();
    const io = createIO({ stdout, stderr });
    io.scrubFromEnvironment(["node", "ghseal", "--token", token], {});
    io.print(`data ${token}`);
    io.printJson({ token });
    io.say(Buffer.from(token).toString("base64"));
    io.debug("not shown without debug");
    io.debugEnabled = true;
    io.debug(`debug ${token}`);
    for (const text of [stdout.text, stderr.text]) assert.ok(!text.includes("tokenValue123"), text);
    assert.match(stdout.text, /^data \*\*\*\n\{\n {2}"token": "\*\*\*"\n\}\n$/);
    assert.doesNotMatch(stderr.text, /not shown/);
    assert.match(stderr.text, /debug: debug \*\*\*/);
  });

  test("a progress bar only on a terminal; restoreTerminal shows the cursor and turns line wrap on", () => {
    const plain = createIO({ stdout: sink(), stderr: sink(false) });
    plain.progress(5, "x").tick();
    assert.equal(plain.stderr.text, "");
    const tty = createIO({ stdout: sink(), stderr: sink(true) });
    tty.progress(5, "setting").tick();
    assert.match(tty.stderr.text, /\x1b\[\?25l/, "cursor hidden");
    tty.restoreTerminal();
    assert.ok(tty.stderr.text.lastIndexOf("\x1b[?25h") > tty.stderr.text.lastIndexOf("\x1b[?25l"));
    assert.ok(tty.stderr.text.lastIndexOf("\x1b[?7h") > tty.stderr.text.lastIndexOf("\x1b[?7l"));
  });
});

describe("dotenv checks", () => {
  test("valid files pass unchanged, including multi-line values and comments", () => {
    const text = 'A=1\n# comment\n\nexport B="two\nlines"\nC = spaced # c\nD=\nE:  colon\n';
    const { parsed, problems } = checkDotenv(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(parsed, { A: "1", B: "two\nlines", C: "spaced", D: "", E: "colon" });
    assert.deepEqual(parseDotenv(text, "f"), parsed);
  });

  test("lines dotenv skips and duplicate keys are named with their line numbers", () => {
    const text = "A=1\nnot an assignment\nB=2\nA=3\nMY KEY=4\nC:novalue\r\nexport\n";
    const { problems } = checkDotenv(text);
    assert.deepEqual(problems, [
      { line: 2, message: "cannot be parsed as NAME=value" },
      { line: 4, message: "duplicate key A (also on line 1)" },
      { line: 5, message: "cannot be parsed as NAME=value" },
      { line: 6, message: "cannot be parsed as NAME=value" },
      { line: 7, message: "cannot be parsed as NAME=value" },
    ]);
    assert.throws(
      () => parseDotenv(text, "x.env"),
      (e) => e.exitCode === EXIT.USAGE && /^x\.env: line 2: cannot be parsed.*; line 4: duplicate key A \(also on line 1\);/.test(e.message),
    );
  });

  test("a line inside a multi-line value that looks like an assignment is not a duplicate", () => {
    const { problems } = checkDotenv('A=1\nB="x\nA=not a key\n"\n');
    assert.deepEqual(problems, []);
  });
});

describe("pool", () => {
  test("items start in input order, at most `limit` at a time", async () => {
    const started = [];
    let running = 0;
    let most = 0;
    const items = Array.from({ length: 12 }, (_, i) => i);
    const out = await pool(items, 4, async (i) => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, (12 - i) * 2));
      running -= 1;
      return i * 10;
    });
    assert.deepEqual(started, items);
    assert.equal(most, 4);
    assert.deepEqual(out, items.map((i) => i * 10));
  });

  test("after the signal aborts no item starts; running ones finish", async () => {
    const controller = new AbortController();
    const finished = [];
    const out = await pool(
      [0, 1, 2, 3, 4, 5],
      2,
      async (i) => {
        // Item 2 is the last to start: 0 and 1 run, 0 ends first and 2 starts; then the abort.
        if (i === 2) controller.abort();
        await new Promise((r) => setTimeout(r, 5 * (i + 1)));
        finished.push(i);
        return i;
      },
      { signal: controller.signal },
    );
    assert.deepEqual(out, [0, 1, 2, NOT_STARTED, NOT_STARTED, NOT_STARTED]);
    assert.deepEqual(finished, [0, 1, 2], "the items running at the abort finished");
  });
});

describe("report and seal limit", () => {
  test("an interrupted bulk report lists not-attempted secrets and exits with the signal's status", () => {
    const stdout = sink();
    const stderr = sink();
    const io = createIO({ stdout, stderr });
    const target = { kind: "repo", owner: "o", repo: "r", label: "o/r" };
    const results = [
      { target, secret_name: "K0", status: "created" },
      { target, secret_name: "K1", status: "failed", error: Object.assign(new Error("boom"), { name: "HttpError", status: 502, response: { data: { message: "Server Error" } } }) },
      { target, secret_name: "K2", status: "not-attempted" },
    ];
    const how = (json) => ({
      json,
      jsonHead: { app: "actions", dry_run: false },
      counts: [["created", "created"]],
      single: () => "one",
      summary: ["1 created"],
      prefix: "",
      extra: ["3 secrets"],
      failure: (r) => `failed: ${r.secret_name}`,
      interrupted: { signal: "SIGINT", exitCode: 130 },
    });
    assert.equal(reportBulk(io, results, how(true)), 130);
    const doc = JSON.parse(stdout.text);
    assert.deepEqual(doc.results.map((r) => r.status), ["created", "failed", "not-attempted"]);
    assert.equal(doc.results[1].error, "Server Error (HTTP 502)");
    assert.deepEqual([doc.created, doc.failed, doc.not_attempted, doc.interrupted], [1, 1, 1, "SIGINT"]);
    assert.match(stderr.text, /^failed: K1$/m);
    assert.match(stderr.text, /interrupted by SIGINT: 1 secret not attempted/);
    assert.equal(reportBulk(io, results, how(false)), 130);
    assert.match(stderr.text, /^o\/r +K2 +not-attempted$/m);
    assert.match(stderr.text, /1 created, 1 failed, 1 not attempted \(3 secrets\)/);
  });

  test("seal: GitHub's 48 KiB limit unless allowLarge", () => {
    assert.equal(MAX_SECRET_BYTES, 48 * 1024);
    checkSize("x".repeat(MAX_SECRET_BYTES), false);
    // 2-byte characters count as 2 bytes.
    usage(() => checkSize("é".repeat(MAX_SECRET_BYTES / 2 + 1), false), /the value is 49154 bytes, over GitHub's limit of 49152 bytes .*--allow-large/);
    checkSize("x".repeat(MAX_SECRET_BYTES + 1), true);
  });
});

describe("sync apply's deletion prompt", () => {
  /** A terminal-like stdin reader over `text`. */
  const ttyStdin = (text, isTTY = true) => {
    const stream = Readable.from([Buffer.from(text)]);
    stream.isTTY = isTTY;
    return stdinReader(stream);
  };

  test("asks on stderr and reads the command's stdin, not process.stdin", async () => {
    const stderr = sink(true);
    assert.equal(await confirmDeletes(2, { stdin: ttyStdin("yes\n"), io: { stderr } }), true);
    assert.match(stderr.text, /Delete 2 secrets and variables\? \[y\/N\]/);
    assert.equal(await confirmDeletes(1, { stdin: ttyStdin("n\n"), io: { stderr: sink(true) } }), false);
    assert.equal(await confirmDeletes(1, { stdin: ttyStdin("\n"), io: { stderr: sink(true) } }), false);
  });

  test("no terminal: no question, no read, false", async () => {
    const stderr = sink(false);
    const stdin = ttyStdin("y\n");
    assert.equal(await confirmDeletes(1, { stdin, io: { stderr } }), false);
    assert.equal(stderr.text, "");
    assert.equal(await stdin.read("--manifest -"), "y\n", "stdin was left for others");
    assert.equal(await confirmDeletes(1, { stdin: ttyStdin("y\n", false), io: { stderr: sink(true) } }), false);
  });

  test("stdin already read by another option: a usage error, not a hang", async () => {
    const stdin = ttyStdin("y\n");
    stdin.claim("--manifest -");
    await rejectsUsage(confirmDeletes(1, { stdin, io: { stderr: sink(true) } }), /the deletion prompt and --manifest - cannot both read standard input/);
  });
});

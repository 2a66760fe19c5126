// `ghseal/octokit` in Node seals with the sealing-only wasm read from its file
// (package.json "imports" "#seal" -> seal.node.js), not with the inlined copy that
// browsers and bundlers take, and loads nothing of the GitHub client. Checked by
// importing the entry in a child process under a module.register load hook that
// records every URL it loads.
//
//   GHSEAL_PKG=pkg node --test tests/node/octokit-entry.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { assertBuilt, pkgDir, pkgUrl } from "../support/pkg.mjs";
import { useTempDir } from "../support/tmp.mjs";

const tmp = useTempDir("ghseal-octokit-entry-");

test("ghseal/octokit (Node) loads seal.node.js and seal-wasm/ghseal_bg.wasm, not the inlined wasm or the client", () => {
  assertBuilt();
  const dir = tmp.path;
  const log = join(dir, "loaded.log");
  writeFileSync(join(dir, "hooks.mjs"), `import { appendFileSync } from "node:fs";
export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }
`);
  writeFileSync(join(dir, "preload.mjs"), `import { register } from "node:module";
register(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});
`);
  writeFileSync(log, "");
  const script = `const m = await import(${JSON.stringify(pkgUrl("octokit.node.js"))});
process.stdout.write(JSON.stringify({ plugin: typeof m.sealSecrets, max: m.MAX_SECRET_BYTES }));`;
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(dir, "preload.mjs")).href, "--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { plugin: "function", max: 49152 });
  const loaded = readFileSync(log, "utf8").split("\n").filter((u) => u.startsWith(pathToFileURL(pkgDir).href)).map((u) => u.slice(pathToFileURL(pkgDir).href.length));
  assert.ok(loaded.includes("/seal.node.js"), `seal.node.js not loaded: ${loaded.join(", ")}`);
  for (const unwanted of [/inline/, /^\/wasm\//, /^\/client\.js$/, /^\/node\.js$/, /^\/sync\//]) {
    assert.ok(!loaded.some((u) => unwanted.test(u)), `loaded ${loaded.filter((u) => unwanted.test(u)).join(", ")}`);
  }
});

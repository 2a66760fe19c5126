// ghseal/octokit's types (pkg/octokit.d.ts): tests/types/octokit-usage.ts is
// type-checked with TypeScript 5 against the real @octokit/rest, octokit and
// @octokit/core + plugin-rest-endpoint-methods types, so `value` type-checks on
// every secret write (the environment and user writes, whose Octokit types
// require encrypted_value + key_id, included) and its `@ts-expect-error` lines
// (a number as value, a missing environment_name) stay errors. Also: the entry
// is exported with its types, and the declaration has no `any`.
//
// Run: GHSEAL_PKG=pkg node --test tests/node/octokit-types.test.mjs

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { assertBuilt, pkgDir, repoRoot } from "../support/pkg.mjs";
import { typeCheck as typeCheckAgainstPackage } from "../support/dts.mjs";

// Octokit's webhook types reach for @types/aws-lambda and node's; not ours to check.
const typeCheck = (file) => typeCheckAgainstPackage(file, { skipLibCheck: true, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"], paths: { "ghseal/octokit": [join(pkgDir, "octokit.d.ts")] } });

test("ghseal/octokit is exported with its types", () => {
  assertBuilt();
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  assert.equal(pkg.exports["./octokit"].types, "./octokit.d.ts");
  for (const peer of ["@octokit/core", "@octokit/rest", "octokit"]) {
    assert.ok(pkg.peerDependencies[peer], `${peer} is a peer dependency`);
    assert.equal(pkg.peerDependenciesMeta[peer]?.optional, true, `${peer} is optional`);
    assert.ok(!pkg.dependencies?.[peer], `${peer} is not a dependency`);
  }
  const source = readFileSync(join(pkgDir, "octokit.d.ts"), "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
  assert.doesNotMatch(source, /\bany\b/);
});

test("tests/types/octokit-usage.ts type-checks: value on every secret write of real Octokit instances", () => {
  assert.deepEqual(typeCheck(join(repoRoot, "tests", "types", "octokit-usage.ts")), []);
});

test("the check is not vacuous: value on a write without the plugin is an error", () => {
  const file = join(repoRoot, "tests", "types", "octokit-without-plugin.ts");
  const errors = typeCheck(file);
  assert.equal(errors.length, 1, errors.join("\n"));
  assert.match(errors[0], /encrypted_value/);
});

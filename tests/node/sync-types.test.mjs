// tests/types/sync-usage.ts type-checks against index.d.ts (gh.plan, gh.apply) and
// sync/index.d.ts (ghseal/sync), as a user's TypeScript would see them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pkgDir, repoRoot } from "../support/pkg.mjs";
import { typeCheck } from "../support/dts.mjs";

test("tests/types/sync-usage.ts type-checks against the package's declarations", () => {
  const problems = typeCheck(join(repoRoot, "tests", "types", "sync-usage.ts"), { paths: { "ghseal/sync": [join(pkgDir, "sync", "index.d.ts")] } });
  assert.deepEqual(problems, []);
});

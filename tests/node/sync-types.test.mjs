// tests/types/sync-usage.ts type-checks against index.d.ts (gh.plan, gh.apply) and
// sync/index.d.ts (ghseal/sync), as a user's TypeScript would see them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pkgDir, repoRoot } from "../support/pkg.mjs";

const require = createRequire(join(repoRoot, "package.json"));
let ts;
try {
  ts = require("typescript");
} catch {
  ts = undefined;
}

test("tests/types/sync-usage.ts type-checks against the package's declarations", ts ? {} : { skip: "typescript is not installed" }, () => {
  const program = ts.createProgram([join(repoRoot, "tests", "types", "sync-usage.ts")], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.asynciterable.d.ts"],
    types: [],
    baseUrl: repoRoot,
    paths: { ghseal: [join(pkgDir, "index.d.ts")], "ghseal/sync": [join(pkgDir, "sync", "index.d.ts")] },
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""}:${d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : ""} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  assert.deepEqual(problems, []);
});

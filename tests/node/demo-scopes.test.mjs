// www/scopes.js derives the demo page's scopes and method names from the package's
// endpoint table; it must give the same answers whether the table spells scopes
// "Repo" or "repo" (and ops "PublicKey" or "public_key").
//   GHSEAL_PKG=pkg node --test tests/node/demo-scopes.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { importPkg } from "../support/pkg.mjs";
import { scopeTable } from "../../www/scopes.js";

const snake = (s) => s.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();

test("scopes and methods from secretsEndpoints(), in either naming case", async () => {
  const { secretsEndpoints } = await importPkg("node.js");
  const rows = secretsEndpoints();
  const variants = [rows, rows.map((r) => ({ ...r, scope: r.scope.toLowerCase(), op: snake(r.op) }))];
  for (const table of variants.map(scopeTable)) {
    assert.deepEqual(table.scopesOf("actions"), ["repo", "environment", "org"]);
    assert.deepEqual(table.scopesOf("dependabot"), ["repo", "org"]);
    assert.deepEqual(table.scopesOf("codespaces"), ["user", "repo", "org"]);
    assert.equal(table.methodOf("actions", "repo", "list"), "listRepoSecrets", "not listRepoOrganizationSecrets");
    assert.equal(table.methodOf("actions", "environment", "key"), "getEnvironmentPublicKey");
    assert.equal(table.methodOf("dependabot", "org", "setRepos"), "setSelectedReposForOrgSecret");
    assert.equal(table.methodOf("codespaces", "user", "put"), "createOrUpdateSecretForAuthenticatedUser");
    assert.equal(table.methodOf("codespaces", "user", "repos"), "listRepositoriesForSecretForAuthenticatedUser");
    assert.equal(table.methodOf("actions", "repo", "repos"), undefined);
    // Every method the page can call exists in the table.
    const names = new Set(rows.map((r) => r.name));
    for (const app of ["actions", "dependabot", "codespaces"]) {
      for (const scope of table.scopesOf(app)) {
        for (const role of ["key", "put", "list", "del"]) assert.ok(names.has(table.methodOf(app, scope, role)), `${app} ${scope} ${role}`);
      }
    }
  }
});

// The `ghseal sync` manifest: YAML + JSON Schema (ajv) + rules, every error at
// once with its path and line; value sources (env, file, dotenv, stdin).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { pkgUrl } from "../support/pkg.mjs";
import { useTempDir } from "../support/tmp.mjs";

const { parseManifest, ManifestError, MANIFEST_SCHEMA, namePattern } = await import(pkgUrl("sync/manifest.js"));
const { loadManifest, resolveValues, MAX_VALUE_BYTES } = await import(pkgUrl("sync/sources.js"));

const GOOD = `
version: 1
targets:
  - name: services
    repositories: [octo-org/api, octo-org/web]
    prune: true
    protect: ["DEPLOY_*"]
    secrets:
      API_TOKEN: { env: API_TOKEN }
      cert_pem: { file: cert.pem }
      DB_URL: { dotenv: prod.env, key: DATABASE_URL }
    variables:
      REGION: eu-west-1
      REPLICAS: 3
      COLOR: { value: blue }
  - repositories: { org: octo-org, match: "svc-*" }
    environments: [production]
    createEnvironments: true
    secrets:
      SIGNING_KEY: { stdin: true }
  - organization: octo-org
    app: dependabot
    secrets:
      NPM_TOKEN: { env: NPM_TOKEN, repositories: [api, web] }
`;

const root = useTempDir("ghseal-manifest-").path;
function tmp(files) {
  const dir = mkdtempSync(join(root, "t-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test("a complete manifest parses into targets with sources and org settings", () => {
  const { manifest, errors } = parseManifest(GOOD);
  assert.deepEqual(errors, []);
  const [services, discovered, org] = manifest.targets;
  assert.deepEqual(services.repositories, ["octo-org/api", "octo-org/web"]);
  assert.equal(services.prune, true);
  assert.deepEqual(services.protect, ["DEPLOY_*"]);
  assert.deepEqual(
    services.secrets.map((s) => [s.name, s.path, s.source.type]),
    [
      ["API_TOKEN", "targets[0].secrets.API_TOKEN", "env"],
      ["CERT_PEM", "targets[0].secrets.cert_pem", "file"],
      ["DB_URL", "targets[0].secrets.DB_URL", "dotenv"],
    ],
  );
  assert.deepEqual(services.variables.map((v) => [v.name, v.source]), [
    ["REGION", { type: "value", value: "eu-west-1" }],
    ["REPLICAS", { type: "value", value: "3" }],
    ["COLOR", { type: "value", value: "blue" }],
  ]);
  assert.equal(discovered.discover.org, "octo-org");
  assert.equal(discovered.discover.forks, false);
  assert.ok(discovered.discover.pattern.test("svc-api") && !discovered.discover.pattern.test("api-svc"));
  assert.deepEqual(discovered.environments, ["production"]);
  assert.equal(discovered.createEnvironments, true);
  assert.equal(org.organization, "octo-org");
  assert.equal(org.app, "dependabot");
  assert.deepEqual([org.secrets[0].visibility, org.secrets[0].repositories], ["selected", ["api", "web"]]);
  assert.equal(services.prune && !discovered.prune, true, "prune defaults to false");
});

test("every manifest error is reported at once with its path and line", () => {
  const bad = [
    "targets:", //                                    1
    "  - repositories: [octo-org/api]", //            2
    "    prun: true", //                              3 unknown key
    "    secrets:", //                                4
    "      TOKEN: hunter2", //                        5 literal secret
    "      GITHUB_X: { env: X }", //                  6 reserved prefix
    "      2BAD: { env: X }", //                      7 bad name
    "      BOTH: { env: X, file: y }", //             8 two sources
    "      NONE: { key: X }", //                      9 no source, key without dotenv
    "  - repositories: { org: o, match: '/(/' }", // 10 bad regex
    "    app: gitlab", //                            11 bad app
    "  - organization: o", //                        12
    "    environments: [prod]", //                   13 env on org target
    "    variables:", //                             14
    "      V: { value: 1, visibility: all, repositories: [a] }", // 15 repositories need selected
  ].join("\n");
  const { errors } = parseManifest(bad);
  const got = errors.map((e) => `${e.line} ${e.path}: ${e.message}`);
  const expect = [
    [3, "targets[0].prun", /unknown key "prun"/],
    [5, "targets[0].secrets.TOKEN", /literal secret value is refused/],
    [6, "targets[0].secrets.GITHUB_X", /GITHUB_/],
    [7, "targets[0].secrets.2BAD", /invalid name "2BAD"/],
    [8, "targets[0].secrets.BOTH", /exactly one of env, file, dotenv or stdin \(got env, file\)/],
    [9, "targets[0].secrets.NONE", /no value source/],
    [9, "targets[0].secrets.NONE.key", /only used with dotenv/],
    [10, "targets[1].repositories.match", /bad pattern/],
    [11, "targets[1].app", /must be one of actions, dependabot, codespaces, agents/],
    [13, "targets[2].environments", /repository targets/],
    [15, "targets[2].variables.V.repositories", /visibility: selected/],
  ];
  for (const [line, path, re] of expect) {
    assert.ok(errors.some((e) => e.line === line && e.path === path && re.test(e.message)), `missing ${line} ${path} ${re}\n${got.join("\n")}`);
  }
  assert.equal(errors.length, expect.length, got.join("\n"));
});

test("YAML syntax errors and duplicate keys name their line", () => {
  const { manifest, errors } = parseManifest("targets:\n  - organization: o\n    organization: p\n");
  assert.equal(manifest, null);
  assert.equal(errors[0].line, 3);
  assert.match(errors[0].message, /YAML: .*unique/i);
});

test("the shipped schema is a valid JSON Schema that editors can use", () => {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true });
  const validate = ajv.compile(MANIFEST_SCHEMA);
  assert.equal(validate(JSON.parse('{"targets":[{"repositories":["o/r"],"secrets":{"A":{"env":"A"}}}]}')), true, JSON.stringify(validate.errors));
  assert.equal(validate(JSON.parse('{"targets":[{"repositories":["o/r"],"secrets":{"A":"literal"}}]}')), false);
});

test("repository name patterns: globs are anchored and case-insensitive, /regex/ is a regex", () => {
  assert.ok(namePattern("svc-*").test("SVC-api"));
  assert.ok(!namePattern("svc-*").test("my-svc-api"));
  assert.ok(namePattern("a?c").test("abc") && !namePattern("a?c").test("a.cc"));
  assert.ok(namePattern("/^(api|web)$/").test("web") && !namePattern("/^(api|web)$/").test("WEB"));
  assert.ok(namePattern("a.b").test("a.b") && !namePattern("a.b").test("axb"), "dots are literal in globs");
});

test("value sources are read from env, files, dotenv and stdin", async () => {
  const dir = tmp({ "cert.pem": "-----BEGIN-----\nabc\n-----END-----\n", "prod.env": "DATABASE_URL=postgres://db/x\nOTHER=1\n" });
  const manifestFile = join(dir, "ghseal.yml");
  writeFileSync(manifestFile, GOOD);
  const { manifest, values } = await loadManifest(manifestFile, {
    env: { API_TOKEN: "tok", NPM_TOKEN: "npm" },
    readStdin: async () => "signing\n",
  });
  assert.equal(manifest.targets.length, 3);
  assert.equal(values.get("targets[0].secrets.API_TOKEN"), "tok");
  assert.equal(values.get("targets[0].secrets.cert_pem"), readFileSync(join(dir, "cert.pem"), "utf8"));
  assert.equal(values.get("targets[0].secrets.DB_URL"), "postgres://db/x");
  assert.equal(values.get("targets[0].variables.REPLICAS"), "3");
  assert.equal(values.get("targets[1].secrets.SIGNING_KEY"), "signing", "trailing newline trimmed as gh does");
  assert.equal(values.get("targets[2].secrets.NPM_TOKEN"), "npm");
});

test("missing sources, sizes and schema errors come together in one ManifestError", async () => {
  const dir = tmp({ "prod.env": "OTHER=1\n", "big.txt": "x".repeat(MAX_VALUE_BYTES + 1) });
  const file = join(dir, "ghseal.yml");
  writeFileSync(
    file,
    ["targets:", "  - repositories: [o/r]", "    secrets:", "      A: { env: NOT_SET_ANYWHERE }", "      B: { file: missing.pem }", "      C: { dotenv: prod.env }", "      D: { file: big.txt }", "      E: plain", ""].join("\n"),
  );
  let caught;
  await assert.rejects(
    loadManifest(file, { env: {} }),
    (error) => {
      caught = error;
      return error instanceof ManifestError && error.code === "invalid_manifest";
    },
  );
  const lines = caught.errors.map((e) => `${e.line} ${e.path}: ${e.message}`);
  assert.deepEqual(
    caught.errors.map((e) => [e.line, e.path]),
    [
      [4, "targets[0].secrets.A.env"],
      [5, "targets[0].secrets.B.file"],
      [6, "targets[0].secrets.C.dotenv"],
      [7, "targets[0].secrets.D"],
      [8, "targets[0].secrets.E"],
    ],
    lines.join("\n"),
  );
  assert.match(caught.message, /ghseal\.yml:4:\d+: targets\[0\]\.secrets\.A\.env: environment variable NOT_SET_ANYWHERE is not set/);
  assert.match(lines[3], /49153 bytes; GitHub's limit is 49152/);
  assert.ok(!caught.message.includes("xxxx"), "no value appears in an error");
});

test("only one secret may read stdin", async () => {
  const { errors } = parseManifest("targets:\n  - repositories: [o/r]\n    secrets:\n      A: { stdin: true }\n      B: { stdin: true }\n");
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /only one secret can read standard input \(also targets\[0\]\.secrets\.A\)/);
  const { manifest } = parseManifest("targets:\n  - repositories: [o/r]\n    secrets:\n      A: { stdin: true }\n");
  const { errors: none } = await resolveValues(manifest, {});
  assert.match(none[0].message, /not available/);
});

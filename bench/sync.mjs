#!/usr/bin/env node
// `ghseal sync` against the local emulator: requests and writes of a first apply
// (REPOS repositories x SECRETS secrets) and of the no-change rerun, which should
// send 0 writes and one list request per scope (plus the repository discovery).
//
//   node bench/sync.mjs [--pkg DIR] [--repos 30] [--secrets 10]
//
// Printed as Markdown. The write budget is lifted (the emulator does not limit by
// default) so the numbers measure ghseal, not the pacing.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DEMO_TOKEN, makeSeed, startEmulator } from "../tests/emulator/index.mjs";

const { values: args } = parseArgs({
  options: {
    pkg: { type: "string", default: process.env.GHSEAL_PKG || "pkg" },
    repos: { type: "string", default: "30" },
    secrets: { type: "string", default: "10" },
  },
});
const REPOS = Number(args.repos);
const SECRETS = Number(args.secrets);
const pkg = resolve(args.pkg);
const { GitHubSecrets } = await import(pathToFileURL(`${pkg}/node.js`).href);
const { parseManifest, resolveValues } = await import(pathToFileURL(`${pkg}/sync/index.js`).href);

const server = await startEmulator({ seed: makeSeed({ repos: REPOS }) });
try {
  const names = Array.from({ length: SECRETS }, (_, i) => `SECRET_${i}`);
  const yaml = `targets:\n  - repositories: { org: octo-org, match: "repo-*" }\n    secrets:\n${names.map((n) => `      ${n}: { env: ${n} }`).join("\n")}\n`;
  const { manifest, locate } = parseManifest(yaml);
  const { values } = await resolveValues(manifest, { env: Object.fromEntries(names.map((n) => [n, `value of ${n}`])), locate });
  const gh = new GitHubSecrets({ auth: DEMO_TOKEN, baseUrl: server.url, throttle: { minWriteInterval: 0 } });
  const budget = { maxWritesPerMinute: 1_000_000, maxWritesPerHour: 1_000_000 };
  const options = { stateKey: "bench state key, 32 bytes long..", budget, minWriteInterval: 0 };
  const rows = [];
  let state;
  for (const label of ["first apply", "no-change rerun"]) {
    server.emulator.clearLog();
    const started = performance.now();
    const plan = await gh.plan({ manifest, values }, { ...options, state });
    const report = await gh.apply(plan, { ...options, state });
    const ms = performance.now() - started;
    state = report.state;
    const log = server.emulator.log();
    const writes = log.filter((e) => e.method !== "GET").length;
    const lists = log.filter((e) => e.method === "GET" && /\/secrets(\?|$)/.test(e.path)).length;
    rows.push(`| ${label} | ${log.length} | ${writes} | ${lists} | ${ms.toFixed(0)} |`);
  }
  console.log(`### Sync (${REPOS} repositories x ${SECRETS} secrets, emulator on 127.0.0.1)\n`);
  console.log("| run | requests | writes | secret lists | ms |\n|---|---:|---:|---:|---:|");
  console.log(rows.join("\n"));
} finally {
  await server.close();
}

#!/usr/bin/env node
// ghseal CLI start-up benchmark (#12): `ghseal seal --key K VALUE` as a whole process
// against a node script that does the same with libsodium-wrappers
// (bench/cli-libsodium.mjs), and `node -e ''` as the floor. Wall time of each fresh
// process from spawn to exit, median of --runs runs, commands interleaved so machine
// noise spreads over all alike. Every command's output is first checked to open with
// native libsodium. Prints Markdown. Run by `npm run bench` (scripts/bench.sh):
//
//   node bench/cli.mjs [--pkg DIR] [--runs 15]
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const sodium = createRequire(import.meta.url)("sodium-native");

const { values: args } = parseArgs({
  options: { pkg: { type: "string", default: process.env.GHSEAL_PKG || "pkg" }, runs: { type: "string", default: "15" } },
});
const RUNS = Math.max(1, Number(args.runs));
const pkgDir = resolve(root, args.pkg);
const cli = join(pkgDir, "cli", "ghseal.js");
if (!existsSync(cli)) {
  console.error(`${cli} missing: node scripts/build.mjs --out ${relative(root, pkgDir)}`);
  process.exit(2);
}

const pk = Buffer.alloc(32);
const sk = Buffer.alloc(32);
sodium.crypto_box_keypair(pk, sk);
const key = pk.toString("base64");
const VALUE = "a secret value of 32 bytes: 0123";

const commands = [
  { label: "`node -e ''` (the floor: node alone)", argv: ["-e", ""] },
  { label: "`node bench/cli-libsodium.mjs K V` (libsodium-wrappers)", argv: [join(here, "cli-libsodium.mjs"), key, VALUE], seals: true, reference: true },
  { label: `\`ghseal seal --key K V\` (${relative(root, cli)})`, argv: [cli, "seal", "--key", key, VALUE], seals: true },
];

/** Opens a base64 sealed box with native libsodium; throws unless it holds VALUE. */
function check(label, stdout) {
  const boxed = Buffer.from(stdout.trim(), "base64");
  const out = Buffer.alloc(Math.max(0, boxed.length - sodium.crypto_box_SEALBYTES));
  if (boxed.length < sodium.crypto_box_SEALBYTES || !sodium.crypto_box_seal_open(out, boxed, pk, sk) || out.toString() !== VALUE) {
    throw new Error(`${label}: output does not open with libsodium: ${stdout.slice(0, 200)}`);
  }
}

/** Wall milliseconds of one process, spawn to exit. */
async function timed(command) {
  const t0 = performance.now();
  const { stdout } = await run(process.execPath, command.argv, { cwd: root, timeout: 60_000 });
  const ms = performance.now() - t0;
  if (command.seals) check(command.label, stdout);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

for (const c of commands) await timed(c); // warm the file cache; checks every output once
const samples = commands.map(() => []);
for (let r = 0; r < RUNS; r++) {
  for (const [i, c] of commands.entries()) samples[i].push(await timed(c));
}
const medians = samples.map(median);
const ref = commands.findIndex((c) => c.reference);
const floor = medians[0];
console.log(`## CLI start-up (fresh process per run, ${RUNS} runs each, interleaved; wall ms from spawn to exit)\n`);
console.log("| command | median ms | vs libsodium-wrappers script | above `node -e ''`, ms | range ms |");
console.log("|---|---:|---:|---:|---:|");
for (const [i, c] of commands.entries()) {
  const ratio = `${(medians[i] / medians[ref]).toFixed(2)}×`;
  const above = i === 0 ? "—" : (medians[i] - floor).toFixed(1);
  console.log(`| ${c.label} | ${medians[i].toFixed(1)} | ${ratio} | ${above} | ${Math.min(...samples[i]).toFixed(1)}–${Math.max(...samples[i]).toFixed(1)} |`);
}

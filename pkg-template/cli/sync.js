// `ghseal sync plan|apply -c ghseal.yml`: parse -> options -> run, like the other
// commands. The manifest and value sources are read by ../sync/sources.js, the
// plan and writes are the library's gh.plan / gh.apply, and the state file is
// written atomically after every successful write.
//
// Exit status (plan): 0 in sync, 3 changes pending (create, update, delete or
// drifted), 1 a target failed, 2 usage or manifest error.
// Exit status (apply): 0 done, 1 something failed or drifted (not overwritten),
// 2 usage/manifest error or deletions without --yes on a non-terminal, 130 interrupted.

import { createInterface } from "node:readline/promises";
import { dirname, join, resolve } from "node:path";
import { InvalidArgumentError, Option } from "commander";
import { formatError } from "../sync/manifest.js";
import { loadManifest } from "../sync/sources.js";
import { DEFAULT_STATE_FILE, loadStateKey, readState, writeStateAtomic } from "../sync/state-file.js";
import { createClient } from "./config.js";
import { CliError, EXIT, UsageError } from "./errors.js";
import { plural, table } from "./report.js";

/** Exit status of `sync plan` when changes are pending. */
export const EXIT_CHANGES_PENDING = 3;

/** commander parser for an integer option from 1 to `max`. */
function positive(max) {
  return (value) => {
    const n = /^\d+$/.test(String(value).trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected an integer from 1 to ${max}`);
    return n;
  };
}

function syncOptions(cmd) {
  return cmd
    .requiredOption("-c, --config <file>", "the manifest (YAML), e.g. ghseal.yml")
    .option("--state <file>", `the state file (default: ${DEFAULT_STATE_FILE} beside the manifest)`)
    .option("--overwrite-drift", "write names changed outside ghseal since the last apply (default: report them as drifted)")
    .addOption(new Option("--max-writes-per-minute <n>", "write budget per minute (default 80, GitHub's limit)").argParser(positive(100000)))
    .addOption(new Option("--max-writes-per-hour <n>", "write budget per hour (default 500, GitHub's limit)").argParser(positive(1000000)));
}

/** `1h 02m`, `3m 05s`, `12s`. */
export function duration(ms) {
  const s = Math.ceil(ms / 1000);
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}

async function prepare(opts, context) {
  const { io, env = process.env } = context;
  const file = resolve(opts.config);
  let loaded;
  try {
    loaded = await loadManifest(file, { env, readStdin: () => context.stdin.read("a manifest stdin source") });
  } catch (error) {
    if (error?.code === "invalid_manifest") {
      for (const e of error.errors) io.say(formatError(opts.config, e));
      throw new CliError(`${plural(error.errors.length, "problem")} in ${opts.config}; nothing was sent`, { exitCode: EXIT.USAGE });
    }
    throw error;
  }
  const stateFile = opts.state ? resolve(opts.state) : join(dirname(file), DEFAULT_STATE_FILE);
  let state;
  let key;
  try {
    state = readState(stateFile);
    key = loadStateKey(env).key;
  } catch (error) {
    throw new CliError(error.message, { exitCode: EXIT.USAGE });
  }
  const budget = {};
  if (opts.maxWritesPerMinute !== undefined) budget.maxWritesPerMinute = opts.maxWritesPerMinute;
  if (opts.maxWritesPerHour !== undefined) budget.maxWritesPerHour = opts.maxWritesPerHour;
  const gh = createClient(opts, { io, env });
  const options = { stateKey: key, state, overwriteDrift: Boolean(opts.overwriteDrift), budget, minWriteInterval: opts.throttleMs ?? 1000 };
  return { gh, loaded, stateFile, options };
}

function printPlan(io, planned, opts) {
  if (opts.json) io.printJson(planned.items);
  else if (planned.items.length) io.print(table(["TARGET", "KIND", "NAME", "ACTION", "REASON"], planned.items.map((i) => [i.target, i.kind, i.name, i.action, i.reason])));
  const c = planned.counts;
  const line = `${plural(planned.writes, "write")} (${c.create} create, ${c.update} update, ${c.delete} delete), ${c.unchanged} unchanged, ${c.drifted} drifted, ${c.error} error; ETA ${duration(planned.etaMs)} under the write budget`;
  if (opts.json) io.say(line);
  else io.print(`\n${line}`);
}

/** `ghseal sync plan`. */
export async function runSyncPlan(opts, context) {
  const { gh, loaded, options } = await prepare(opts, context);
  const planned = await gh.plan(loaded, options);
  printPlan(context.io, planned, opts);
  if (planned.counts.error) return EXIT.FAILED;
  return planned.writes || planned.counts.drifted ? EXIT_CHANGES_PENDING : EXIT.OK;
}

/**
 * Asks on the terminal whether the plan's deletions may go ahead (`apply` without
 * `--yes`). Reads the command's standard input (`context.stdin`, claimed for the
 * prompt), asks on `context.io.stderr`.
 * @param {number} count deletions in the plan
 * @param {{ stdin: object, io: { stderr: object } }} context
 * @returns {Promise<boolean>} true for an answer of y/yes; false for anything else, and
 *   without asking when standard input or stderr is not a terminal
 * @throws {UsageError} when another option (e.g. `--manifest -`) already read standard input
 */
export async function confirmDeletes(count, context) {
  if (!context.stdin.isTTY || !context.io.stderr.isTTY) return false;
  context.stdin.claim("the deletion prompt");
  const rl = createInterface({ input: context.stdin.stream, output: context.io.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`Delete ${plural(count, "secret or variable", "secrets and variables")}? [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** `ghseal sync apply`. */
export async function runSyncApply(opts, context) {
  const { gh, loaded, stateFile, options } = await prepare(opts, context);
  const planned = await gh.plan(loaded, options);
  const deletes = planned.counts.delete;
  if (deletes && !opts.yes && !(await confirmDeletes(deletes, context))) {
    throw new UsageError(`the plan deletes ${plural(deletes, "name")} (prune): pass --yes to allow deletions; nothing was written`, { help: false });
  }
  const { io, interrupt } = context;
  const total = planned.writes;
  if (total && !opts.json) io.say(`${plural(total, "write")}, ETA ${duration(planned.etaMs)}`);
  // From here a first Ctrl-C stops before the next write (the one in flight finishes).
  interrupt.deferExit();
  const bar = io.progress(total, `sync (ETA ${duration(planned.etaMs)} under the write budget)`);
  let report;
  try {
    report = await gh.apply(planned, {
      ...options,
      signal: interrupt.signal,
      onProgress: ({ item }) => bar.tick(item.status !== "failed"),
      onStateChange: (state) => writeStateAtomic(stateFile, state),
    });
  } finally {
    bar.stop();
  }
  if (opts.json) io.printJson(report.items);
  else for (const i of report.items.filter((x) => x.status === "failed" || x.status === "drifted")) io.say(`${i.status}: ${i.target} ${i.kind} ${i.name}: ${i.error ?? i.reason}`);
  const c = report.counts;
  io.say(`${plural(report.writes, "write")} sent: ${c.done ?? 0} done, ${c.failed ?? 0} failed, ${c.unchanged ?? 0} unchanged, ${c.drifted ?? 0} drifted, ${c["not-attempted"] ?? 0} not attempted${report.cancelled ? " (interrupted: rerun to finish)" : ""}`);
  if (report.cancelled) return interrupt.reason?.exitCode ?? EXIT.INTERRUPTED;
  return c.failed || c.drifted ? EXIT.FAILED : EXIT.OK;
}

/** Add `sync plan` and `sync apply` to the program; `connectionOptions` adds --token etc. */
export function registerSync(program, run, connectionOptions) {
  const sync = program.command("sync").description("Keep secrets and variables of many repositories, environments and organizations as a manifest says");
  const plan = sync.command("plan").description("Show what apply would do, per target and name (exit 3 when changes are pending)");
  connectionOptions(syncOptions(plan)).action((opts) => run("sync plan", () => runSyncPlan(opts, run.context)));
  const apply = sync.command("apply").description("Create, update and (with prune) delete what the plan lists, under GitHub's write budget");
  connectionOptions(syncOptions(apply))
    .option("-y, --yes", "allow the deletions the plan lists (required on a non-terminal)")
    .action((opts) => run("sync apply", () => runSyncApply(opts, run.context)));
  for (const cmd of [sync, plan, apply]) cmd.exitOverride();
  return sync;
}

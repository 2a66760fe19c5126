// The ghseal command line as commander sees it: commands, flags (spelled as in
// `gh secret` where gh has them) and option value checks. Each command's action
// hands its arguments to the command module (parse -> run -> report) through
// `run`, which owns the context (IO, stdin, interrupt) and the exit status.
//
// Start-up: command modules are imported in their action, and when the command
// line names a command only that command is registered (the others, and the
// endpoint table their flags list apps from, are never loaded): `ghseal seal`
// loads the sealing-only wasm and nothing of the GitHub client, sync, dotenv or
// the progress bar (tests/node/cli-startup.test.mjs). Help, `help CMD`, no command
// or an unknown one register every command.

import { Command, InvalidArgumentError, Option } from "commander";
import { MAX_SECRET_BYTES } from "../limits.js";
import { version } from "./version.js";

/** targets.js (and with it the full wasm's endpoint table), loaded by loadTargets(). */
let targets;
async function loadTargets() {
  targets ??= await import("./targets.js");
}

export const VISIBILITIES = ["all", "private", "selected"];

/**
 * A checker for integer option values in [min, max].
 * @returns {(value: string) => number}
 * @throws {Error} saying what is expected, for anything but a decimal integer in range
 */
export function integer(min, max = Number.MAX_SAFE_INTEGER) {
  return (value) => {
    const n = /^\d+$/.test(String(value).trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new Error(max === Number.MAX_SAFE_INTEGER ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`);
    }
    return n;
  };
}

/** --repos values: repeatable and comma separated. */
export function collectList(value, previous = []) {
  return [...previous, ...String(value).split(",").map((s) => s.trim()).filter(Boolean)];
}

/** Repeatable option values, in order. */
export function collect(value, previous = []) {
  return [...previous, value];
}

/** commander parser for integer options, with commander's own error message. */
function int(min, max) {
  const check = integer(min, max);
  return (value) => {
    try {
      return check(value);
    } catch (error) {
      throw new InvalidArgumentError(error.message);
    }
  };
}

/** The target flags of a command on secrets (or `what`: "variable"); apps from the endpoint table. */
export function targetOptions(cmd, verb, what = "secret") {
  if (!targets) throw new Error("targetOptions: targets.js not loaded (await loadTargets() first)");
  const apps = targets.secretApps(what);
  cmd
    .option("-R, --repo <OWNER/REPO>", `${verb} repository ${what}s in OWNER/REPO (repeatable)`, collect)
    .option("--repos-from <file>", "read target repositories from a file, one OWNER/REPO a line ('-' for stdin)")
    .option("-e, --env <name>", `${verb} deployment environment ${what}s (with --repo)`)
    .option("-o, --org <org>", `${verb} organization ${what}s`);
  if (what === "secret") cmd.option("-u, --user", `${verb} secrets for your user (Codespaces)`);
  const otherDefault = what === "secret" ? "; codespaces with --user" : "";
  return cmd.addOption(new Option("-a, --app <app>", `the application: ${apps.join(", ")} (default: actions${otherDefault})`).choices(apps));
}

/** The token, server, throttling and output flags every networked command takes. */
export function connectionOptions(cmd) {
  return cmd
    .option("--token <token>", "GitHub token (default: GH_TOKEN, then GITHUB_TOKEN; prefer those: a command line is visible to other users)")
    .option("--app-id <id>", "authenticate as this GitHub App (default: GH_APP_ID); needs --private-key")
    .option("--private-key <file>", "the GitHub App's private key, PEM (default: GH_APP_PRIVATE_KEY_FILE)")
    .option("--installation-id <id>", "the app's installation (default: GH_APP_INSTALLATION_ID, else found for the target)")
    .option("--base-url <url>", "API root (default: from GH_HOST, e.g. https://HOST/api/v3 for GitHub Enterprise Server; else https://api.github.com)")
    .option("--concurrency <n>", "requests in flight at most; writes are still sent one at a time", int(1, 64), 4)
    .option("--throttle-ms <ms>", "minimum milliseconds between two writes (default 1000, as Octokit)", int(0, 600000))
    .option("--retries <n>", "retries after rate limits, server and network errors (default 3)", int(0, 20))
    .option("--json", "print the result as JSON on stdout")
    .option("--debug", "print request details and stack traces on errors (also DEBUG=ghseal)");
}

/**
 * How each command is registered, in help order; aliases name the same function.
 * Each imports what its registration needs and its command module in its action.
 */
const REGISTER = [
  [["set"], registerSet],
  [["list", "ls"], registerList],
  [["delete", "remove"], registerDelete],
  [["seal"], registerSeal],
  [["variable"], registerVariable],
  [["registry"], registerRegistry],
  [["sync"], registerSyncCommands],
];

/**
 * The command word of `argv` (node, script, args...): the first argument that is not
 * an option (the program itself takes no option values), or undefined.
 */
function commandWord(argv) {
  return argv.slice(2).find((arg) => !arg.startsWith("-"));
}

/**
 * The program. `run(command, fn)` runs a command's work; `run.context` is the
 * context handed to the commands; `io` writes commander's own output (help).
 * With `argv` naming a command, only that command is registered (see the top).
 * @returns {Promise<import("commander").Command>}
 */
export async function buildProgram(run, io, argv = []) {
  const program = new Command("ghseal")
    .description("Seal and upload GitHub Actions, Dependabot, Codespaces and Copilot agents secrets; set variables and private registries")
    .version(version(), "-V, --version")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(io.scrub(s)),
      writeErr: (s) => io.stderr.write(io.scrub(s)),
      outputError: () => {}, // usage errors are printed as one line by main()
    });
  program.addHelpText(
    "after",
    "\nExit status: 0 ok, 1 something failed, 2 usage error, 130/143 interrupted (SIGINT/SIGTERM).\n" +
      "Token: GH_TOKEN or GITHUB_TOKEN (or --token); server: GH_HOST or --base-url.",
  );

  const word = commandWord(argv);
  const named = REGISTER.find(([names]) => names.includes(word));
  for (const [, register] of named ? [named] : REGISTER) await register(program, run);

  // Every command: usage errors are thrown (not exited) so main() prints one line and exits 2.
  const all = (cmd) => [cmd, ...cmd.commands.flatMap(all)];
  for (const cmd of all(program)) cmd.exitOverride();
  return program;
}

async function registerSet(program, run) {
  await loadTargets();
  const set = program
    .command("set")
    .description("Create or update secrets: one NAME (value from --body, stdin or a hidden prompt) or every entry of --env-file")
    .argument("[name]", "secret name");
  targetOptions(set, "set")
    .option("-b, --body <value>", "the secret's value (default: read stdin, or prompt without echo on a terminal)")
    .option("-f, --env-file <file>", "set every entry of a dotenv file ('-' for stdin)")
    .addOption(new Option("-v, --visibility <visibility>", "organization secret visibility (default: an existing secret keeps its own; a new one is private)").choices(VISIBILITIES))
    .option("-r, --repos <names>", "repositories that can access an organization or user secret (comma separated, repeatable; implies --visibility selected)", collectList)
    .option("--no-repos-selected", "no repositories can access the organization secret")
    .option("--no-store", "print the sealed, base64-encoded value instead of uploading it")
    .option("--dry-run", "show what would be created or updated; send no write");
  connectionOptions(set).action((name, opts) => run("set", async () => (await import("./set.js")).setCommand(name, opts, run.context)));
}

async function registerList(program, run) {
  await loadTargets();
  const list = program.command("list").alias("ls").description("List secrets (names and dates; values are never readable)");
  targetOptions(list, "list");
  connectionOptions(list).action((opts) => run("list", async () => (await import("./list.js")).listCommand(opts, run.context)));
}

async function registerDelete(program, run) {
  await loadTargets();
  const del = program
    .command("delete")
    .alias("remove")
    .description("Delete secrets")
    .argument("<names...>", "secret names");
  targetOptions(del, "delete").option("--dry-run", "check that each secret exists; send no DELETE");
  connectionOptions(del).action((names, opts) => run("delete", async () => (await import("./delete.js")).deleteCommand(names, opts, run.context)));
}

async function registerSeal(program, run) {
  program
    .command("seal")
    .description("Seal a value offline for a public key and print it (base64); no token, no network")
    .argument("[value]", "the value, or '-' to read stdin (default: stdin, or prompt without echo on a terminal)")
    .requiredOption("--key <base64>", "the public key (base64 of 32 bytes), as GitHub's public-key endpoints return it")
    .option("--key-id <id>", "key id to include in --json output")
    .option("--allow-large", `seal values over GitHub's ${MAX_SECRET_BYTES / 1024} KiB secret limit (for sealed boxes not meant for GitHub)`)
    .option("--json", "print { encrypted_value, key_id } as JSON")
    .option("--debug", "print stack traces on errors (also DEBUG=ghseal)")
    .action((value, opts) => run("seal", async () => (await import("./seal.js")).sealCommand(value, opts, run.context)));
}

async function registerVariable(program, run) {
  await loadTargets();
  const { addVariableCommand } = await import("./variable-program.js");
  addVariableCommand(program, run);
}

async function registerRegistry(program, run) {
  await loadTargets();
  const { addRegistryCommand } = await import("./registry.js");
  addRegistryCommand(program, run);
}

/** sync plan | sync apply (sync.js). */
async function registerSyncCommands(program, run) {
  const { registerSync } = await import("./sync.js");
  registerSync(program, run, connectionOptions);
}

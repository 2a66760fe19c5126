#!/usr/bin/env node
// ghseal: set, list and delete GitHub Actions, Dependabot and Codespaces secrets
// (values sealed locally with libsodium sealed boxes), or seal a value offline.
// Flags follow `gh secret` where gh has them. Arguments are parsed by commander;
// each command is parse -> options -> run, like gh's NewCmdX / xRun.
//
// Exit status: 0 everything succeeded, 1 something failed (each failure named on
// stderr), 2 usage or configuration error, 130 interrupted.

import { Command, InvalidArgumentError, Option } from "commander";
import {
  APPS,
  CliError,
  EXIT,
  UsageError,
  VISIBILITIES,
  collect,
  collectList,
  debugDetails,
  debugFromEnv,
  integer,
  isDebug,
  oneLine,
  say,
  scrub,
  scrubFromEnvironment,
  setDebug,
  stdinReader,
  version,
} from "./shared.js";
import { runSet } from "./set.js";
import { runList } from "./list.js";
import { runDelete } from "./delete.js";
import { runSeal } from "./seal.js";
import { registerSync } from "./sync.js";

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

function targetOptions(cmd, verb) {
  return cmd
    .option("-R, --repo <OWNER/REPO>", `${verb} repository secrets in OWNER/REPO (repeatable)`, collect)
    .option("--repos-from <file>", "read target repositories from a file, one OWNER/REPO a line ('-' for stdin)")
    .option("-e, --env <name>", `${verb} deployment environment secrets (with --repo)`)
    .option("-o, --org <org>", `${verb} organization secrets`)
    .option("-u, --user", `${verb} secrets for your user (Codespaces)`)
    .addOption(new Option("-a, --app <app>", "the application: actions (default), dependabot or codespaces (default with --user)").choices(APPS));
}

function connectionOptions(cmd) {
  return cmd
    .option("--token <token>", "GitHub token (default: GH_TOKEN, then GITHUB_TOKEN; prefer those: a command line is visible to other users)")
    .option("--base-url <url>", "API root (default: from GH_HOST, e.g. https://HOST/api/v3 for GitHub Enterprise Server; else https://api.github.com)")
    .option("--concurrency <n>", "requests in flight at most; writes are still sent one at a time", int(1, 64), 4)
    .option("--throttle-ms <ms>", "minimum milliseconds between two writes (default 1000, as Octokit)", int(0, 600000))
    .option("--retries <n>", "retries after rate limits, server and network errors (default 3)", int(0, 20))
    .option("--json", "print the result as JSON on stdout")
    .option("--debug", "print request details and stack traces on errors (also DEBUG=ghseal)");
}

/** Build the command line program; `handlers` receive (args..., opts). */
function buildProgram(run) {
  const program = new Command("ghseal")
    .description("Seal and upload GitHub Actions, Dependabot and Codespaces secrets")
    .version(version(), "-V, --version")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => process.stdout.write(scrub(s)),
      writeErr: (s) => process.stderr.write(scrub(s)),
      outputError: () => {}, // usage errors are printed as one line by main()
    });
  program.addHelpText(
    "after",
    "\nExit status: 0 ok, 1 something failed, 2 usage error.\nToken: GH_TOKEN or GITHUB_TOKEN (or --token); server: GH_HOST or --base-url.",
  );

  const set = program
    .command("set")
    .description("Create or update secrets: one NAME (value from --body, stdin or a hidden prompt) or every entry of --env-file")
    .argument("[name]", "secret name");
  targetOptions(set, "set")
    .option("-b, --body <value>", "the secret's value (default: read stdin, or prompt without echo on a terminal)")
    .option("-f, --env-file <file>", "set every entry of a dotenv file ('-' for stdin)")
    .addOption(new Option("-v, --visibility <visibility>", "organization secret visibility (default private)").choices(VISIBILITIES))
    .option("-r, --repos <names>", "repositories that can access an organization or user secret (comma separated, repeatable; implies --visibility selected)", collectList)
    .option("--no-repos-selected", "no repositories can access the organization secret")
    .option("--no-store", "print the sealed, base64-encoded value instead of uploading it")
    .option("--dry-run", "show what would be created or updated; send no write");
  connectionOptions(set).action((name, opts) => run("set", () => runSet(name, opts, run.context)));

  const list = program.command("list").alias("ls").description("List secrets (names and dates; values are never readable)");
  targetOptions(list, "list");
  connectionOptions(list).action((opts) => run("list", () => runList(opts, run.context)));

  const del = program
    .command("delete")
    .alias("remove")
    .description("Delete secrets")
    .argument("<names...>", "secret names");
  targetOptions(del, "delete").option("--dry-run", "check that each secret exists; send no DELETE");
  connectionOptions(del).action((names, opts) => run("delete", () => runDelete(names, opts, run.context)));

  program
    .command("seal")
    .description("Seal a value offline for a public key and print it (base64); no token, no network")
    .argument("[value]", "the value, or '-' to read stdin (default: stdin, or prompt without echo on a terminal)")
    .requiredOption("--key <base64>", "the public key (base64 of 32 bytes), as GitHub's public-key endpoints return it")
    .option("--key-id <id>", "key id to include in --json output")
    .option("--json", "print { encrypted_value, key_id } as JSON")
    .option("--debug", "print stack traces on errors (also DEBUG=ghseal)")
    .action((value, opts) => run("seal", () => runSeal(value, opts, run.context)));

  registerSync(program, run, connectionOptions); // sync plan | sync apply (sync.js)

  // Every command: usage errors are thrown (not exited) so main() prints one line and exits 2.
  for (const cmd of [program, ...program.commands]) cmd.exitOverride();
  return program;
}

function usageLine(command, message, withHelp = true) {
  const text = oneLine(String(message).replace(/^error:\s*/, ""));
  const help = command ? `ghseal ${command} --help` : "ghseal --help";
  return `ghseal${command ? ` ${command}` : ""}: ${text}${withHelp ? ` (see '${help}')` : ""}`;
}

async function main(argv = process.argv) {
  scrubFromEnvironment(argv);
  setDebug(debugFromEnv() || argv.includes("--debug"));
  let current;
  let exitCode = EXIT.OK;
  const run = async (command, fn) => {
    current = command;
    exitCode = await fn();
  };
  run.context = { stdin: stdinReader() };
  const program = buildProgram(run);
  // Which command a usage error belongs to, for its one-line hint.
  program.hook("preSubcommand", (_this, sub) => {
    current = sub.name();
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    exitCode = handleError(error, current);
  }
  return exitCode;
}

function handleError(error, command) {
  if (error?.code === "commander.helpDisplayed" || error?.code === "commander.version") return EXIT.OK;
  if (error?.code === "commander.help") return EXIT.USAGE; // `ghseal` without a command: help went to stderr
  if (error?.code?.startsWith?.("commander.")) {
    say(usageLine(command, error.message));
    return EXIT.USAGE;
  }
  if (error instanceof UsageError) {
    say(usageLine(command, error.message, error.help));
    return EXIT.USAGE;
  }
  if (error instanceof CliError) {
    debugDetails(error.cause ?? error);
    say(`ghseal${command ? ` ${command}` : ""}: ${oneLine(error.message)}${error.hint ? ` - ${error.hint}` : ""}`);
    return error.exitCode;
  }
  // Anything else is unexpected: still one line, the stack only with --debug.
  debugDetails(error);
  say(`ghseal${command ? ` ${command}` : ""}: unexpected error: ${oneLine(error?.message ?? error)}${isDebug() ? "" : " (run with --debug for details)"}`);
  return EXIT.FAILED;
}

// A closed pipe (`ghseal list | head -1`) is not an error worth a stack trace.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.OK);
  throw error;
});
const code = await main();
process.exitCode = code;
// Flush stdout, then leave even if a timer (throttle, keep-alive) is pending.
process.stdout.write("", () => process.exit(code));

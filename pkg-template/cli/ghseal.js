#!/usr/bin/env node
// ghseal: set, list and delete GitHub Actions, Dependabot and Codespaces secrets
// (values sealed locally with libsodium sealed boxes), or seal a value offline.
// Flags follow `gh secret` where gh has them (program.js); each command is
// parse -> run -> report, like gh's NewCmdX / xRun, with its IO injected.
//
// Exit status: 0 everything succeeded, 1 something failed (each failure named on
// stderr), 2 usage or configuration error, 130 interrupted (SIGINT), 143
// terminated (SIGTERM).

import { CliError, EXIT, UsageError, debugDetails, oneLine } from "./errors.js";
import { createIO, debugFromEnv } from "./io.js";
import { stdinReader } from "./input.js";
import { plainSealArgs } from "./seal-args.js";

const SIGNAL_EXIT = { SIGINT: EXIT.INTERRUPTED, SIGTERM: EXIT.TERMINATED };

/**
 * SIGINT/SIGTERM handling. Until a command calls `deferExit()` a signal ends the
 * process at once (status 130/143, terminal restored). After it (bulk work has
 * begun), the first signal aborts `signal` - no new write starts, the ones in
 * flight finish and the command prints its report - and a second one ends the
 * process at once.
 */
function createInterrupt(io, proc = process) {
  const controller = new AbortController();
  let reason;
  let deferred = false;
  const exitNow = (code) => {
    io.restoreTerminal();
    proc.exit(code);
  };
  const onSignal = (name) => {
    const exitCode = SIGNAL_EXIT[name];
    if (!deferred || reason) {
      if (reason) io.say(`ghseal: ${name} again: stopping without waiting for the requests in flight`);
      exitNow(reason?.exitCode ?? exitCode);
      return;
    }
    reason = { signal: name, exitCode };
    io.say(`ghseal: ${name}: starting no new writes; waiting for those in flight (${name} again to stop at once)`);
    controller.abort(reason);
  };
  for (const name of Object.keys(SIGNAL_EXIT)) proc.on(name, onSignal);
  return {
    signal: controller.signal,
    /** `{ signal: "SIGINT" | "SIGTERM", exitCode: 130 | 143 }` once interrupted. */
    get reason() {
      return reason;
    },
    /** From now on a signal stops new work instead of the process. */
    deferExit() {
      deferred = true;
    },
  };
}

function usageLine(command, message, withHelp = true) {
  const text = oneLine(String(message).replace(/^error:\s*/, ""));
  const help = command ? `ghseal ${command} --help` : "ghseal --help";
  return `ghseal${command ? ` ${command}` : ""}: ${text}${withHelp ? ` (see '${help}')` : ""}`;
}

function handleError(io, error, command, interrupt) {
  if (error?.code === "commander.helpDisplayed" || error?.code === "commander.version") return EXIT.OK;
  if (error?.code === "commander.help") return EXIT.USAGE; // `ghseal` without a command: help went to stderr
  if (error?.code?.startsWith?.("commander.")) {
    io.say(usageLine(command, error.message));
    return EXIT.USAGE;
  }
  if (error instanceof UsageError) {
    io.say(usageLine(command, error.message, error.help));
    return EXIT.USAGE;
  }
  const where = `ghseal${command ? ` ${command}` : ""}`;
  if (error instanceof CliError) {
    debugDetails(io, error.cause ?? error);
    io.say(`${where}: ${oneLine(error.message)}${error.hint ? ` - ${error.hint}` : ""}`);
    return interrupt.reason?.exitCode ?? error.exitCode;
  }
  // Anything else is unexpected: still one line, the stack only with --debug.
  debugDetails(io, error);
  io.say(`${where}: unexpected error: ${oneLine(error?.message ?? error)}${io.debugEnabled ? "" : " (run with --debug for details)"}`);
  return interrupt.reason?.exitCode ?? EXIT.FAILED;
}

async function main(argv = process.argv, env = process.env) {
  const io = createIO({ stdout: process.stdout, stderr: process.stderr, debug: debugFromEnv(env) || argv.includes("--debug") });
  io.scrubFromEnvironment(argv, env);
  const interrupt = createInterrupt(io);
  // Whatever ends the process, a terminal does not stay without cursor or line wrap.
  process.on("exit", () => {
    if (io.progressShown) io.restoreTerminal();
  });
  let current;
  let exitCode = EXIT.OK;
  const run = async (command, fn) => {
    current = command;
    exitCode = await fn();
  };
  run.context = { io, stdin: stdinReader(), env, interrupt };
  // A plain `ghseal seal` runs without loading commander (seal-args.js).
  const plainSeal = plainSealArgs(argv);
  if (plainSeal) {
    try {
      await run("seal", async () => (await import("./seal.js")).sealCommand(plainSeal.value, plainSeal.opts, run.context));
    } catch (error) {
      exitCode = handleError(io, error, "seal", interrupt);
    }
    return exitCode;
  }
  const { buildProgram } = await import("./program.js");
  const program = await buildProgram(run, io, argv);
  // Which command a usage error belongs to, for its one-line hint.
  program.hook("preSubcommand", (_this, sub) => {
    current = sub.name();
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    exitCode = handleError(io, error, current, interrupt);
  }
  return exitCode;
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

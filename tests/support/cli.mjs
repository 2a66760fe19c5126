// Runs the `ghseal` command of the package under test ($GHSEAL_PKG/cli/ghseal.js)
// as a child process, for tests/node/cli-*.test.mjs: plainly (pipes), or under a
// pseudo-terminal with util-linux script(1).

import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { pkgDir, repoRoot } from "./pkg.mjs";

/** Path of the command's entry file in the package under test. */
export const CLI = join(pkgDir, "cli", "ghseal.js");

/** True when util-linux script(1) is installed (for pseudo-terminal runs). */
export const hasScript = spawnSync("script", ["--version"]).status === 0;

const TOKEN_VARIABLES = ["GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN", "GH_HOST", "DEBUG", "GH_APP_ID", "GH_APP_PRIVATE_KEY_FILE", "GH_APP_INSTALLATION_ID"];

/** process.env without any token, GitHub App (GH_APP_*), GH_HOST or DEBUG variable. */
export const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !TOKEN_VARIABLES.includes(k)));

/**
 * Starts the CLI with `args` (pipes). `onSpawn(child)` is called once it started;
 * `onStdout(text, child)` / `onStderr` see the output so far as it arrives.
 * Resolves { code, signal, stdout, stderr } when it exits.
 * @param {string[]} args
 * @param {{ input?: string, env?: Record<string, string>, onSpawn?: Function, onStdout?: Function, onStderr?: Function, timeoutMs?: number }} [options]
 */
export function runCli(args, { input = "", env = {}, onSpawn, onStdout, onStderr, timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: repoRoot, env: { ...CLEAN_ENV, ...env } });
    onSpawn?.(child);
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
      onStdout?.(stdout, child);
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
      onStderr?.(stderr, child);
    });
    child.on("error", reject);
    child.stdin.on("error", () => {}); // the CLI may exit before reading stdin
    child.stdin.end(input);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, pid: child.pid });
    });
  });
}

/**
 * Runs the CLI under a pseudo-terminal (`script -qefc`), so stdin, stdout and
 * stderr are a terminal. `onOutput(text, write)` sees the terminal output so
 * far; `write(s)` types `s` on the terminal (e.g. "\x03" is Ctrl-C, which the
 * terminal turns into SIGINT for the command). Resolves { code, out }.
 */
export function runCliTty(args, { env = {}, onOutput, timeoutMs = 60000 } = {}) {
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${String(a).replace(/'/g, "'\\''")}'`).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qefc", cmd, "/dev/null"], { cwd: repoRoot, env: { ...CLEAN_ENV, ...env } });
    let out = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    const write = (s) => child.stdin.write(s);
    child.stdout.setEncoding("utf8").on("data", (d) => {
      out += d;
      onOutput?.(out, write);
    });
    child.stderr.resume();
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

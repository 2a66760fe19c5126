// Input of the ghseal command: files, standard input (read at most once), a
// prompt without echo on a terminal, and dotenv files (parsed by `dotenv`, with
// every line it would skip, and every duplicate key, reported instead of
// dropped silently).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { CliError, EXIT, UsageError } from "./errors.js";

/** dotenv (CommonJS), required on first use: commands that read no dotenv text never load it. */
let dotenvModule;
const dotenv = {
  parse(text) {
    dotenvModule ??= createRequire(import.meta.url)("dotenv");
    return dotenvModule.parse(text);
  },
};

/**
 * A file's text (UTF-8).
 * @throws {CliError} exit 2, naming the flag and file, when it cannot be read
 */
export function readText(file, flag) {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`${flag} ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`, { exitCode: EXIT.USAGE });
  }
}

/** Standard input, read at most once (two options cannot both read it). */
export function stdinReader(stream = process.stdin) {
  let owner;
  return {
    stream,
    get isTTY() {
      return Boolean(stream.isTTY);
    },
    /** The whole input as UTF-8. @throws {UsageError} if another option already read it */
    async read(who) {
      if (owner) throw new UsageError(`${who} and ${owner} cannot both read standard input`);
      owner = who;
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      return Buffer.concat(chunks).toString("utf8");
    },
    /** Reserve the input for `who` (a prompt). @throws {UsageError} if another option already read it */
    claim(who) {
      if (owner) throw new UsageError(`${who} and ${owner} cannot both read standard input`);
      owner = who;
    },
  };
}

/**
 * Asks on the terminal without echo (the value is never shown); the question goes
 * to `output` (stderr).
 * @throws {CliError} exit 130 on Ctrl-C, exit 1 when input ends without a line
 */
export async function promptHidden(question, { input = process.stdin, output = process.stderr } = {}) {
  // Loaded here: a command that never prompts (`ghseal seal --key K V`) does not pay for readline.
  const [{ default: readline }, { Writable }] = await Promise.all([import("node:readline"), import("node:stream")]);
  return new Promise((resolve, reject) => {
    const muted = new Writable({
      write(_chunk, _encoding, callback) {
        callback();
      },
    });
    // The terminal leaves echo mode (raw mode, set by readline) before the prompt shows.
    const rl = readline.createInterface({ input, output: muted, terminal: true });
    output.write(question);
    let done = false;
    rl.question("", (answer) => {
      done = true;
      rl.close();
      output.write("\n");
      resolve(answer);
    });
    rl.on("SIGINT", () => {
      done = true;
      rl.close();
      output.write("\n");
      reject(new CliError("cancelled", { exitCode: EXIT.INTERRUPTED }));
    });
    rl.on("close", () => {
      if (!done) reject(new CliError("cancelled: no value entered", { exitCode: EXIT.FAILED }));
    });
  });
}

/**
 * A secret value from standard input like gh: piped input is read whole with
 * trailing newlines (\r\n, \n) trimmed; a terminal gets a prompt without echo.
 */
export async function readValue(stdin, who, { output = process.stderr } = {}) {
  if (stdin.isTTY) {
    stdin.claim(who);
    return promptHidden("Paste your secret (input hidden): ", { input: stdin.stream, output });
  }
  const text = await stdin.read(who);
  return text.replace(/[\r\n]+$/, "");
}

/** A line that starts an assignment as dotenv reads them: `[export ]KEY=` or `KEY: `. */
const ASSIGNMENT = /^\s*(?:export\s+)?([\w.-]+)\s*(?:=|:\s)/;
const IGNORED = /^\s*(?:#.*)?$/;

function sameEntries(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && b[k] === a[k]);
}

/**
 * Checks a dotenv text against what `dotenv.parse` makes of it: a line that is
 * not blank and not a comment must contribute to the result (as an assignment
 * or as part of a multi-line quoted value), and no key may be assigned twice.
 * A line's contribution is found with dotenv itself: the text parsed without
 * that line must differ from the whole text parsed.
 * @param {string} text
 * @returns {{ parsed: Record<string, string>, problems: { line: number, message: string }[] }}
 *   line numbers from 1, in order
 */
export function checkDotenv(text) {
  const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
  const parsed = dotenv.parse(lines.join("\n"));
  const contributes = (i) => !sameEntries(parsed, dotenv.parse([...lines.slice(0, i), ...lines.slice(i + 1)].join("\n")));
  const problems = [];
  const firstLine = new Map();
  lines.forEach((line, i) => {
    if (IGNORED.test(line)) return;
    const key = ASSIGNMENT.exec(line)?.[1];
    if (key !== undefined && Object.hasOwn(parsed, key)) {
      if (!firstLine.has(key)) {
        firstLine.set(key, i);
        return;
      }
      // Seen before: a second assignment (dotenv keeps the last), unless this line
      // is the text of a multi-line value, which removing it would change.
      const first = firstLine.get(key);
      if (!contributes(first)) {
        problems.push({ line: i + 1, message: `duplicate key ${key} (also on line ${first + 1})` });
        firstLine.set(key, i);
      }
      return;
    }
    if (!contributes(i)) problems.push({ line: i + 1, message: "cannot be parsed as NAME=value" });
  });
  return { parsed, problems };
}

/**
 * The entries of a dotenv text, parsed by `dotenv.parse`.
 * @param {string} text @param {string} source the file name (or "standard input") for messages
 * @returns {Record<string, string>}
 * @throws {CliError} exit 2, naming every line that cannot be parsed and every
 *   duplicate key with its line numbers; exit 1 when there is no entry at all
 */
export function parseDotenv(text, source) {
  const { parsed, problems } = checkDotenv(text);
  if (problems.length) {
    const shown = problems.slice(0, 10).map((p) => `line ${p.line}: ${p.message}`);
    if (problems.length > shown.length) shown.push(`and ${problems.length - shown.length} more`);
    throw new CliError(`${source}: ${shown.join("; ")}`, {
      exitCode: EXIT.USAGE,
      hint: "nothing was sent; expected dotenv lines such as NAME=value, each NAME once",
    });
  }
  if (Object.keys(parsed).length === 0) {
    throw new CliError(`no secrets found in ${source}`, { hint: "expected dotenv lines such as NAME=value" });
  }
  return parsed;
}

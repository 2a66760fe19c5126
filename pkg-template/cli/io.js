// The command's input/output object: token-scrubbed writers for data (stdout)
// and human messages (stderr), debug output and the progress bar. One IO is
// created per run (createIO) and passed to every command in its context, so
// tests can give it their own streams; nothing here is module-global.
//
// Rules kept everywhere: data goes to stdout, progress and human messages to
// stderr; the token never reaches any output: every write goes through
// `scrub`, which removes the token in the forms it could appear in (as given,
// trimmed, folded onto one line, JSON-escaped, base64 at any alignment).

import { createRequire } from "node:module";

/** cli-progress (CommonJS), required when a bar is first shown: most runs never load it. */
let cliProgressModule;
const loadCliProgress = () => (cliProgressModule ??= createRequire(import.meta.url)("cli-progress"));

/** Shortest text worth scrubbing: shorter strings would blank out ordinary words. */
const MIN_SCRUB_LENGTH = 8;

/** cli-progress hides the cursor (`ESC[?25l`) and turns off line wrap (`ESC[?7l`); these undo both. */
export const SHOW_CURSOR = "\x1b[?25h";
export const LINE_WRAP_ON = "\x1b[?7h";

/**
 * Substrings that every base64 encoding (standard or URL-safe alphabet) of a
 * text containing `bytes` contains, whatever the bytes before it: one per
 * alignment (0, 1 or 2 bytes before it in its 3-byte group), minus the
 * characters that also depend on the neighbouring bytes.
 * @param {Buffer} bytes
 * @returns {string[]}
 */
export function base64Forms(bytes) {
  const forms = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const b64 = padded.toString("base64");
    // Characters 0..skip-1 carry bits of the `offset` unknown bytes before.
    const skip = Math.ceil((offset * 8) / 6);
    // Characters past floor(n*8/6) carry bits of the unknown bytes after.
    const core = b64.slice(skip, Math.floor((padded.length * 8) / 6));
    if (core.length >= MIN_SCRUB_LENGTH) forms.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms;
}

/**
 * A set of strings (the token) that must never be written, and `scrub(text)`
 * which replaces each of their forms by `***`.
 */
export function createScrubber() {
  const forms = new Set();
  let ordered = [];
  return {
    /** Remember a string that must never be written; ignored below 8 characters. */
    add(text) {
      if (typeof text !== "string" || text.trim().length < MIN_SCRUB_LENGTH) return;
      // As given, trimmed, and as oneLine() folds it (a token with a newline in it).
      const bases = new Set([text, text.trim(), text.replace(/\s*\n+\s*/g, " ").trim()]);
      for (const base of bases) {
        forms.add(base);
        // Inside JSON output (--json, --debug response bodies): `"` and `\` escaped.
        forms.add(JSON.stringify(base).slice(1, -1));
        for (const b64 of base64Forms(Buffer.from(base, "utf8"))) forms.add(b64);
      }
      // Longest first, so that a form containing another is removed whole.
      ordered = [...forms].filter((f) => f.length >= MIN_SCRUB_LENGTH).sort((a, b) => b.length - a.length);
    },
    scrub(text) {
      let out = String(text);
      for (const form of ordered) out = out.split(form).join("***");
      return out;
    },
  };
}

/** DEBUG=ghseal (also DEBUG=*, DEBUG=ghseal:*, comma or space separated lists). */
export function debugFromEnv(env = process.env) {
  return String(env.DEBUG ?? "")
    .split(/[\s,]+/)
    .some((d) => d === "*" || d === "ghseal" || d.startsWith("ghseal:") || d === "ghseal*");
}

/**
 * The IO of one run.
 * @param {{ stdout?: NodeJS.WritableStream & { isTTY?: boolean }, stderr?: NodeJS.WritableStream & { isTTY?: boolean }, debug?: boolean }} [streams]
 */
export function createIO({ stdout = process.stdout, stderr = process.stderr, debug = false } = {}) {
  const scrubber = createScrubber();
  let activeBars;
  let debugEnabled = Boolean(debug);

  const io = {
    stdout,
    stderr,
    /** Remember a string (the token) that must never be written anywhere. */
    addScrub: scrubber.add,
    scrub: scrubber.scrub,
    /**
     * Every token variable and a `--token` value on the command line are scrubbed from the start.
     * @param {string[]} argv @param {Record<string, string | undefined>} [env]
     */
    scrubFromEnvironment(argv, env = process.env) {
      for (const name of ["GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"]) scrubber.add(env[name]);
      argv.forEach((arg, i) => {
        if (arg === "--token") scrubber.add(argv[i + 1]);
        else if (arg.startsWith("--token=")) scrubber.add(arg.slice("--token=".length));
      });
    },
    get debugEnabled() {
      return debugEnabled;
    },
    set debugEnabled(on) {
      debugEnabled = Boolean(on);
    },
    /** Human messages (stderr); printed above the progress bar while one is shown. */
    say(text = "") {
      const line = scrubber.scrub(text);
      if (activeBars) activeBars.log(`${line}\n`);
      else stderr.write(`${line}\n`);
    },
    /** Data (stdout), one line. */
    print(text = "") {
      stdout.write(`${scrubber.scrub(text)}\n`);
    },
    /** Data (stdout) as indented JSON. */
    printJson(value) {
      io.print(JSON.stringify(value, null, 2));
    },
    /** A `debug: ` line on stderr with --debug or DEBUG=ghseal. */
    debug(text) {
      if (debugEnabled) io.say(`debug: ${text}`);
    },
    /**
     * A progress bar on stderr (cli-progress) for bulk work, only when stderr is a
     * terminal and there is more than one item. Returns { tick(ok), stop() }.
     */
    progress(total, label) {
      if (!stderr.isTTY || total <= 1) return { tick() {}, stop() {} };
      const cliProgress = loadCliProgress();
      const multi = new cliProgress.MultiBar(
        {
          stream: stderr,
          format: `${label} [{bar}] {value}/{total} {failed}`,
          hideCursor: true,
          clearOnComplete: true,
          stopOnComplete: false,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      );
      const bar = multi.create(total, 0, { failed: "" });
      activeBars = multi;
      let failed = 0;
      let stopped = false;
      return {
        tick(ok = true) {
          if (!ok) failed += 1;
          if (!stopped) bar.increment(1, { failed: failed ? `(${failed} failed)` : "" });
        },
        stop() {
          if (stopped) return;
          stopped = true;
          if (activeBars === multi) activeBars = undefined;
          multi.stop();
        },
      };
    },
    /** True while a progress bar is shown. */
    get progressShown() {
      return activeBars !== undefined;
    },
    /**
     * Stops a progress bar that is shown and gives the terminal back its cursor
     * and line wrap (for an exit that cannot wait for the bar's own stop).
     */
    restoreTerminal() {
      const bars = activeBars;
      activeBars = undefined;
      if (bars) bars.stop();
      if (stderr.isTTY) stderr.write(`${SHOW_CURSOR}${LINE_WRAP_ON}`);
    },
  };
  return io;
}

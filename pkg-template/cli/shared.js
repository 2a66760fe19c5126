// Shared parts of the ghseal command: configuration (token, server), targets,
// the client, input (stdin, hidden prompt, files), output (token-scrubbed
// writers, tables, progress bar), error messages and bounded concurrency.
//
// Rules kept everywhere: data goes to stdout, progress and human messages to
// stderr; secret values and the token never reach any output (every write goes
// through `scrub`, which also removes the token should it ever slip in).

import { readFileSync } from "node:fs";
import readline from "node:readline";
import { Writable } from "node:stream";
import cliProgress from "cli-progress";
import { GitHubSecrets } from "../node.js";

export const APPS = ["actions", "dependabot", "codespaces"];
export const VISIBILITIES = ["all", "private", "selected"];

/** Exit statuses: everything ok, something failed, usage (or configuration) error. */
export const EXIT = Object.freeze({ OK: 0, FAILED: 1, USAGE: 2, INTERRUPTED: 130 });

/** A usage error: one line on stderr, exit status 2. */
export class UsageError extends Error {
  /** @param {string} message @param {{ help?: boolean }} [options] help: false when --help would not help */
  constructor(message, { help = true } = {}) {
    super(message);
    this.name = "UsageError";
    this.help = help;
  }
}

/** A failure that is already explained in one line (no stack unless --debug). */
export class CliError extends Error {
  constructor(message, { hint, cause, exitCode = EXIT.FAILED } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = "CliError";
    this.hint = hint;
    this.exitCode = exitCode;
  }
}

// ------------------------------------------------------------------ output

const secretsToScrub = new Set();

/** Remember a string (the token) that must never be written anywhere. */
export function addScrub(text) {
  if (typeof text === "string" && text.trim().length >= 8) {
    secretsToScrub.add(text);
    secretsToScrub.add(text.trim());
    // The same text as oneLine() would print it (a token with a newline in it).
    secretsToScrub.add(String(text).replace(/\s*\n+\s*/g, " ").trim());
  }
}

/** Every token variable and a `--token` value on the command line are scrubbed from the start. */
export function scrubFromEnvironment(argv, env = process.env) {
  for (const name of ["GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"]) addScrub(env[name]);
  argv.forEach((arg, i) => {
    if (arg === "--token") addScrub(argv[i + 1]);
    else if (arg.startsWith("--token=")) addScrub(arg.slice("--token=".length));
  });
}

export function scrub(text) {
  let out = String(text);
  for (const s of secretsToScrub) out = out.split(s).join("***");
  return out;
}

let activeBars;
/** Human messages (stderr); printed above the progress bar while one is shown. */
export function say(text = "") {
  const line = scrub(text);
  if (activeBars) activeBars.log(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}
/** Data (stdout). */
export function print(text = "") {
  process.stdout.write(`${scrub(text)}\n`);
}
export function printJson(value) {
  print(JSON.stringify(value, null, 2));
}

let debugEnabled = false;
export function setDebug(on) {
  debugEnabled = Boolean(on);
}
export function isDebug() {
  return debugEnabled;
}
/** DEBUG=ghseal (also DEBUG=*, DEBUG=ghseal:*, comma or space separated lists). */
export function debugFromEnv(env = process.env) {
  return String(env.DEBUG ?? "")
    .split(/[\s,]+/)
    .some((d) => d === "*" || d === "ghseal" || d.startsWith("ghseal:") || d === "ghseal*");
}
export function debug(text) {
  if (debugEnabled) say(`debug: ${text}`);
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c ?? "")));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

/**
 * A progress bar on stderr (cli-progress) for bulk work, only when stderr is a
 * terminal and there is more than one item. Returns { tick(), stop() }.
 */
export function progress(total, label) {
  if (!process.stderr.isTTY || total <= 1) return { tick() {}, stop() {} };
  const multi = new cliProgress.MultiBar(
    {
      stream: process.stderr,
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
  return {
    tick(ok = true) {
      if (!ok) failed += 1;
      bar.increment(1, { failed: failed ? `(${failed} failed)` : "" });
    },
    stop() {
      if (activeBars === multi) activeBars = undefined;
      multi.stop();
    },
  };
}

// ------------------------------------------------------------------ errors

/** GitHub's message for an error, in one line, e.g. "Not Found (HTTP 404)". */
export function errorMessage(error) {
  if (!error) return "unknown error";
  if (error.name === "HttpError" && error.status > 0) {
    const data = error.response?.data;
    let message = typeof data?.message === "string" ? data.message : String(error.message ?? "");
    if (Array.isArray(data?.errors) && data.errors.length) {
      const details = data.errors.map((e) => (typeof e === "string" ? e : e?.message ?? e?.code)).filter(Boolean);
      if (details.length) message += `: ${details.join("; ")}`;
    }
    return oneLine(`${message} (HTTP ${error.status})`);
  }
  return oneLine(String(error.message ?? error));
}

/** Per-secret rows for `--json`: `{ target, secret_name, status, error? }`. */
export function jsonRows(results) {
  return results.map((r) => {
    const row = { target: r.target.label, secret_name: r.secret_name, status: r.status };
    if (r.error) row.error = errorMessage(r.error);
    return row;
  });
}

export function oneLine(text) {
  return scrub(String(text)).replace(/\s*\n+\s*/g, " ").trim();
}

const RATE_LIMITED = /rate limit/i;

/** What to try next for an error, or undefined. `where` names the target. */
export function hintFor(error, where) {
  if (!error) return undefined;
  if (error.name === "ValidationError") return undefined;
  const status = error.status;
  const message = String(error.response?.data?.message ?? error.message ?? "");
  if (status === 0) return "check the network and the server (--base-url or GH_HOST)";
  if (status === 401) return "check the token (GH_TOKEN, GITHUB_TOKEN or --token): it is missing, expired or revoked";
  if ((status === 403 || status === 429) && RATE_LIMITED.test(message)) {
    return "GitHub's rate limit: try again later, or lower --concurrency and raise --throttle-ms";
  }
  if (status === 403) return "the token lacks a permission for this (repo, admin:org or codespace scope; Secrets permission for fine-grained tokens)";
  if (status === 404) return `check that ${where ?? "the target"} exists and that the token can access it`;
  if (status === 422) return "GitHub refused the request as sent; check names, visibility and repositories";
  if (status >= 500) return "GitHub had a server error; try again later";
  return undefined;
}

/** "Not Found (HTTP 404) - check that ... exists ..." */
export function describe(error, where) {
  const hint = hintFor(error, where);
  return hint ? `${errorMessage(error)} - ${hint}` : errorMessage(error);
}

/** Details for --debug: request line, status, request id, stack. Never a token (headers are not printed). */
export function debugDetails(error) {
  if (!debugEnabled || !error) return;
  if (error.request) debug(`request: ${error.request.method} ${error.request.url}`);
  if (error.response) {
    const id = error.response.headers?.["x-github-request-id"];
    debug(`response: ${error.response.status}${id ? ` (x-github-request-id ${id})` : ""} ${JSON.stringify(error.response.data ?? null)}`);
  }
  if (error.stack) say(error.stack);
}

// ------------------------------------------------------------ configuration

/**
 * The API base URL: --base-url, else from GH_HOST as gh does (github.com ->
 * https://api.github.com, TENANT.ghe.com -> https://api.TENANT.ghe.com, any
 * other host is GitHub Enterprise Server -> https://HOST/api/v3), else api.github.com.
 */
export function resolveBaseUrl(baseUrlFlag, env = process.env) {
  if (baseUrlFlag !== undefined) {
    let url;
    try {
      url = new URL(baseUrlFlag);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol)) {
      throw new UsageError(`--base-url must be an http(s) URL such as https://github.example.com/api/v3, got ${JSON.stringify(baseUrlFlag)}`);
    }
    return baseUrlFlag.replace(/\/+$/, "");
  }
  const host = String(env.GH_HOST ?? "").trim().toLowerCase().replace(/\/+$/, "");
  if (!host || host === "github.com" || host === "api.github.com") return "https://api.github.com";
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    throw new UsageError(`GH_HOST must be a host name such as github.example.com, got ${JSON.stringify(env.GH_HOST)}`, { help: false });
  }
  if (host.endsWith(".ghe.com")) return host.startsWith("api.") ? `https://${host}` : `https://api.${host}`;
  return `https://${host}/api/v3`;
}

/** The token: --token, else (GitHub Enterprise hosts) GH_ENTERPRISE_TOKEN / GITHUB_ENTERPRISE_TOKEN, else GH_TOKEN, GITHUB_TOKEN. */
export function resolveToken(tokenFlag, baseUrl, env = process.env) {
  const candidates = [tokenFlag];
  const enterprise = !/^https:\/\/api\.github\.com$/.test(baseUrl) && env.GH_HOST && !/^(api\.)?github\.com$/i.test(env.GH_HOST.trim());
  if (enterprise) candidates.push(env.GH_ENTERPRISE_TOKEN, env.GITHUB_ENTERPRISE_TOKEN);
  candidates.push(env.GH_TOKEN, env.GITHUB_TOKEN);
  const token = candidates.find((t) => typeof t === "string" && t.trim() !== "");
  if (!token) {
    throw new UsageError("no token: set GH_TOKEN or GITHUB_TOKEN, or pass --token (a token with the repo, admin:org or codespace scope as needed)", {
      help: false,
    });
  }
  addScrub(token);
  return token.trim();
}

/** A GitHubSecrets client configured from the common options. */
export function createClient(opts, { onRetry } = {}) {
  const baseUrl = resolveBaseUrl(opts.baseUrl);
  const auth = resolveToken(opts.token, baseUrl);
  const retry = {};
  if (opts.retries !== undefined) retry.retries = opts.retries;
  const options = { auth, baseUrl, userAgent: `ghseal-cli/${version()}`, retry, onRetry };
  if (opts.throttleMs !== undefined) options.throttle = { minWriteInterval: opts.throttleMs };
  debug(`server ${baseUrl}`);
  return new GitHubSecrets(options);
}

let cachedVersion;
export function version() {
  if (!cachedVersion) {
    try {
      cachedVersion = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
    } catch {
      cachedVersion = "0.0.0";
    }
  }
  return cachedVersion;
}

/** Retry notices: every retry with --debug, otherwise only long waits. Counts them. */
export function retryReporter() {
  const counter = { retries: 0 };
  counter.onRetry = (event) => {
    counter.retries += 1;
    const seconds = Math.round(event.waitMs / 100) / 10;
    if (isDebug()) {
      debug(`retry ${event.attempt} after ${event.reason} (${event.status}) on ${event.method} ${event.url}, waiting ${seconds} s`);
    } else if (event.waitMs >= 10000) {
      say(`ghseal: ${event.reason.replace(/-/g, " ")} from GitHub; waiting ${seconds} s before retrying`);
    }
  };
  return counter;
}

// ------------------------------------------------------------------ numbers

/** A checker for integer option values in [min, max]; throws an Error saying what is expected. */
export function integer(min, max = Number.MAX_SAFE_INTEGER) {
  return (value) => {
    const n = /^\d+$/.test(String(value).trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new Error(max === Number.MAX_SAFE_INTEGER ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`);
    }
    return n;
  };
}

// ------------------------------------------------------------------ targets

const REPO_RE = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** "OWNER/REPO" (an https://github.com/OWNER/REPO(.git) URL is accepted too) -> { owner, repo }. */
export function parseRepo(text, where = "--repo") {
  let s = String(text).trim();
  const url = /^https?:\/\/[^/]+\/([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(s);
  if (url) s = url[1];
  if (!REPO_RE.test(s)) throw new UsageError(`${where}: expected OWNER/REPO, got ${JSON.stringify(String(text))}`);
  const [owner, repo] = s.split("/");
  return { owner, repo };
}

/** Lines of a --repos-from file: one OWNER/REPO each; blank lines and # comments are skipped. */
export function parseReposFile(text, name) {
  const repos = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const s = line.replace(/(^|\s)#.*$/, "").trim();
    if (s) repos.push(parseRepo(s, `${name}:${i + 1}`));
  });
  return repos;
}

/**
 * The targets of a command from its options (gh's rules), without network access:
 * [{ kind: "repo"|"env"|"org"|"user", app, owner?, repo?, env?, org?, label }].
 */
export async function targetsFrom(opts, { stdin } = {}) {
  const scopes = [opts.org !== undefined, opts.env !== undefined, Boolean(opts.user)].filter(Boolean).length;
  if (scopes > 1) throw new UsageError("specify only one of --org, --env or --user");
  const repoArgs = [...(opts.repo ?? [])].map((r) => parseRepo(r));
  if (opts.reposFrom !== undefined) {
    const text = opts.reposFrom === "-" ? await stdin.read("--repos-from -") : readText(opts.reposFrom, "--repos-from");
    const listed = parseReposFile(text, opts.reposFrom === "-" ? "stdin" : opts.reposFrom);
    if (listed.length === 0) throw new UsageError(`--repos-from ${opts.reposFrom}: no OWNER/REPO lines`);
    repoArgs.push(...listed);
  }
  const seen = new Set();
  const repos = repoArgs.filter((r) => {
    const k = `${r.owner}/${r.repo}`.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  let app = opts.app;
  if (opts.user) {
    if (app !== undefined && app !== "codespaces") throw new UsageError(`user secrets are only supported for codespaces, not --app ${app}`);
    app = "codespaces";
  }
  if (opts.env !== undefined && app !== undefined && app !== "actions") {
    throw new UsageError(`environment secrets are only supported for actions, not --app ${app}`);
  }
  app ??= "actions";

  if (opts.org !== undefined || opts.user) {
    if (repos.length) throw new UsageError(`--repo and --repos-from do not combine with ${opts.org !== undefined ? "--org" : "--user"}`);
    if (opts.org !== undefined) {
      if (!/^[A-Za-z0-9_.-]+$/.test(opts.org)) throw new UsageError(`--org: expected an organization login, got ${JSON.stringify(opts.org)}`);
      return [{ kind: "org", app, org: opts.org, label: `org:${opts.org}` }];
    }
    return [{ kind: "user", app, label: "user" }];
  }
  if (repos.length === 0) {
    throw new UsageError(`specify --repo OWNER/REPO (no git remote detection)${opts.env !== undefined ? "; --env needs a repository" : ""}`);
  }
  if (opts.env !== undefined) {
    if (String(opts.env).trim() === "") throw new UsageError("--env: expected an environment name");
    return repos.map(({ owner, repo }) => ({ kind: "env", app, owner, repo, env: opts.env, label: `${owner}/${repo}@${opts.env}` }));
  }
  return repos.map(({ owner, repo }) => ({ kind: "repo", app, owner, repo, label: `${owner}/${repo}` }));
}

/** What a target is called in messages ("repository octo-org/x", "organization octo-org", ...). */
export function describeTarget(t) {
  switch (t.kind) {
    case "repo":
      return `repository ${t.owner}/${t.repo}`;
    case "env":
      return `environment ${t.env} of ${t.owner}/${t.repo}`;
    case "org":
      return `organization ${t.org}`;
    default:
      return "your user account";
  }
}

/** Parameters of the target's scope, for the library's methods. */
export function scopeParams(t) {
  switch (t.kind) {
    case "repo":
      return { owner: t.owner, repo: t.repo };
    case "env":
      return { owner: t.owner, repo: t.repo, environment_name: t.env };
    case "org":
      return { org: t.org };
    default:
      return {};
  }
}

const METHOD_NAMES = {
  repo: { list: "listRepoSecrets", get: "getRepoSecret", del: "deleteRepoSecret", key: "getRepoPublicKey" },
  env: { list: "listEnvironmentSecrets", get: "getEnvironmentSecret", del: "deleteEnvironmentSecret", key: "getEnvironmentPublicKey" },
  org: { list: "listOrgSecrets", get: "getOrgSecret", del: "deleteOrgSecret", key: "getOrgPublicKey" },
  user: {
    list: "listSecretsForAuthenticatedUser",
    get: "getSecretForAuthenticatedUser",
    del: "deleteSecretForAuthenticatedUser",
    key: "getPublicKeyForAuthenticatedUser",
  },
};

/** The library method for an operation ("list" | "get" | "del" | "key") on a target. */
export function methodFor(gh, t, op) {
  const app = t.kind === "env" ? "actions" : t.app;
  const method = gh[app]?.[METHOD_NAMES[t.kind][op]];
  if (!method) throw new UsageError(`${app} has no ${t.kind} secrets`);
  return method;
}

/**
 * Repository names for --repos -> ids: "NAME" resolves under the organization (or,
 * for user secrets, the authenticated user), "OWNER/NAME" as given.
 * @throws {CliError} naming the repository that could not be resolved
 */
export async function resolveRepoIds(gh, names, { org } = {}) {
  let login = org;
  const out = [];
  for (const name of names) {
    let owner;
    let repo;
    if (name.includes("/")) ({ owner, repo } = parseRepo(name, "--repos"));
    else {
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new UsageError(`--repos: expected repository names, got ${JSON.stringify(name)}`);
      if (login === undefined) {
        try {
          login = (await gh.request("GET /user")).data.login;
        } catch (error) {
          throw new CliError(`could not look up the authenticated user to resolve --repos ${name}: ${describe(error)}`, { cause: error });
        }
      }
      owner = login;
      repo = name;
    }
    try {
      const { data } = await gh.request("GET /repos/{owner}/{repo}", { owner, repo });
      debug(`--repos ${name} -> ${owner}/${repo} (id ${data.id})`);
      out.push(data.id);
    } catch (error) {
      throw new CliError(`could not resolve --repos ${name} (${owner}/${repo}): ${describe(error, `repository ${owner}/${repo}`)}`, { cause: error });
    }
  }
  return out;
}

/** --repos values: repeatable and comma separated. */
export function collectList(value, previous = []) {
  return [...previous, ...String(value).split(",").map((s) => s.trim()).filter(Boolean)];
}
export function collect(value, previous = []) {
  return [...previous, value];
}

// -------------------------------------------------------------------- input

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
    get isTTY() {
      return Boolean(stream.isTTY);
    },
    async read(who) {
      if (owner) throw new UsageError(`${who} and ${owner} cannot both read standard input`);
      owner = who;
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      return Buffer.concat(chunks).toString("utf8");
    },
    claim(who) {
      if (owner) throw new UsageError(`${who} and ${owner} cannot both read standard input`);
      owner = who;
    },
  };
}

/** Asks on the terminal without echo (the value is never shown). */
export function promptHidden(question) {
  return new Promise((resolve, reject) => {
    const muted = new Writable({
      write(_chunk, _encoding, callback) {
        callback();
      },
    });
    // The terminal leaves echo mode (raw mode, set by readline) before the prompt shows.
    const rl = readline.createInterface({ input: process.stdin, output: muted, terminal: true });
    process.stderr.write(question);
    let done = false;
    rl.question("", (answer) => {
      done = true;
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
    rl.on("SIGINT", () => {
      rl.close();
      process.stderr.write("\n");
      const error = new CliError("cancelled", { exitCode: EXIT.INTERRUPTED });
      reject(error);
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
export async function readValue(stdin, who) {
  if (stdin.isTTY) {
    stdin.claim(who);
    return promptHidden("Paste your secret (input hidden): ");
  }
  const text = await stdin.read(who);
  return text.replace(/[\r\n]+$/, "");
}

// -------------------------------------------------------------- concurrency

/** Runs fn over items with at most `limit` at a time; resolves in input order. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Counts of each status in results, e.g. { created: 2, failed: 1 }. */
export function countBy(results, key = "status") {
  const counts = {};
  for (const r of results) counts[r[key]] = (counts[r[key]] ?? 0) + 1;
  return counts;
}

/** "3 secrets" / "1 secret" */
export function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

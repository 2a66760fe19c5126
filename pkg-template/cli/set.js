// `ghseal set NAME` / `ghseal set -f FILE`: like gh's NewCmdSet + setRun —
// parseSetOptions only checks the flags (usage errors, exit 2); runSet reads the
// values and writes every target with gh.setSecrets (one public key fetch per
// target), targets running with bounded concurrency; reportSet prints the
// per-secret report. Per-secret failures are collected and reported at the
// end; they never stop the run. An interrupt (SIGINT/SIGTERM, ctx.interrupt)
// stops new writes; secrets not started are reported as not attempted.

import { sealSecret } from "../node.js";
import { readValues, reportBulkSet, runBulk } from "./bulk.js";
import { createClient, retryReporter } from "./config.js";
import { CliError, EXIT, UsageError, debugDetails, describe } from "./errors.js";
import { describeTarget, methodFor, resolveRepoIds, scopeParams, targetsFrom } from "./targets.js";

/**
 * gh's flag rules for `set`. Only checks; reads nothing, sends nothing.
 * @param {string | undefined} name the NAME argument
 * @param {object} opts commander's options
 * @returns {object} the options plus `name`, `visibility` (org secrets: "all" | "private" | "selected", or
 *   undefined: keep an existing secret's, `private` for a new one),
 *   `repos` (names for --repos), `noRepos`, `dryRun`
 * @throws {UsageError} for a combination gh refuses
 */
export function parseSetOptions(name, opts) {
  if (opts.body !== undefined && opts.envFile !== undefined) throw new UsageError("specify only one of --body or --env-file");
  if (opts.envFile !== undefined && opts.store === false) throw new UsageError("specify only one of --env-file or --no-store");
  if (name !== undefined && opts.envFile !== undefined) throw new UsageError("specify only one of NAME or --env-file (the file names the secrets)");
  if (name === undefined && opts.envFile === undefined && opts.store !== false) throw new UsageError("missing secret NAME (or --env-file FILE)");
  const repos = opts.repos ?? [];
  const noRepos = opts.reposSelected === false;
  let visibility = opts.visibility;
  if (visibility !== undefined) {
    if (opts.org === undefined) throw new UsageError("--visibility is only supported with --org");
    if (visibility !== "selected" && repos.length) throw new UsageError("--repos is only supported with --visibility selected");
    if (visibility === "selected" && !repos.length && !noRepos) {
      throw new UsageError("--repos or --no-repos-selected required with --visibility selected");
    }
  } else if (repos.length || noRepos) {
    visibility = "selected";
  }
  if (noRepos && repos.length) throw new UsageError("specify only one of --repos or --no-repos-selected");
  if ((repos.length || noRepos) && opts.org === undefined && !opts.user) {
    throw new UsageError("--repos and --no-repos-selected need --org or --user (use --repo for repository secrets)");
  }
  if (noRepos && opts.user) throw new UsageError("--no-repos-selected is only supported with --org");
  return {
    ...opts,
    name,
    // No default: without --visibility the library keeps an existing org secret's
    // visibility and selected repositories (never `private`, cli/cli#8110), and
    // gives a new one `private`; the report says which.
    visibility: opts.org !== undefined ? visibility : undefined,
    repos,
    noRepos,
    dryRun: Boolean(opts.dryRun),
  };
}

/** The library's setSecrets target for one CLI target. */
function libraryTarget(t, options, selectedIds) {
  switch (t.kind) {
    case "repo":
      return { app: t.app, owner: t.owner, repo: t.repo };
    case "env":
      return { app: t.app, owner: t.owner, repo: t.repo, environment_name: t.env };
    case "org": {
      const target = { app: t.app, org: t.org };
      if (options.visibility !== undefined) target.visibility = options.visibility;
      if (options.visibility === "selected") target.selected_repository_ids = selectedIds ?? [];
      return target;
    }
    default: {
      const target = { app: t.app, user: true };
      if (selectedIds) target.selected_repository_ids = selectedIds;
      return target;
    }
  }
}

/**
 * Does the work of `set`: targets, token, values, repository ids, writes.
 * @param {object} options from parseSetOptions
 * @param {{ io: object, stdin: object, env?: object, interrupt?: { signal: AbortSignal } }} ctx
 * @returns {Promise<{ sealed: { target, key_id, encrypted_value } } | { results: object[], app: string, retries: number }>}
 *   results: one per target and secret, in input order, with `status` created | updated |
 *   would-create | would-update | failed | not-attempted
 * @throws {UsageError | CliError} before any write (bad target, no token, unreadable input, unresolved --repos)
 */
export async function runSet(options, ctx) {
  const { io, stdin } = ctx;
  const targets = await targetsFrom(options, { stdin });
  if (options.store === false && targets.length !== 1) {
    throw new UsageError(`--no-store prints one sealed value: give one target, not ${targets.length}`);
  }
  // Token and server first: no prompt for a value that could not be sent anyway.
  const retries = retryReporter(io);
  const gh = createClient(options, { io, env: ctx.env, onRetry: retries.onRetry, targets });
  const secrets = await readValues("secret", options, ctx, "SECRET");

  if (options.store === false) return { sealed: await noStore(gh, targets[0], Object.values(secrets)[0], io) };

  let selectedIds;
  if (options.repos.length) {
    selectedIds = await resolveRepoIds(gh, options.repos, { org: targets[0].org, io });
  }

  const results = await runBulk("secret", { gh, targets, values: secrets, libraryTarget: (t) => libraryTarget(t, options, selectedIds) }, options, ctx);
  return { results, app: targets[0].app, retries: retries.retries };
}

/** --no-store: fetch the target's public key and seal the value; nothing is uploaded. */
async function noStore(gh, t, value, io) {
  let key;
  try {
    key = (await methodFor(gh, t, "key")(scopeParams(t))).data;
  } catch (error) {
    debugDetails(io, error);
    throw new CliError(`could not get the public key of ${describeTarget(t)}: ${describe(error, describeTarget(t))}`, { cause: error });
  }
  return { target: t, key_id: key.key_id, encrypted_value: sealSecret(key.key, value) };
}

/**
 * Prints what runSet did: the sealed value (--no-store) on stdout, or the per-secret
 * report (stderr; --json on stdout).
 * @param {{ signal: string, exitCode: number }} [interrupted] when a signal stopped the run
 * @returns {number} the exit status
 */
export function reportSet(io, outcome, options, interrupted) {
  if (outcome.sealed) {
    const { target, key_id, encrypted_value } = outcome.sealed;
    if (options.json) {
      const out = { target: target.label, key_id, encrypted_value };
      if (options.name !== undefined) out.secret_name = options.name;
      io.printJson(out);
    } else {
      io.print(encrypted_value);
    }
    return interrupted?.exitCode ?? EXIT.OK;
  }
  return reportBulkSet("secret", io, outcome, options, interrupted);
}

/** `ghseal set`: parse, run, report. */
export async function setCommand(name, opts, ctx) {
  const options = parseSetOptions(name, opts);
  const outcome = await runSet(options, ctx);
  return reportSet(ctx.io, outcome, options, ctx.interrupt?.reason);
}

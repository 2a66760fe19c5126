// `ghseal set NAME` / `ghseal set -f FILE`: like gh's NewCmdSet + setRun —
// options are checked first (usage errors, exit 2), then values are read, then
// every target is written with gh.setSecrets (one public key fetch per target),
// targets running with bounded concurrency. Per-secret failures are collected
// and reported at the end; they never stop the run.

import dotenv from "dotenv";
import { sealSecret } from "../node.js";
import {
  jsonRows,
  CliError,
  EXIT,
  UsageError,
  countBy,
  createClient,
  debugDetails,
  describe,
  describeTarget,
  methodFor,
  plural,
  pool,
  print,
  printJson,
  progress,
  readText,
  readValue,
  resolveRepoIds,
  retryReporter,
  say,
  scopeParams,
  table,
  targetsFrom,
} from "./shared.js";

/** Full tables up to this many rows; beyond, only totals and failures. */
const MAX_TABLE_ROWS = 50;

/** gh's flag rules for `set`; returns the org/user visibility settings. */
export function checkSetOptions(name, opts) {
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
  return { visibility: opts.org !== undefined ? visibility ?? "private" : undefined, repos, noRepos };
}

/** The secrets to set: { NAME: value } from --body, --env-file (dotenv.parse) or standard input. */
async function readSecrets(name, opts, stdin) {
  if (opts.envFile !== undefined) {
    const text = opts.envFile === "-" ? await stdin.read("--env-file -") : readText(opts.envFile, "--env-file");
    const parsed = dotenv.parse(text);
    if (Object.keys(parsed).length === 0) {
      throw new CliError(`no secrets found in ${opts.envFile === "-" ? "standard input" : opts.envFile}`, {
        hint: "expected dotenv lines such as NAME=value",
      });
    }
    return parsed;
  }
  const value = opts.body !== undefined ? opts.body : await readValue(stdin, "the secret value");
  return { [name ?? "SECRET"]: value };
}

/** The library's setSecrets target for one CLI target. */
function libraryTarget(t, settings, selectedIds) {
  switch (t.kind) {
    case "repo":
      return { app: t.app, owner: t.owner, repo: t.repo };
    case "env":
      return { app: "actions", owner: t.owner, repo: t.repo, environment_name: t.env };
    case "org": {
      const target = { app: t.app, org: t.org, visibility: settings.visibility };
      if (settings.visibility === "selected") target.selected_repository_ids = selectedIds ?? [];
      return target;
    }
    default: {
      const target = { app: "codespaces", user: true };
      if (selectedIds) target.selected_repository_ids = selectedIds;
      return target;
    }
  }
}

export async function runSet(name, opts, { stdin }) {
  const settings = checkSetOptions(name, opts);
  const targets = await targetsFrom(opts, { stdin });
  if (opts.store === false && targets.length !== 1) {
    throw new UsageError(`--no-store prints one sealed value: give one target, not ${targets.length}`);
  }
  // Token and server first: no prompt for a value that could not be sent anyway.
  const retries = retryReporter();
  const gh = createClient(opts, { onRetry: retries.onRetry });
  const secrets = await readSecrets(name, opts, stdin);
  const names = Object.keys(secrets);

  if (opts.store === false) return noStore(gh, targets[0], name, secrets[names[0]], opts);

  let selectedIds;
  if (settings.repos.length) {
    selectedIds = await resolveRepoIds(gh, settings.repos, { org: targets[0].org });
  }

  const dryRun = Boolean(opts.dryRun);
  const bar = progress(targets.length * names.length, dryRun ? "checking" : "setting");
  // At most `concurrency` requests in flight: spread over targets, or within one target.
  const perTarget = targets.length > 1 ? 1 : opts.concurrency;
  let results;
  try {
    const perTargetResults = await pool(targets, opts.concurrency, async (t) => {
      let list;
      try {
        list = await gh.setSecrets(libraryTarget(t, settings, selectedIds), secrets, {
          concurrency: perTarget,
          dryRun,
          onProgress: (event) => bar.tick(event.status !== "failed"),
        });
      } catch (error) {
        // The library rejects only for an invalid target (nothing was sent).
        list = names.map((secret_name) => ({ secret_name, status: "failed", error }));
        list.forEach(() => bar.tick(false));
      }
      return list.map((r) => ({ ...r, target: t }));
    });
    results = perTargetResults.flat();
  } finally {
    bar.stop();
  }
  return report(results, { opts, dryRun, retries: retries.retries, app: targets[0].app });
}

/** --no-store: fetch the target's public key, print the sealed value; nothing is uploaded. */
async function noStore(gh, t, name, value, opts) {
  let key;
  try {
    key = (await methodFor(gh, t, "key")(scopeParams(t))).data;
  } catch (error) {
    debugDetails(error);
    throw new CliError(`could not get the public key of ${describeTarget(t)}: ${describe(error, describeTarget(t))}`, { cause: error });
  }
  const sealed = sealSecret(key.key, value);
  if (opts.json) {
    const out = { target: t.label, key_id: key.key_id, encrypted_value: sealed };
    if (name !== undefined) out.secret_name = name;
    printJson(out);
  } else {
    print(sealed);
  }
  return EXIT.OK;
}

const VERB = {
  created: "created",
  updated: "updated",
  "would-create": "would create",
  "would-update": "would update",
  failed: "failed",
};

function report(results, { opts, dryRun, retries, app }) {
  const counts = countBy(results);
  const failed = results.filter((r) => r.status === "failed");
  const where = (r) => `${r.secret_name} for ${r.target.label}`;

  if (opts.json) {
    const out = {
      app,
      dry_run: dryRun,
      results: jsonRows(results),
      created: counts.created ?? 0,
      updated: counts.updated ?? 0,
      failed: counts.failed ?? 0,
    };
    if (dryRun) {
      out.would_create = counts["would-create"] ?? 0;
      out.would_update = counts["would-update"] ?? 0;
    }
    printJson(out);
  } else if (results.length === 1 && !failed.length) {
    const r = results[0];
    say(`${VERB[r.status]} ${app} secret ${where(r)}${dryRun ? " (dry run, nothing written)" : ""}`);
  } else if (results.length > 1) {
    if (results.length <= MAX_TABLE_ROWS) {
      say(table(["TARGET", "SECRET", "STATUS"], results.map((r) => [r.target.label, r.secret_name, r.status])));
    }
    const parts = dryRun
      ? [`${counts["would-create"] ?? 0} would be created`, `${counts["would-update"] ?? 0} would be updated`]
      : [`${counts.created ?? 0} created`, `${counts.updated ?? 0} updated`];
    parts.push(`${counts.failed ?? 0} failed`);
    const targets = new Set(results.map((r) => r.target.label)).size;
    const extra = [plural(new Set(results.map((r) => r.secret_name)).size, "secret"), plural(targets, "target")];
    if (retries) extra.push(plural(retries, "retry", "retries"));
    say(`${dryRun ? "dry run, nothing written: " : ""}${parts.join(", ")} (${extra.join(", ")})`);
  }
  for (const r of failed) {
    debugDetails(r.error);
    say(`failed: ${where(r)}: ${describe(r.error, describeTarget(r.target))}`);
  }
  return failed.length ? EXIT.FAILED : EXIT.OK;
}

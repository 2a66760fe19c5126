// `ghseal list`: the secrets of each target (names and dates; GitHub never
// returns values), a table on stdout or `--json`. Organization and user secrets
// with selected repositories get their repository count. Like gh's list:
// parseListOptions checks, runList works, reportList prints. `ghseal variable list`
// runs the same code with `options.what = "variable"`: variables' values are in
// `--json` only (as `gh variable list --json value`), never in the table.

import { createClient, retryReporter } from "./config.js";
import { EXIT, debugDetails, describe } from "./errors.js";
import { NOT_STARTED, pool } from "./pool.js";
import { table } from "./report.js";
import { describeTarget, methodFor, reposMethodFor, scopeParams, targetsFrom } from "./targets.js";

/**
 * The options of `list` (no flag combination of its own to refuse; targets are
 * checked by runList, which may need stdin for `--repos-from -`).
 * @returns {object} the options
 */
export function parseListOptions(opts, what = "secret") {
  return { ...opts, what };
}

/** Number of repositories a "selected" org or user secret (or org variable) is shared with. */
async function selectedCount(gh, t, name) {
  // The user route takes no paging parameters; the org routes do.
  const params = t.kind === "org" ? { ...scopeParams(t), per_page: 1 } : scopeParams(t);
  params[t.what === "variable" ? "name" : "secret_name"] = name;
  const { data } = await reposMethodFor(gh, t)(params);
  return data.total_count;
}

/** The rows of one target: `{ target, rows: [{ target, name, created_at, updated_at, visibility?, selected_repositories_count? }], errors }`. */
async function listTarget(gh, t, concurrency) {
  try {
    const items = await gh.paginate(methodFor(gh, t, "list"), scopeParams(t));
    const rows = items.map((s) => {
      const row = { target: t.label, name: s.name, created_at: s.created_at, updated_at: s.updated_at };
      if (t.what === "variable" && typeof s.value === "string") row.value = s.value;
      if (s.visibility !== undefined) row.visibility = s.visibility;
      return row;
    });
    const errors = [];
    if (t.kind === "org" || t.kind === "user") {
      await pool(
        rows.filter((r) => r.visibility === "selected"),
        concurrency,
        async (row) => {
          try {
            row.selected_repositories_count = await selectedCount(gh, t, row.name);
          } catch (error) {
            row.selected_repositories_count = null;
            errors.push({ error, what: `the repositories of ${row.name} in ${describeTarget(t)}` });
          }
        },
      );
    }
    return { target: t, rows, errors };
  } catch (error) {
    return { target: t, rows: [], errors: [{ error, what: `the ${t.what ?? "secret"}s of ${describeTarget(t)}` }] };
  }
}

/**
 * Lists every target, at most `concurrency` requests at a time. An interrupt
 * stops starting targets; those are reported as not listed.
 * @returns {Promise<{ targets: object[], listed: { target, rows, errors, skipped? }[] }>}
 * @throws {UsageError} for bad targets or no token (nothing sent)
 */
export async function runList(options, ctx) {
  const { io, stdin } = ctx;
  const signal = ctx.interrupt?.signal;
  const targets = await targetsFrom(options, { stdin, what: options.what ?? "secret" });
  const retries = retryReporter(io);
  const gh = createClient(options, { io, env: ctx.env, onRetry: retries.onRetry, targets });
  // Bulk work begins: from here a signal stops new requests, and the report still prints.
  ctx.interrupt?.deferExit();
  const listed = await pool(targets, options.concurrency, (t) => listTarget(gh, t, options.concurrency), { signal });
  return {
    targets,
    listed: listed.map((l, i) => (l === NOT_STARTED ? { target: targets[i], rows: [], errors: [], skipped: true } : l)),
  };
}

/**
 * Prints the rows (stdout: a table, or `--json` an array) and the errors (stderr).
 * @returns {number} exit status: 1 when a target could not be listed
 */
export function reportList(io, { targets, listed }, options, interrupted) {
  const rows = listed.flatMap((l) => l.rows);
  const errors = listed.flatMap((l) => l.errors.map((e) => ({ ...e, target: l.target })));
  if (options.json) {
    io.printJson(rows);
  } else if (rows.length) {
    const many = targets.length > 1;
    const withVisibility = rows.some((r) => r.visibility !== undefined);
    const header = [...(many ? ["TARGET"] : []), "NAME", "UPDATED", ...(withVisibility ? ["VISIBILITY"] : [])];
    const cells = rows.map((r) => {
      let visibility = r.visibility ?? "";
      if (r.visibility === "selected" && r.selected_repositories_count != null) {
        visibility = `selected (${r.selected_repositories_count} ${r.selected_repositories_count === 1 ? "repository" : "repositories"})`;
      }
      return [...(many ? [r.target] : []), r.name, r.updated_at, ...(withVisibility ? [visibility] : [])];
    });
    io.print(table(header, cells));
  }
  if (!options.json) {
    for (const l of listed) {
      if (!l.rows.length && !l.errors.length && !l.skipped) io.say(`no ${options.what ?? "secret"}s found in ${l.target.label}`);
    }
  }
  for (const e of errors) {
    debugDetails(io, e.error);
    io.say(`ghseal ${options.what === "variable" ? "variable " : ""}list: could not list ${e.what}: ${describe(e.error, describeTarget(e.target))}`);
  }
  if (interrupted) {
    const skipped = listed.filter((l) => l.skipped).map((l) => l.target.label);
    io.say(`ghseal: interrupted by ${interrupted.signal}${skipped.length ? `; not listed: ${skipped.join(", ")}` : ""}`);
    return interrupted.exitCode;
  }
  return errors.length ? EXIT.FAILED : EXIT.OK;
}

/** `ghseal list` (`what` "secret") and `ghseal variable list` ("variable"): parse, run, report. */
export async function listCommand(opts, ctx, what = "secret") {
  const options = parseListOptions(opts, what);
  const outcome = await runList(options, ctx);
  return reportList(ctx.io, outcome, options, ctx.interrupt?.reason);
}

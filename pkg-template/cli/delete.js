// `ghseal delete NAME...`: deletes each named secret from each target. With
// --dry-run it only checks that each secret exists (GET) and sends no DELETE.
// Failures are collected per secret and target and reported at the end. Like
// gh's delete: parseDeleteOptions checks, runDelete works, reportDelete prints.
// An interrupt stops new deletes; the rest are reported as not attempted.
// `ghseal variable delete` runs the same code with `options.what = "variable"`.

import { createClient, retryReporter } from "./config.js";
import { describe } from "./errors.js";
import { NOT_STARTED, pool } from "./pool.js";
import { NOT_ATTEMPTED, countBy, itemName, plural, reportBulk } from "./report.js";
import { describeTarget, methodFor, scopeParams, targetsFrom } from "./targets.js";

/**
 * The options of `delete`: the names once each, in the order given.
 * @param {string[]} names @param {object} opts commander's options
 * @param {"secret" | "variable"} [what]
 * @returns {object} the options plus `names`, `dryRun` and `what`
 */
export function parseDeleteOptions(names, opts, what = "secret") {
  return { ...opts, names: [...new Set(names)], dryRun: Boolean(opts.dryRun), what };
}

/** The name parameter of `what`'s routes: `secret_name`, or `name` for variables. */
const nameKey = (what) => (what === "variable" ? "name" : "secret_name");

/**
 * Deletes (or, dry run, looks up) every name in every target, at most
 * `concurrency` at a time, starting in input order (target by target).
 * @returns {Promise<{ results: { target, secret_name | name, status, error? }[], app: string, targets: object[], retries: number }>}
 *   status deleted | would-delete | failed | not-attempted
 * @throws {UsageError} for bad targets or no token (nothing sent)
 */
export async function runDelete(options, ctx) {
  const { io, stdin } = ctx;
  const signal = ctx.interrupt?.signal;
  const what = options.what ?? "secret";
  const key = nameKey(what);
  const targets = await targetsFrom(options, { stdin, what });
  const retries = retryReporter(io);
  const gh = createClient(options, { io, env: ctx.env, onRetry: retries.onRetry, targets });
  const jobs = targets.flatMap((target) => options.names.map((name) => ({ target, [key]: name })));

  // Bulk work begins: from here a signal stops new requests, and the report still prints.
  ctx.interrupt?.deferExit();
  const bar = io.progress(jobs.length, options.dryRun ? "checking" : "deleting");
  let done;
  try {
    done = await pool(
      jobs,
      options.concurrency,
      async (job) => {
        const params = { ...scopeParams(job.target), [key]: job[key] };
        let result;
        try {
          if (options.dryRun) {
            await methodFor(gh, job.target, "get")(params);
            result = { ...job, status: "would-delete" };
          } else {
            await methodFor(gh, job.target, "del")(params);
            result = { ...job, status: "deleted" };
          }
        } catch (error) {
          result = { ...job, status: "failed", error };
        }
        bar.tick(result.status !== "failed");
        return result;
      },
      { signal },
    );
  } finally {
    bar.stop();
  }
  const results = done.map((r, i) => (r === NOT_STARTED ? { ...jobs[i], status: NOT_ATTEMPTED } : r));
  return { results, app: targets[0].app, targets, retries: retries.retries };
}

/**
 * Prints the per-secret report (stderr; --json on stdout).
 * @returns {number} the exit status
 */
export function reportDelete(io, { results, app, targets, retries }, options, interrupted) {
  const dryRun = options.dryRun;
  const noun = options.what ?? "secret";
  const counts = countBy(results);
  const extra = [plural(options.names.length, noun), plural(targets.length, "target")];
  if (retries) extra.push(plural(retries, "retry", "retries"));
  return reportBulk(io, results, {
    json: options.json,
    jsonHead: { app, dry_run: dryRun },
    counts: [["deleted", "deleted"], ...(dryRun ? [["would_delete", "would-delete"]] : [])],
    noun,
    nameField: nameKey(noun),
    single: (r) => `${dryRun ? "would delete" : "deleted"} ${app} ${noun} ${itemName(r)} from ${r.target.label}${dryRun ? " (dry run, nothing deleted)" : ""}`,
    summary: [dryRun ? `${counts["would-delete"] ?? 0} would be deleted` : `${counts.deleted ?? 0} deleted`],
    prefix: dryRun ? "dry run, nothing deleted: " : "",
    extra,
    failure: (r) => {
      const where = r.error?.status === 404 ? `${noun} ${itemName(r)} in ${describeTarget(r.target)}` : describeTarget(r.target);
      return `failed: ${itemName(r)} from ${r.target.label}: ${describe(r.error, where)}`;
    },
    interrupted,
  });
}

/** `ghseal delete` (`what` "secret") and `ghseal variable delete` ("variable"): parse, run, report. */
export async function deleteCommand(names, opts, ctx, what = "secret") {
  const options = parseDeleteOptions(names, opts, what);
  const outcome = await runDelete(options, ctx);
  return reportDelete(ctx.io, outcome, options, ctx.interrupt?.reason);
}

// `ghseal delete NAME...`: deletes each named secret from each target. With
// --dry-run it only checks that each secret exists (GET) and sends no DELETE.
// Failures are collected per secret and target and reported at the end.

import {
  jsonRows,
  EXIT,
  countBy,
  createClient,
  debugDetails,
  describe,
  describeTarget,
  methodFor,
  plural,
  pool,
  printJson,
  progress,
  retryReporter,
  say,
  scopeParams,
  table,
  targetsFrom,
} from "./shared.js";

const MAX_TABLE_ROWS = 50;

export async function runDelete(names, opts, { stdin }) {
  const targets = await targetsFrom(opts, { stdin });
  const retries = retryReporter();
  const gh = createClient(opts, { onRetry: retries.onRetry });
  const dryRun = Boolean(opts.dryRun);
  const unique = [...new Set(names)];
  const jobs = targets.flatMap((target) => unique.map((secret_name) => ({ target, secret_name })));

  const bar = progress(jobs.length, dryRun ? "checking" : "deleting");
  let results;
  try {
    results = await pool(jobs, opts.concurrency, async ({ target, secret_name }) => {
      const params = { ...scopeParams(target), secret_name };
      let result;
      try {
        if (dryRun) {
          await methodFor(gh, target, "get")(params);
          result = { target, secret_name, status: "would-delete" };
        } else {
          await methodFor(gh, target, "del")(params);
          result = { target, secret_name, status: "deleted" };
        }
      } catch (error) {
        result = { target, secret_name, status: "failed", error };
      }
      bar.tick(result.status !== "failed");
      return result;
    });
  } finally {
    bar.stop();
  }

  const counts = countBy(results);
  const failed = results.filter((r) => r.status === "failed");
  const app = targets[0].kind === "env" ? "actions" : targets[0].app;
  if (opts.json) {
    const out = {
      app,
      dry_run: dryRun,
      results: jsonRows(results),
      deleted: counts.deleted ?? 0,
      failed: counts.failed ?? 0,
    };
    if (dryRun) out.would_delete = counts["would-delete"] ?? 0;
    printJson(out);
  } else if (results.length === 1 && !failed.length) {
    const r = results[0];
    say(`${dryRun ? "would delete" : "deleted"} ${app} secret ${r.secret_name} from ${r.target.label}${dryRun ? " (dry run, nothing deleted)" : ""}`);
  } else if (results.length > 1) {
    if (results.length <= MAX_TABLE_ROWS) {
      say(table(["TARGET", "SECRET", "STATUS"], results.map((r) => [r.target.label, r.secret_name, r.status])));
    }
    const done = dryRun ? `${counts["would-delete"] ?? 0} would be deleted` : `${counts.deleted ?? 0} deleted`;
    const extra = [plural(unique.length, "secret"), plural(targets.length, "target")];
    if (retries.retries) extra.push(plural(retries.retries, "retry", "retries"));
    say(`${dryRun ? "dry run, nothing deleted: " : ""}${done}, ${counts.failed ?? 0} failed (${extra.join(", ")})`);
  }
  for (const r of failed) {
    debugDetails(r.error);
    const where = r.error?.status === 404 ? `secret ${r.secret_name} in ${describeTarget(r.target)}` : describeTarget(r.target);
    say(`failed: ${r.secret_name} from ${r.target.label}: ${describe(r.error, where)}`);
  }
  return failed.length ? EXIT.FAILED : EXIT.OK;
}

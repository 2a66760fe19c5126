// The end-of-run report of the ghseal command's bulk commands (set, delete): a
// table of target, secret and status, the totals, one line per failure, and
// the `--json` document; plus the small text helpers they share.

import { EXIT, debugDetails, describe, errorMessage } from "./errors.js";
import { describeTarget, many } from "./targets.js";

/** Full tables up to this many rows; beyond, only totals and failures. */
export const MAX_TABLE_ROWS = 50;

/** Status of a secret whose write never started (the run was interrupted first). */
export const NOT_ATTEMPTED = "not-attempted";

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c ?? "")));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

/** "3 secrets" / "1 secret" / "2 registries" */
export function plural(n, word, form = many(word)) {
  return `${n} ${n === 1 ? word : form}`;
}

/** Counts of each value of `key` in rows, e.g. { created: 2, failed: 1 }. */
export function countBy(rows, key = "status") {
  const counts = {};
  for (const r of rows) counts[r[key]] = (counts[r[key]] ?? 0) + 1;
  return counts;
}

/** The name of a bulk result: `secret_name` (setSecrets) or `name` (setVariables). */
export function itemName(r) {
  return r.secret_name ?? r.name;
}

/**
 * An org-level result's visibility for the report: "selected (kept)" when an existing
 * secret or variable kept its own, "private (default)" for a new one written without
 * --visibility, "all" when given; "" when the result has none (other scopes).
 */
export function visibilityText(r) {
  if (!r.visibility) return "";
  const why = { kept: " (kept)", default: " (default)" }[r.visibilitySource] ?? "";
  return `${r.visibility}${why}`;
}

/**
 * The visibility clause of a one-line report: "; new org secret: visibility private
 * (the default)", "; visibility selected kept (and its repositories)", "; visibility all";
 * "" for results without one.
 */
export function visibilityNote(r, noun = "secret") {
  if (!r.visibility) return "";
  if (r.visibilitySource === "default") return `; new org ${noun}: visibility ${r.visibility} (the default; --visibility to choose)`;
  if (r.visibilitySource === "kept") return `; visibility ${r.visibility} kept${r.visibility === "selected" ? " with its repositories" : ""}`;
  return `; visibility ${r.visibility}`;
}

/**
 * Per-item rows for `--json`: `{ target, secret_name, status, visibility?, visibility_source?, error? }`
 * (`nameField` is `name` for variables, as GitHub's variables routes call it).
 */
export function jsonRows(results, nameField = "secret_name") {
  return results.map((r) => {
    const row = { target: r.target.label, [nameField]: itemName(r), status: r.status };
    if (r.visibility) {
      row.visibility = r.visibility;
      row.visibility_source = r.visibilitySource;
    }
    if (r.error) row.error = errorMessage(r.error);
    return row;
  });
}

/**
 * Prints the report of a bulk run on `io` and returns its exit status.
 * @param {object} io the run's IO
 * @param {{ target: { label: string }, secret_name: string, status: string, error?: Error }[]} results in input order
 * @param {object} how
 * @param {boolean} how.json print the JSON document `{ ...how.jsonHead, results, ...counts }` on stdout
 * @param {object} how.jsonHead fields before `results` (app, dry_run)
 * @param {[string, string][]} how.counts JSON count fields and the status each counts, e.g. ["created", "created"]
 * @param {(r: object) => string} how.single the line for a run of one successful secret
 * @param {string[]} how.summary the totals, e.g. ["2 created", "1 updated"] ("N failed" is added)
 * @param {string} how.prefix before the totals (e.g. "dry run, nothing written: ")
 * @param {string[]} how.extra in parentheses after the totals ("2 secrets", "3 targets")
 * @param {(r: object) => string} how.failure the line for a failed secret
 * @param {{ signal: string, exitCode: number }} [how.interrupted] the signal that stopped the run
 * @param {string} [how.noun] what the items are ("secret", the default, or "variable")
 * @param {string} [how.nameField] the JSON rows' name field ("secret_name", the default, or "name")
 * @returns {number} 0, 1 when a secret failed, or the interrupt's exit status
 */
export function reportBulk(io, results, how) {
  const counts = countBy(results);
  const failed = results.filter((r) => r.status === "failed");
  const skipped = counts[NOT_ATTEMPTED] ?? 0;
  const noun = how.noun ?? "secret";
  if (how.json) {
    const out = { ...how.jsonHead, results: jsonRows(results, how.nameField) };
    for (const [field, status] of how.counts) out[field] = counts[status] ?? 0;
    out.failed = counts.failed ?? 0;
    out.not_attempted = skipped;
    if (how.interrupted) out.interrupted = how.interrupted.signal;
    io.printJson(out);
  } else if (results.length === 1 && !failed.length && !skipped) {
    io.say(how.single(results[0]));
  } else if (results.length > 1 || skipped) {
    if (results.length <= MAX_TABLE_ROWS) {
      const withVisibility = results.some((r) => r.visibility);
      const header = ["TARGET", noun.toUpperCase(), "STATUS", ...(withVisibility ? ["VISIBILITY"] : [])];
      io.say(table(header, results.map((r) => [r.target.label, itemName(r), r.status, ...(withVisibility ? [visibilityText(r)] : [])])));
    }
    const parts = [...how.summary, `${counts.failed ?? 0} failed`];
    if (skipped) parts.push(`${skipped} not attempted`);
    io.say(`${how.prefix}${parts.join(", ")} (${how.extra.join(", ")})`);
  }
  for (const r of failed) {
    debugDetails(io, r.error);
    io.say(how.failure(r));
  }
  if (how.interrupted) {
    const what = skipped ? `${plural(skipped, noun)} not attempted; run the command again for them` : `every ${noun} was attempted`;
    io.say(`ghseal: interrupted by ${how.interrupted.signal}: ${what}`);
    return how.interrupted.exitCode;
  }
  return failed.length ? EXIT.FAILED : EXIT.OK;
}

/** The default failure line: "failed: NAME for TARGET: message - hint". */
export function failureLine(r, preposition = "for") {
  return `failed: ${itemName(r)} ${preposition} ${r.target.label}: ${describe(r.error, describeTarget(r.target))}`;
}

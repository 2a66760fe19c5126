// The bulk write shared by `ghseal set` (secrets, gh.setSecrets) and `ghseal variable
// set` (variables, gh.setVariables): read the values, write every target with bounded
// concurrency under one progress bar and the interrupt's signal, and report per name.
// Each command keeps its own parse -> run -> report; this module is the part of run and
// report that is the same for both, chosen by `kind` ("secret" | "variable").

import { parseDotenv, readText, readValue } from "./input.js";
import { NOT_STARTED, pool } from "./pool.js";
import { NOT_ATTEMPTED, countBy, failureLine, itemName, plural, reportBulk, visibilityNote } from "./report.js";

/**
 * What differs between the kinds: the library method, the result's name field
 * (GitHub's parameter: `secret_name`, or `name` for variables) and the noun in reports.
 */
const KINDS = {
  secret: { method: "setSecrets", nameField: "secret_name", noun: "secret" },
  variable: { method: "setVariables", nameField: "name", noun: "variable" },
};

function kindOf(kind) {
  const k = KINDS[kind];
  if (!k) throw new TypeError(`unknown bulk kind ${JSON.stringify(kind)} (secret or variable)`);
  return k;
}

/**
 * The values to set, `{ NAME: value }`: from --env-file (dotenv; `-` reads standard
 * input), else --body, else standard input or a TTY prompt for `options.name`.
 * @param {"secret" | "variable"} kind
 * @param {{ envFile?: string, body?: string, name?: string }} options
 * @param {{ stdin: object, io: object }} ctx
 * @param {string} [fallbackName] the name when `options.name` is absent (`set --no-store` without NAME)
 * @throws {CliError} when the file or standard input cannot be read, or the dotenv text is invalid
 */
export async function readValues(kind, options, { stdin, io }, fallbackName) {
  if (options.envFile !== undefined) {
    const fromStdin = options.envFile === "-";
    const text = fromStdin ? await stdin.read("--env-file -") : readText(options.envFile, "--env-file");
    return parseDotenv(text, fromStdin ? "standard input" : options.envFile);
  }
  const value = options.body !== undefined ? options.body : await readValue(stdin, `the ${kindOf(kind).noun} value`, { output: io.stderr });
  return { [options.name ?? fallbackName]: value };
}

/**
 * Writes `values` to every target: gh.setSecrets or gh.setVariables once per target (one
 * public key fetch per target for secrets), at most `options.concurrency` requests in
 * flight (spread over targets, or within one target). From the start, an interrupt
 * (`ctx.interrupt`) defers the exit, stops new writes and targets, and leaves the rest
 * `not-attempted`; the library's rejection of a target (invalid, nothing sent) fails that
 * target's names. Never throws for a per-name failure.
 * @param {"secret" | "variable"} kind
 * @param {{ gh: object, targets: object[], values: Record<string, string>, libraryTarget: (t: object) => object }} work
 * @param {{ concurrency: number, dryRun: boolean }} options
 * @param {{ io: object, interrupt?: { signal: AbortSignal, deferExit: () => void } }} ctx
 * @returns {Promise<object[]>} one result per target and name, in input order:
 *   `{ target, secret_name | name, status, visibility?, visibilitySource?, error? }`, `status`
 *   created | updated | would-create | would-update | failed | not-attempted
 */
export async function runBulk(kind, { gh, targets, values, libraryTarget }, options, ctx) {
  const { method, nameField } = kindOf(kind);
  const signal = ctx.interrupt?.signal;
  const names = Object.keys(values);
  const rowsFor = (status, error) => names.map((name) => ({ [nameField]: name, status, ...(error === undefined ? {} : { error }) }));

  // Bulk work begins: from here a signal stops new requests, and the report still prints.
  ctx.interrupt?.deferExit();
  const bar = ctx.io.progress(targets.length * names.length, options.dryRun ? "checking" : "setting");
  const perTarget = targets.length > 1 ? 1 : options.concurrency;
  let perTargetResults;
  try {
    perTargetResults = await pool(
      targets,
      options.concurrency,
      async (t) => {
        try {
          return await gh[method](libraryTarget(t), values, {
            concurrency: perTarget,
            dryRun: options.dryRun,
            signal,
            onProgress: (event) => {
              if (event.status !== NOT_ATTEMPTED) bar.tick(event.status !== "failed");
            },
          });
        } catch (error) {
          // The library rejects only for an invalid target (nothing was sent).
          names.forEach(() => bar.tick(false));
          return rowsFor("failed", error);
        }
      },
      { signal },
    );
  } finally {
    bar.stop();
  }
  return perTargetResults.flatMap((list, i) => (list === NOT_STARTED ? rowsFor(NOT_ATTEMPTED) : list).map((r) => ({ ...r, target: targets[i] })));
}

const VERB = { created: "created", updated: "updated", "would-create": "would create", "would-update": "would update" };

/**
 * Prints the report of runBulk's results (stderr; --json on stdout): one line for a single
 * success, else a table and the totals, then one line per failure. Never a value.
 * @param {"secret" | "variable"} kind
 * @param {object} io the run's IO
 * @param {{ results: object[], app: string, retries: number }} outcome
 * @param {{ json?: boolean, dryRun: boolean }} options
 * @param {{ signal: string, exitCode: number }} [interrupted] when a signal stopped the run
 * @returns {number} the exit status (0, 1 when a name failed, 130/143 interrupted)
 */
export function reportBulkSet(kind, io, { results, app, retries }, options, interrupted) {
  const { nameField, noun } = kindOf(kind);
  const dryRun = options.dryRun;
  const counts = countBy(results);
  const extra = [plural(new Set(results.map(itemName)).size, noun), plural(new Set(results.map((r) => r.target.label)).size, "target")];
  if (retries) extra.push(plural(retries, "retry", "retries"));
  return reportBulk(io, results, {
    json: options.json,
    jsonHead: { app, dry_run: dryRun },
    noun,
    nameField,
    counts: [
      ["created", "created"],
      ["updated", "updated"],
      ...(dryRun ? [["would_create", "would-create"], ["would_update", "would-update"]] : []),
    ],
    single: (r) => `${VERB[r.status]} ${app} ${noun} ${itemName(r)} for ${r.target.label}${visibilityNote(r, noun)}${dryRun ? " (dry run, nothing written)" : ""}`,
    summary: dryRun
      ? [`${counts["would-create"] ?? 0} would be created`, `${counts["would-update"] ?? 0} would be updated`]
      : [`${counts.created ?? 0} created`, `${counts.updated ?? 0} updated`],
    prefix: dryRun ? "dry run, nothing written: " : "",
    extra,
    failure: (r) => failureLine(r, "for"),
    interrupted,
  });
}

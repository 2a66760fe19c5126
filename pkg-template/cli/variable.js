// `ghseal variable set|get|list|delete`, mirroring `gh variable`. Variables are
// plaintext (GitHub returns their values), yet this command prints a value only
// when asked: `variable get` (stdout) and `variable list --json` (as gh does);
// `set` reports names and statuses only. `set` writes every target with the
// library's gh.setVariables (POST to create, PATCH on 409: one successful write
// per variable), with `ghseal set`'s throttling, progress, report and exit codes;
// `list` and `delete` are `ghseal list` / `ghseal delete` over the variables rows.

import { readValues, reportBulkSet, runBulk } from "./bulk.js";
import { createClient, retryReporter } from "./config.js";
import { CliError, EXIT, UsageError, debugDetails, describe } from "./errors.js";
import { describeTarget, methodFor, resolveRepoIds, scopeParams, targetsFrom } from "./targets.js";

const WHAT = "variable";

/**
 * gh variable set's flag rules. Only checks; reads nothing, sends nothing.
 * @param {string | undefined} name the NAME argument
 * @param {object} opts commander's options
 * @returns {object} the options plus `name`, `visibility` (org only: "all" | "private" |
 *   "selected", or undefined: an existing variable keeps its own, a new one is private),
 *   `repos`, `dryRun`
 * @throws {UsageError} for a combination gh refuses
 */
export function parseVariableSetOptions(name, opts) {
  if (opts.body !== undefined && opts.envFile !== undefined) throw new UsageError("specify only one of --body or --env-file");
  if (name !== undefined && opts.envFile !== undefined) throw new UsageError("specify only one of NAME or --env-file (the file names the variables)");
  if (name === undefined && opts.envFile === undefined) throw new UsageError("missing variable NAME (or --env-file FILE)");
  const repos = opts.repos ?? [];
  let visibility = opts.visibility;
  if (visibility !== undefined && opts.org === undefined) throw new UsageError("--visibility is only supported with --org");
  if (repos.length && opts.org === undefined) throw new UsageError("--repos is only supported with --org (use --repo for repository variables)");
  if (visibility !== undefined && visibility !== "selected" && repos.length) throw new UsageError("--repos is only supported with --visibility selected");
  if (visibility === "selected" && !repos.length) throw new UsageError("--repos required with --visibility selected");
  if (visibility === undefined && repos.length) visibility = "selected";
  return { ...opts, name, visibility, repos, dryRun: Boolean(opts.dryRun) };
}

/** The library's setVariables target for one CLI target. */
function libraryTarget(t, options, selectedIds) {
  const target = { app: t.app, ...scopeParams(t) };
  if (t.kind === "org" && options.visibility !== undefined) {
    target.visibility = options.visibility;
    if (options.visibility === "selected") target.selected_repository_ids = selectedIds ?? [];
  }
  return target;
}

/**
 * Does the work of `variable set`: targets, token, values, repository ids, writes.
 * @param {object} options from parseVariableSetOptions
 * @param {{ io: object, stdin: object, env?: object, interrupt?: object }} ctx
 * @returns {Promise<{ results: object[], app: string, retries: number }>} results: one per
 *   target and variable, in input order: `{ target, name, status, visibility?, visibilitySource?, error? }`
 * @throws {UsageError | CliError} before any write (bad target, no token, unreadable input, unresolved --repos)
 */
export async function runVariableSet(options, ctx) {
  const { io } = ctx;
  const targets = await targetsFrom(options, { stdin: ctx.stdin, what: WHAT });
  const retries = retryReporter(io);
  const gh = createClient(options, { io, env: ctx.env, onRetry: retries.onRetry, targets });
  const variables = await readValues(WHAT, options, ctx);
  const selectedIds = options.repos.length ? await resolveRepoIds(gh, options.repos, { org: targets[0].org, io }) : undefined;

  const results = await runBulk(WHAT, { gh, targets, values: variables, libraryTarget: (t) => libraryTarget(t, options, selectedIds) }, options, ctx);
  return { results, app: targets[0].app, retries: retries.retries };
}

/**
 * Prints what runVariableSet did (stderr; --json on stdout). Never a value.
 * @returns {number} the exit status (0, 1 when a variable failed, 130/143 interrupted)
 */
export function reportVariableSet(io, outcome, options, interrupted) {
  return reportBulkSet(WHAT, io, outcome, options, interrupted);
}

/** `ghseal variable set`: parse, run, report. */
export async function variableSetCommand(name, opts, ctx) {
  const options = parseVariableSetOptions(name, opts);
  const outcome = await runVariableSet(options, ctx);
  return reportVariableSet(ctx.io, outcome, options, ctx.interrupt?.reason);
}

/**
 * `ghseal variable get NAME`: one target's variable; prints its value on stdout (as
 * `gh variable get`), or with --json `{ name, value, created_at, updated_at, visibility? }`.
 * @returns {Promise<number>} the exit status
 * @throws {UsageError} unless exactly one target; {CliError} when GitHub refuses (404: no such variable)
 */
export async function variableGetCommand(name, opts, ctx) {
  const { io } = ctx;
  const targets = await targetsFrom(opts, { stdin: ctx.stdin, what: WHAT });
  if (targets.length !== 1) throw new UsageError(`variable get reads one target, not ${targets.length}`);
  const [t] = targets;
  const gh = createClient(opts, { io, env: ctx.env, onRetry: retryReporter(io).onRetry, targets });
  let data;
  try {
    ({ data } = await methodFor(gh, t, "get")({ ...scopeParams(t), name }));
  } catch (error) {
    debugDetails(io, error);
    const where = error?.status === 404 ? `variable ${name} in ${describeTarget(t)}` : describeTarget(t);
    throw new CliError(`could not get ${name} from ${t.label}: ${describe(error, where)}`, { cause: error });
  }
  if (opts.json) {
    const out = { name: data.name, value: data.value, created_at: data.created_at, updated_at: data.updated_at };
    if (data.visibility !== undefined) out.visibility = data.visibility;
    io.printJson(out);
  } else {
    io.print(String(data.value ?? ""));
  }
  return EXIT.OK;
}

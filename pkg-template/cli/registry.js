// `ghseal registry set|list|delete`: an organization's private registries for
// Dependabot (GitHub REST `/orgs/{org}/private-registries`; gh has no such
// command). GitHub names each configuration itself (from its type), so `set`
// finds the one to update: the NAME argument if given, else the configuration
// with the same registry type and URL; none -> a new one (POST, `private` unless
// --visibility, as for new org secrets). An update (PATCH) sends only the fields
// given, so the configuration keeps its visibility, repositories, username and
// value unless a flag changes them. The value (token or password) is sealed by
// the library with GET /orgs/{org}/private-registries/public-key; it is never printed.

import { Option } from "commander";
import { createClient, retryReporter } from "./config.js";
import { CliError, EXIT, UsageError, debugDetails, describe } from "./errors.js";
import { readValue } from "./input.js";
import { VISIBILITIES, collectList, connectionOptions } from "./program.js";
import { table } from "./report.js";
import { deleteCommand } from "./delete.js";
import { namespaceOf, resolveRepoIds } from "./targets.js";
import { secretsEndpoints } from "../node.js";

const norm = (s) => String(s).toLowerCase().replace(/[^a-z]/g, "");

/** The library method of the registries row doing `op` ("create", "update", "list", "delete", "get"). */
export function registryMethod(gh, op) {
  const row = secretsEndpoints().find((r) => norm(r.kind) === "registry" && norm(r.op) === op && norm(r.scope) === "org");
  const method = row && gh[namespaceOf(row.app)]?.[row.name];
  if (!method) throw new UsageError(`this package's endpoint table has no private-registries ${op} operation`);
  return method;
}

/** "https://X/y/" and "https://x/y" name the same registry. */
const sameUrl = (a, b) => String(a ?? "").replace(/\/+$/, "").toLowerCase() === String(b ?? "").replace(/\/+$/, "").toLowerCase();

/**
 * Checks `registry set`'s flags; reads and sends nothing.
 * @returns {object} the options plus `name`, `visibility` (undefined: kept on update, private when new), `repos`
 * @throws {UsageError}
 */
export function parseRegistrySetOptions(name, opts) {
  if (opts.org === undefined) throw new UsageError("--org is required: private registries belong to an organization");
  if (name === undefined && (opts.type === undefined || opts.url === undefined)) {
    throw new UsageError("give --type and --url (to find or create the configuration), or the configuration NAME to update");
  }
  const repos = opts.repos ?? [];
  let visibility = opts.visibility;
  if (visibility !== undefined && visibility !== "selected" && repos.length) throw new UsageError("--repos is only supported with --visibility selected");
  if (visibility === "selected" && !repos.length) throw new UsageError("--repos required with --visibility selected");
  if (visibility === undefined && repos.length) visibility = "selected";
  return { ...opts, name, visibility, repos, dryRun: Boolean(opts.dryRun) };
}

/** Which configuration `set` writes: `{ existing?: object }` (none: create). */
async function findExisting(gh, options) {
  const items = await gh.paginate(registryMethod(gh, "list"), { org: options.org });
  if (options.name !== undefined) {
    const found = items.find((c) => String(c.name).toUpperCase() === options.name.toUpperCase());
    if (!found) throw new CliError(`no private registry ${options.name} in organization ${options.org} (omit NAME to create one from --type and --url)`);
    return found;
  }
  const matches = items.filter((c) => c.registry_type === options.type && sameUrl(c.url, options.url));
  if (matches.length > 1) {
    throw new CliError(`${matches.length} private registries of type ${options.type} have URL ${options.url}: name the one to update (${matches.map((c) => c.name).join(", ")})`);
  }
  return matches[0];
}

/**
 * `registry set`: find, then create (POST) or update (PATCH) one configuration.
 * @returns {Promise<{ name, status, visibility?, visibilitySource? }>} status created | updated | would-create | would-update
 * @throws {UsageError | CliError} naming what failed (exit 2 / 1)
 */
export async function runRegistrySet(options, ctx) {
  const { io } = ctx;
  const gh = createClient(options, { io, env: ctx.env, onRetry: retryReporter(io).onRetry });
  const value = options.body === "-" ? await readValue(ctx.stdin, "the registry's token or password", { output: io.stderr }) : options.body;
  const fields = {};
  for (const [flag, field] of [["type", "registry_type"], ["url", "url"], ["username", "username"]]) {
    if (options[flag] !== undefined) fields[field] = options[flag];
  }
  if (options.replacesBase !== undefined) fields.replaces_base = options.replacesBase;
  if (value !== undefined) fields.value = value;
  if (options.visibility !== undefined) fields.visibility = options.visibility;
  if (options.repos.length) fields.selected_repository_ids = await resolveRepoIds(gh, options.repos, { org: options.org, io });
  let existing;
  try {
    existing = await findExisting(gh, options);
  } catch (error) {
    if (error instanceof CliError) throw error;
    debugDetails(io, error);
    throw new CliError(`could not list the private registries of ${options.org}: ${describe(error, `organization ${options.org}`)}`, { cause: error });
  }
  const source = options.visibility !== undefined ? "explicit" : existing ? "kept" : "default";
  const visibility = options.visibility ?? existing?.visibility ?? "private";
  if (options.dryRun) return { name: existing?.name ?? options.type, status: existing ? "would-update" : "would-create", visibility, visibilitySource: source };
  ctx.interrupt?.deferExit();
  try {
    if (existing) {
      delete fields.registry_type; // GitHub identifies it by name; the type cannot change
      if (options.name === undefined) delete fields.url; // found by this URL: leave it as stored
      await registryMethod(gh, "update")({ org: options.org, secret_name: existing.name, ...fields });
      return { name: existing.name, status: "updated", visibility, visibilitySource: source };
    }
    const { data } = await registryMethod(gh, "create")({ org: options.org, ...fields, visibility });
    return { name: data?.name, status: "created", visibility: data?.visibility ?? visibility, visibilitySource: source };
  } catch (error) {
    debugDetails(io, error);
    const what = existing ? `update private registry ${existing.name}` : `create a ${options.type} private registry`;
    throw new CliError(`could not ${what} in ${options.org}: ${describe(error, `organization ${options.org}`)}`, { cause: error });
  }
}

function reportRegistrySet(io, r, options) {
  if (options.json) {
    io.printJson({ org: options.org, name: r.name, status: r.status, visibility: r.visibility, visibility_source: r.visibilitySource, dry_run: options.dryRun });
    return EXIT.OK;
  }
  const verb = { created: "created", updated: "updated", "would-create": "would create", "would-update": "would update" }[r.status];
  const vis = r.visibilitySource === "default" ? `new registry: visibility ${r.visibility} (the default; --visibility to choose)` : r.visibilitySource === "kept" ? `visibility ${r.visibility} kept` : `visibility ${r.visibility}`;
  io.say(`${verb} private registry ${r.name ?? ""} in org:${options.org}; ${vis}${options.dryRun ? " (dry run, nothing written)" : ""}`);
  return EXIT.OK;
}

/** `registry list`: a table (NAME TYPE URL USERNAME VISIBILITY UPDATED) on stdout, or --json. */
async function registryListCommand(opts, ctx) {
  const { io } = ctx;
  if (opts.org === undefined) throw new UsageError("--org is required: private registries belong to an organization");
  const gh = createClient(opts, { io, env: ctx.env, onRetry: retryReporter(io).onRetry });
  let items;
  try {
    items = await gh.paginate(registryMethod(gh, "list"), { org: opts.org });
  } catch (error) {
    debugDetails(io, error);
    throw new CliError(`could not list the private registries of ${opts.org}: ${describe(error, `organization ${opts.org}`)}`, { cause: error });
  }
  if (opts.json) io.printJson(items);
  else if (items.length) {
    const rows = items.map((c) => [c.name, c.registry_type, c.url ?? "", c.username ?? "", c.visibility, c.updated_at]);
    io.print(table(["NAME", "TYPE", "URL", "USERNAME", "VISIBILITY", "UPDATED"], rows));
  } else io.say(`no private registries found in org:${opts.org}`);
  return EXIT.OK;
}

/** Adds `registry set|list|delete` to `program`. */
export function addRegistryCommand(program, run) {
  const group = program.command("registry").description("Organization private registries for Dependabot: set, list, delete (values sealed, never printed)");
  const set = group
    .command("set")
    .description("Create or update a private registry: NAME, or the one with the same --type and --url, else a new one")
    .argument("[name]", "the configuration's name (as `registry list` shows), to update it")
    .option("-o, --org <org>", "the organization (required)")
    .option("-t, --type <registry_type>", "registry_type, e.g. npm_registry, maven_repository, docker_registry (required to create)")
    .option("--url <url>", "the registry's URL (required to create)")
    .option("--username <name>", "the username to authenticate with")
    .option("-b, --body <value>", "the token or password, sealed before upload ('-' to read stdin, or prompt without echo on a terminal)")
    .option("--replaces-base", "Dependabot uses only this registry, not the public one")
    .addOption(new Option("-v, --visibility <visibility>", "which repositories can use it (default: kept on update; private when new)").choices(VISIBILITIES))
    .option("-r, --repos <names>", "repositories that can use it (comma separated, repeatable; implies --visibility selected)", collectList)
    .option("--dry-run", "show whether it would be created or updated; send no write");
  connectionOptions(set).action((name, opts) =>
    run("registry set", async () => {
      const options = parseRegistrySetOptions(name, opts);
      return reportRegistrySet(run.context.io, await runRegistrySet(options, run.context), options);
    }),
  );
  const list = group.command("list").alias("ls").description("List private registries (name, type, URL, username, visibility)").option("-o, --org <org>", "the organization (required)");
  connectionOptions(list).action((opts) => run("registry list", () => registryListCommand(opts, run.context)));
  const del = group
    .command("delete")
    .alias("remove")
    .description("Delete private registries by name")
    .argument("<names...>", "configuration names")
    .option("-o, --org <org>", "the organization (required)")
    .option("--dry-run", "check that each exists; send no DELETE");
  connectionOptions(del).action((names, opts) =>
    run("registry delete", () => {
      if (opts.org === undefined) throw new UsageError("--org is required: private registries belong to an organization");
      return deleteCommand(names, opts, run.context, "registry");
    }),
  );
  return group;
}

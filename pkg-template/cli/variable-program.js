// The `ghseal variable` command group as commander sees it, with `gh variable`'s
// flag names: set, get, list (ls), delete (remove). The work is in variable.js,
// list.js and delete.js (the same code as `ghseal list` / `ghseal delete`, over
// the endpoint table's variables rows).

import { Option } from "commander";
import { deleteCommand } from "./delete.js";
import { listCommand } from "./list.js";
import { VISIBILITIES, collectList, connectionOptions, targetOptions } from "./program.js";
import { variableGetCommand, variableSetCommand } from "./variable.js";

/**
 * Adds `variable` and its subcommands to `program`; `run(name, fn)` runs a command's work.
 * @returns {import("commander").Command} the `variable` command
 */
export function addVariableCommand(program, run) {
  const group = program
    .command("variable")
    .description("Set, get, list and delete GitHub Actions (and Copilot agents) variables; plaintext, printed only by get and list --json");

  const set = group
    .command("set")
    .description("Create or update variables: one NAME (value from --body or stdin) or every entry of --env-file")
    .argument("[name]", "variable name");
  targetOptions(set, "set", "variable")
    .option("-b, --body <value>", "the variable's value (default: read stdin)")
    .option("-f, --env-file <file>", "set every entry of a dotenv file ('-' for stdin)")
    .addOption(
      new Option("-v, --visibility <visibility>", "organization variable visibility (default: an existing variable keeps its own; a new one is private)").choices(VISIBILITIES),
    )
    .option("-r, --repos <names>", "repositories that can access an organization variable (comma separated, repeatable; implies --visibility selected)", collectList)
    .option("--dry-run", "show what would be created or updated; send no write");
  connectionOptions(set).action((name, opts) => run("variable set", () => variableSetCommand(name, opts, run.context)));

  const get = group.command("get").description("Print a variable's value (--json: name, value, dates, visibility)").argument("<name>", "variable name");
  targetOptions(get, "get", "variable");
  connectionOptions(get).action((name, opts) => run("variable get", () => variableGetCommand(name, opts, run.context)));

  const list = group.command("list").alias("ls").description("List variables (names, dates, visibility; values only with --json)");
  targetOptions(list, "list", "variable");
  connectionOptions(list).action((opts) => run("variable list", () => listCommand(opts, run.context, "variable")));

  const del = group.command("delete").alias("remove").description("Delete variables").argument("<names...>", "variable names");
  targetOptions(del, "delete", "variable").option("--dry-run", "check that each variable exists; send no DELETE");
  connectionOptions(del).action((names, opts) => run("variable delete", () => deleteCommand(names, opts, run.context, "variable")));
  return group;
}

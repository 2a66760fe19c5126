// `ghseal list`: the secrets of each target (names and dates; GitHub never
// returns values), a table on stdout or `--json`. Organization and user secrets
// with selected repositories get their repository count.

import {
  EXIT,
  createClient,
  debugDetails,
  describe,
  describeTarget,
  methodFor,
  pool,
  print,
  printJson,
  retryReporter,
  say,
  scopeParams,
  table,
  targetsFrom,
} from "./shared.js";

/** Number of repositories a "selected" org or user secret is shared with. */
async function selectedCount(gh, t, name) {
  if (t.kind === "org") {
    const { data } = await gh[t.app].listSelectedReposForOrgSecret({ org: t.org, secret_name: name, per_page: 1 });
    return data.total_count;
  }
  const { data } = await gh.codespaces.listRepositoriesForSecretForAuthenticatedUser({ secret_name: name });
  return data.total_count;
}

export async function runList(opts, { stdin }) {
  const targets = await targetsFrom(opts, { stdin });
  const retries = retryReporter();
  const gh = createClient(opts, { onRetry: retries.onRetry });

  const listed = await pool(targets, opts.concurrency, async (t) => {
    try {
      const items = await gh.paginate(methodFor(gh, t, "list"), scopeParams(t));
      const rows = items.map((s) => {
        const row = { target: t.label, name: s.name, created_at: s.created_at, updated_at: s.updated_at };
        if (s.visibility !== undefined) row.visibility = s.visibility;
        return row;
      });
      const errors = [];
      if (t.kind === "org" || t.kind === "user") {
        await pool(
          rows.filter((r) => r.visibility === "selected"),
          opts.concurrency,
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
      return { target: t, rows: [], errors: [{ error, what: `the secrets of ${describeTarget(t)}` }] };
    }
  });

  const rows = listed.flatMap((l) => l.rows);
  const errors = listed.flatMap((l) => l.errors.map((e) => ({ ...e, target: l.target })));
  if (opts.json) {
    printJson(rows);
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
    print(table(header, cells));
  }
  if (!opts.json) {
    for (const l of listed) {
      if (!l.rows.length && !l.errors.length) say(`no secrets found in ${l.target.label}`);
    }
  }
  for (const e of errors) {
    debugDetails(e.error);
    say(`ghseal list: could not list ${e.what}: ${describe(e.error, describeTarget(e.target))}`);
  }
  return errors.length ? EXIT.FAILED : EXIT.OK;
}

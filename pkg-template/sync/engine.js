// `gh.plan(manifest, options)` and `gh.apply(plan, options)`: list each scope
// once, let the Rust core decide per name (create, update, unchanged, delete,
// drifted, error; see src/sync/diff.rs), then write one at a time under the
// write budget (src/sync/budget.rs), recording the state after every write so an
// interrupted run resumes exactly where it stopped. No filesystem: the state is
// passed in (`options.state`) and out (`onStateChange`).

// The sync core's own wasm (pkg/sync-wasm/) is not imported here: each entry's
// GitHubSecrets passes the exports its runtime's loader gave (sync/wasm.node.js,
// wasm.workerd.js, wasm.inline.js) as `wasm`, through relative imports that a
// browser without a bundler or import map resolves too.
import { ValidationError } from "../errors.js";
import { expandTargets, methodOf, reasonOf, scopeParams } from "./scopes.js";

/** Estimated duration of one write, for the ETA (ms). */
export const ESTIMATED_WRITE_MS = 400;
const KINDS = ["secret", "variable"];
const internals = new WeakMap();

const validationError = (param, message) => new ValidationError(`${param}: ${message}`, { code: "invalid_param", param });

/** A new, empty state object: `{ version: 1, targets: {} }`. */
export function emptyState() {
  return { version: 1, targets: {} };
}

function keyBytes(stateKey) {
  if (stateKey instanceof Uint8Array) return stateKey;
  if (typeof stateKey === "string" && stateKey.length) return new TextEncoder().encode(stateKey);
  throw validationError("stateKey", "expected a Uint8Array or string of at least 16 bytes (GHSEAL_STATE_KEY or the key file)");
}

function budgetOf(wasm, options = {}) {
  const config = {};
  for (const k of ["maxWritesPerMinute", "maxWritesPerHour", "minuteMs", "hourMs"]) if (options.budget?.[k] !== undefined) config[k] = options.budget[k];
  config.minIntervalMs = options.budget?.minIntervalMs ?? options.minWriteInterval ?? 1000;
  return new wasm.WriteBudget(JSON.stringify(config));
}

/** Settings written with an organization value: `visibility=selected;repositories=a,b`. */
function settingsOf(scope, entry) {
  if (!scope.org) return undefined;
  const repos = entry.repositories ? `;repositories=${[...entry.repositories].map((r) => r.toLowerCase()).sort().join(",")}` : "";
  return `visibility=${entry.visibility ?? "private"}${repos}`;
}

/** Merge scopes two targets resolved to (e.g. a glob and an explicit list). */
function mergeScopes(scopes) {
  const byTarget = new Map();
  for (const s of scopes) {
    const t = s.manifestTarget;
    let m = byTarget.get(s.target);
    if (!m) {
      m = { ...s, prune: false, protect: [], createEnvironments: false, entries: { secret: [], variable: [] } };
      byTarget.set(s.target, m);
    }
    m.prune ||= t.prune;
    m.protect.push(...t.protect);
    m.createEnvironments ||= t.createEnvironments;
    m.entries.secret.push(...t.secrets);
    m.entries.variable.push(...t.variables);
    m.error ??= s.error;
  }
  return [...byTarget.values()];
}

async function listRemote(gh, scope, kind) {
  const items = await gh.paginate(methodOf(gh, scope, kind, "list"), { ...scopeParams(scope), per_page: 100 });
  return items.map((i) => ({ name: String(i.name), updatedAt: String(i.updated_at), ...(kind === "variable" ? { value: String(i.value ?? "") } : {}) }));
}

/** Remote side of a scope and kind for the planner; handles missing environments. */
async function remoteOf(gh, scope, kind) {
  if (scope.error) return { status: "failed", reason: scope.error };
  if (scope.environmentMissing) return { status: "listed", items: [] };
  try {
    return { status: "listed", items: await listRemote(gh, scope, kind) };
  } catch (error) {
    if (error?.status === 404 && scope.environment !== undefined) {
      const repoExists = await gh.request("GET /repos/{owner}/{repo}", { owner: scope.owner, repo: scope.repo }).then(() => true, () => false);
      if (repoExists && scope.createEnvironments) {
        scope.environmentMissing = true;
        return { status: "listed", items: [] };
      }
      scope.error = repoExists
        ? `environment ${scope.environment} does not exist in ${scope.owner}/${scope.repo} (createEnvironments: true creates it)`
        : `repository ${scope.owner}/${scope.repo}: ${reasonOf(error)}`;
      return { status: "failed", reason: scope.error };
    }
    scope.error = `listing ${kind}s: ${reasonOf(error)}`;
    return { status: "failed", reason: scope.error };
  }
}

/**
 * Plan a sync: one list per scope and kind, then the Rust core's decision per name.
 * @param {{ WriteBudget: Function, syncFingerprint: Function, syncPlan: Function }} wasm the sync wasm's exports
 * @param {import("../client-class.js").GitHubSecrets} gh
 * @param {{ manifest: { targets: object[] }, values: Map<string,string> }} loaded from loadManifest
 * @param {{ stateKey: Uint8Array|string, state?: object, overwriteDrift?: boolean, budget?: object, minWriteInterval?: number }} options
 */
export async function plan(wasm, gh, loaded, options = {}) {
  const key = keyBytes(options.stateKey);
  const state = options.state ?? emptyState();
  if (!loaded?.manifest?.targets || !(loaded.values instanceof Map)) throw validationError("manifest", "expected { manifest, values } as loadManifest returns");
  const scopes = mergeScopes(await expandTargets(gh, loaded.manifest));
  const inputs = [];
  const wanted = new Map();
  for (const scope of scopes) {
    for (const kind of KINDS) {
      const entries = scope.entries?.[kind] ?? [];
      if (!entries.length && !scope.prune) continue;
      const remote = await remoteOf(gh, scope, kind);
      const desired = entries.map((entry) => {
        const value = loaded.values.get(entry.path) ?? "";
        const settings = settingsOf(scope, entry);
        const fingerprint = wasm.syncFingerprint(key, scope.target, entry.name, value);
        wanted.set(`${scope.target}\n${kind}\n${entry.name}`, { entry, value, fingerprint, settings });
        return { name: entry.name, fingerprint, ...(kind === "variable" ? { value } : {}), ...(settings ? { settings } : {}) };
      });
      inputs.push({ target: scope.target, kind, prune: scope.prune, protect: scope.protect, desired, remote });
    }
  }
  const decided = JSON.parse(wasm.syncPlan(JSON.stringify(inputs), JSON.stringify(state), JSON.stringify({ overwriteDrift: Boolean(options.overwriteDrift) })));
  const scopeOf = new Map(scopes.map((s) => [s.target, s]));
  const steps = decided.items.map((item) => ({ ...item, scope: scopeOf.get(item.target), want: wanted.get(`${item.target}\n${item.kind}\n${item.name}`) }));
  for (const s of steps) if (s.scope?.environmentMissing && s.action === "create") s.reason = `absent (environment ${s.scope.environment} will be created)`;
  const environmentWrites = new Set(steps.filter((s) => s.scope?.environmentMissing && ["create", "update"].includes(s.action)).map((s) => s.target)).size;
  const writes = decided.writes + environmentWrites;
  const counts = { create: 0, update: 0, unchanged: 0, delete: 0, drifted: 0, error: 0 };
  for (const s of steps) counts[s.action] += 1;
  const result = {
    items: steps.map(({ target, kind, name, action, reason }) => ({ target, kind, name, action, reason })),
    writes,
    counts,
    etaMs: 0,
  };
  const budget = budgetOf(wasm, options);
  try {
    result.etaMs = budget.etaMs(Date.now(), writes, ESTIMATED_WRITE_MS);
  } finally {
    budget.free();
  }
  internals.set(result, { steps, state, key });
  return result;
}

function abortableSleep(ms, signal) {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function record(state, target, kind, name, entry) {
  state.targets[target] ??= {};
  if (entry) state.targets[target][`${kind}/${name}`] = entry;
  else {
    delete state.targets[target][`${kind}/${name}`];
    if (!Object.keys(state.targets[target]).length) delete state.targets[target];
  }
}

async function repositoryIds(gh, org, names, cache) {
  const ids = [];
  for (const name of names) {
    const k = `${org}/${name}`.toLowerCase();
    if (!cache.has(k)) cache.set(k, gh.request("GET /repos/{owner}/{repo}", { owner: org, repo: name }).then((r) => r.data.id));
    ids.push(await cache.get(k));
  }
  return ids;
}

async function write(gh, step, repoIds) {
  const { scope, kind, name, action, want } = step;
  const params = scopeParams(scope);
  const org = {};
  if (scope.org && action !== "delete") {
    org.visibility = want.entry.visibility ?? "private";
    if (org.visibility === "selected") org.selected_repository_ids = await repositoryIds(gh, scope.org, want.entry.repositories ?? [], repoIds);
  }
  const named = kind === "secret" ? { secret_name: name } : { name };
  if (action === "delete") return methodOf(gh, scope, kind, "delete")({ ...params, ...named });
  const op = kind === "secret" ? "put" : action;
  return methodOf(gh, scope, kind, op)({ ...params, ...named, value: want.value, ...org });
}

/**
 * Apply a plan from `plan()`: writes one at a time under the budget, calls
 * `onStateChange(state)` after every state change, stops before the next write
 * once `signal` aborts (the rest is `not-attempted`).
 * @param {{ WriteBudget: Function }} wasm the sync wasm's exports (as plan's)
 * @returns {Promise<{ items: object[], counts: object, writes: number, cancelled: boolean, state: object }>}
 */
export async function apply(wasm, gh, planned, options = {}) {
  const inner = internals.get(planned);
  if (!inner) throw validationError("plan", "expected a plan returned by gh.plan()");
  const { signal, onProgress, onStateChange } = options;
  const state = structuredClone(options.state ?? inner.state);
  const budget = budgetOf(wasm, options);
  const changed = () => onStateChange?.(state);
  const repoIds = new Map();
  const created = new Map();
  const items = [];
  let writes = 0;
  let cancelled = false;
  const total = inner.steps.filter((s) => ["create", "update", "delete"].includes(s.action)).length;
  let done = 0;
  const groups = new Map();
  for (const step of inner.steps) {
    const k = `${step.target}\n${step.kind}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(step);
  }
  // A write is counted when its answer arrives (never earlier than GitHub counted
  // it), so the client's windows are never ahead of the server's.
  const paced = async (fn) => {
    await abortableSleep(budget.delayMs(Date.now()), signal);
    if (signal?.aborted) return { skipped: true };
    writes += 1;
    try {
      return { result: await fn() };
    } finally {
      budget.record(Date.now());
    }
  };
  for (const group of groups.values()) {
    const written = [];
    for (const step of group) {
      const out = { target: step.target, kind: step.kind, name: step.name, action: step.action, reason: step.reason };
      items.push(out);
      if (step.action === "unchanged" || step.action === "drifted" || step.action === "error") {
        out.status = step.action === "error" ? "failed" : step.action;
        if (step.adopt && step.want) {
          record(state, step.target, step.kind, step.name, { updated_at: step.remoteUpdatedAt, fingerprint: step.want.fingerprint, ...(step.want.settings ? { settings: step.want.settings } : {}) });
          changed();
        }
        continue;
      }
      if (cancelled || signal?.aborted) {
        cancelled = true;
        out.status = "not-attempted";
        continue;
      }
      try {
        if (step.scope.environmentMissing && !created.has(step.target)) {
          const params = scopeParams(step.scope);
          created.set(step.target, paced(() => gh.request("PUT /repos/{owner}/{repo}/environments/{environment_name}", params)));
        }
        if (created.has(step.target) && (await created.get(step.target)).skipped) throw Object.assign(new Error("cancelled"), { cancelled: true });
        const sent = await paced(() => write(gh, step, repoIds));
        if (sent.skipped) throw Object.assign(new Error("cancelled"), { cancelled: true });
        out.status = "done";
        if (step.action === "delete") record(state, step.target, step.kind, step.name, null);
        else {
          record(state, step.target, step.kind, step.name, { updated_at: null, fingerprint: step.want.fingerprint, ...(step.want.settings ? { settings: step.want.settings } : {}) });
          written.push(step);
        }
        changed();
      } catch (error) {
        if (error?.cancelled) {
          cancelled = true;
          out.status = "not-attempted";
          continue;
        }
        out.status = "failed";
        out.error = reasonOf(error);
      }
      done += 1;
      onProgress?.({ done, total, item: out });
    }
    if (written.length) {
      // One list per written scope: the updated_at GitHub now reports becomes the record.
      try {
        const remote = new Map((await listRemote(gh, written[0].scope, written[0].kind)).map((r) => [r.name.toUpperCase(), r.updatedAt]));
        for (const step of written) {
          const at = remote.get(step.name);
          if (at) state.targets[step.target][`${step.kind}/${step.name}`].updated_at = at;
        }
        changed();
      } catch {
        // Left without updated_at: the next plan adopts the remote one if the value matches.
      }
    }
  }
  budget.free();
  const counts = {};
  for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1;
  return { items, counts, writes, cancelled, state };
}

// GitHubSecrets gives the wasm Client Octokit's shape:
// gh.actions.createOrUpdateRepoSecret(params) -> { status, url, headers, data }.
import { Client, endpoints } from "./wasm/ghseal.js";
import { strategyLayer } from "./auth.js";
import { ValidationError } from "./errors.js";

// The sync engine and its wasm (sync/engine.js, pkg/sync-wasm/) load on the first
// gh.plan / gh.apply, so importing ghseal loads neither; a failed load is retried.
let syncEngine;
function loadSyncEngine() {
  syncEngine ??= import("./sync/engine.js").catch((error) => {
    syncEngine = undefined;
    throw error;
  });
  return syncEngine;
}

let table;

/** The JS namespace of a table row's app: `private-registries` -> `privateRegistries`. */
const namespaceOf = (app) => app.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** The endpoint table: `[{ app, name, method, route, op, scope, kind, paginated }]`. */
export function secretsEndpoints() {
  table ??= endpoints();
  return table.map((row) => ({ ...row }));
}

function methodOf(client, row, guard) {
  const call = (params) => guard(() => client.request(row.app, row.name, params ?? {}));
  Object.defineProperty(call, "name", { value: row.name });
  Object.defineProperty(call, "endpoint", { value: Object.freeze({ ...row }) });
  return call;
}

function endpointOf(method) {
  const endpoint = method?.endpoint;
  if (!endpoint) {
    throw new ValidationError("method: expected a method of a GitHubSecrets instance, e.g. gh.actions.listRepoSecrets", {
      code: "invalid_type",
      param: "method",
    });
  }
  return endpoint;
}

/**
 * GitHub's secrets, variables and private-registries REST API (`actions`,
 * `dependabot`, `codespaces`, `agents`, `privateRegistries`), sealing values on the fly. Method names, parameters and responses follow Octokit.
 * `auth` is a token, or with `authStrategy` (Octokit's convention, e.g. createAppAuth
 * from @octokit/auth-app) the strategy's options; see auth.js.
 */
export class GitHubSecrets {
  #client;
  #guard;

  constructor(options = {}) {
    const layer = options?.authStrategy === undefined ? undefined : strategyLayer(options);
    // With a strategy every call first gets a token (a clear error if it cannot) and
    // every token the strategy gave is scrubbed from what the call rejects with.
    const guard = layer
      ? (run) => layer.token().then(run).then((result) => (Array.isArray(result) ? layer.scrub(result) : result), (error) => Promise.reject(layer.scrub(error)))
      : (run) => run();
    this.#guard = guard;
    this.#client = new Client(layer ? layer.options : options);
    table ??= endpoints();
    for (const row of table) (this[namespaceOf(row.app)] ??= {})[row.name] = methodOf(this.#client, row, guard);
    const client = this.#client;
    const paginate = async (method, params = {}) => {
      const { app, name } = endpointOf(method);
      return guard(() => client.paginate(app, name, params));
    };
    paginate.iterator = (method, params = {}) => {
      const { app, name } = endpointOf(method);
      return {
        async *[Symbol.asyncIterator]() {
          // The wasm cursor remembers the pages read: a Link cycle or more than
          // maxPages pages rejects instead of looping for ever.
          const pages = client.pages(app, name, params);
          try {
            for (let response = await guard(() => pages.next()); response !== undefined; response = await guard(() => pages.next())) yield response;
          } finally {
            pages.free();
          }
        },
      };
    };
    this.paginate = paginate;
  }

  /** Any GitHub route, e.g. `request("GET /repos/{owner}/{repo}", { owner, repo })`. */
  request(route, params = {}) {
    return this.#guard(() => this.#client.requestRoute(route, params));
  }

  /** Sets many secrets in one scope; resolves to one result per secret. */
  setSecrets(target, secrets, options = {}) {
    return this.#guard(() => this.#client.setSecrets(target, secrets, options));
  }

  /** `ghseal sync` plan: per target and name, create/update/unchanged/delete/drifted/error (sync/engine.js). */
  async plan(manifest, options = {}) {
    return (await loadSyncEngine()).plan(this, manifest, options);
  }

  /** Executes a plan from `plan()` under the write budget; resolves to a report (sync/engine.js). */
  async apply(plan, options = {}) {
    return (await loadSyncEngine()).apply(this, plan, options);
  }

  /** Sets many variables in one scope (POST, PATCH on 409); resolves to one result per variable. */
  setVariables(target, variables, options = {}) {
    return this.#guard(() => this.#client.setVariables(target, variables, options));
  }
}

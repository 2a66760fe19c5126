// GitHubSecrets gives the wasm Client Octokit's shape:
// gh.actions.createOrUpdateRepoSecret(params) -> { status, url, headers, data }.
//
// The constructor needs no client wasm: it checks the options with the front wasm's
// checkOptions (the same Rust reader as the client's, src/bindings/options.rs, so
// the same synchronous ValidationError) and builds the namespaces from endpoints.js
// (generated at build time from the client wasm's endpoint table). The wasm Client
// is created on the first call, from the module the entry's loader gives
// (client.js: inlined; client.node.js: read from the file; client.workerd.js: a wasm
// module; slim.js: fetched beside the glue).
import { checkOptions } from "./wasm/ghseal.js";
import ENDPOINTS from "./endpoints.js";
import { strategyLayer } from "./auth.js";
import { ValidationError } from "./errors.js";

/**
 * `load` run at most once at a time and kept once it resolved; a rejection is
 * forgotten, so the next call tries again (a flaky network, a file put back).
 * @template T
 * @param {() => Promise<T>} load
 * @returns {() => Promise<T>}
 */
export function onceRetried(load) {
  let pending;
  return () => {
    pending ??= load().catch((error) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

// The sync engine (sync/engine.js) loads on the first gh.plan / gh.apply, with the
// sync wasm (pkg/sync-wasm/) from the entry's loader, so importing ghseal loads
// neither; a failed load is retried.
const loadSyncEngine = onceRetried(() => import("./sync/engine.js"));

/** The sync engine and the sync wasm's exports, loaded together. */
async function syncWith(loadSyncWasm) {
  const [engine, wasm] = await Promise.all([loadSyncEngine(), loadSyncWasm()]);
  return { engine, wasm };
}

/** The JS namespace of a table row's app: `private-registries` -> `privateRegistries`. */
const namespaceOf = (app) => app.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** The endpoint table: `[{ app, name, method, route, op, scope, kind, paginated }]`. */
export function secretsEndpoints() {
  return ENDPOINTS.map((row) => ({ ...row }));
}

function methodOf(client, row, guard) {
  const call = (params) => guard(async () => (await client()).request(row.app, row.name, params ?? {}));
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
 * The GitHubSecrets class: GitHub's secrets, variables and private-registries REST
 * API (`actions`, `dependabot`, `codespaces`, `agents`, `privateRegistries`),
 * sealing values on the fly. Method names, parameters and responses follow Octokit.
 * `auth` is a token, or with `authStrategy` (Octokit's convention, e.g. createAppAuth
 * from @octokit/auth-app) the strategy's options; see auth.js.
 * Its wasm `Client` comes from `loadWasm` (a module with the client wasm's exports,
 * initialised), called on the first request of any instance (once: kept once it
 * resolved, called again after a rejection, see onceRetried); the constructor throws
 * ValidationError synchronously for bad options (checkOptions).
 * The sync wasm (gh.plan / gh.apply) comes from `loadSyncWasm` (sync/wasm.*.js, per
 * entry: no default here, so that a bundle holds only the loader its entry names).
 * @param {() => Promise<{ Client: Function }>} loadWasm
 * @param {() => Promise<{ WriteBudget: Function, syncFingerprint: Function, syncPlan: Function }>} loadSyncWasm
 */
export function createGitHubSecrets(loadWasm, loadSyncWasm) {
  const loadClientWasm = onceRetried(loadWasm);
  return class GitHubSecrets {
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
      const clientOptions = snapshot(layer ? layer.options : options);
      // Throws the ValidationError new Client(options) would (param baseUrl, auth, retry.retries, ...).
      checkOptions(clientOptions);
      const client = onceRetried(async () => new (await loadClientWasm()).Client(clientOptions));
      this.#client = client;
      for (const row of ENDPOINTS) (this[namespaceOf(row.app)] ??= {})[row.name] = methodOf(client, row, guard);
      const paginate = async (method, params = {}) => {
        const { app, name } = endpointOf(method);
        return guard(async () => (await client()).paginate(app, name, params));
      };
      paginate.iterator = (method, params = {}) => {
        const { app, name } = endpointOf(method);
        return {
          async *[Symbol.asyncIterator]() {
            // The wasm cursor remembers the pages read: a Link cycle or more than
            // maxPages pages rejects instead of looping for ever.
            const pages = (await client()).pages(app, name, params);
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
      return this.#guard(async () => (await this.#client()).requestRoute(route, params));
    }

    /** Sets many secrets in one scope; resolves to one result per secret. */
    setSecrets(target, secrets, options = {}) {
      return this.#guard(async () => (await this.#client()).setSecrets(target, secrets, options));
    }

    /** `ghseal sync` plan: per target and name, create/update/unchanged/delete/drifted/error (sync/engine.js). */
    async plan(manifest, options = {}) {
      const { engine, wasm } = await syncWith(loadSyncWasm);
      return engine.plan(wasm, this, manifest, options);
    }

    /** Executes a plan from `plan()` under the write budget; resolves to a report (sync/engine.js). */
    async apply(plan, options = {}) {
      const { engine, wasm } = await syncWith(loadSyncWasm);
      return engine.apply(wasm, this, plan, options);
    }

    /** Sets many variables in one scope (POST, PATCH on 409); resolves to one result per variable. */
    setVariables(target, variables, options = {}) {
      return this.#guard(async () => (await this.#client()).setVariables(target, variables, options));
    }
  };
}

/**
 * The options the wasm Client's constructor reads (src/bindings/options.rs config()
 * and transport(), src/bindings/client.rs WasmClient::new: onRetry), by name, with
 * the nested objects' names.
 */
const OPTION_NAMES = ["baseUrl", "auth", "userAgent", "timeout", "retry", "maxPages", "throttle", "fetch", "maxResponseBytes", "onRetry"];
const NESTED_NAMES = { retry: ["retries", "baseDelay", "secondaryRateLimitWait", "maxWait"], throttle: ["minWriteInterval"] };

/** `obj[name]` read as the Rust reader reads it (src/bindings/js.rs get: a throwing getter is undefined). */
function read(obj, name) {
  try {
    return obj[name];
  } catch {
    return undefined;
  }
}

/**
 * The options as they are now: the wasm Client reads them on the first call, the
 * constructor used to read them at once (later changes to the caller's object, or
 * to its `retry` / `throttle`, do not reach the client). Read by name, as the Rust
 * reader does (Reflect.get): inherited options and getters count, as before the
 * client wasm loaded lazily (a spread would keep own properties only, and drop an
 * inherited baseUrl, sending the token to api.github.com).
 */
function snapshot(options) {
  if (options === null || (typeof options !== "object" && typeof options !== "function")) return options;
  const copy = {};
  for (const name of OPTION_NAMES) {
    let value = read(options, name);
    if (value === undefined) continue;
    if (Object.hasOwn(NESTED_NAMES, name) && value !== null && (typeof value === "object" || typeof value === "function")) {
      const nested = value;
      value = {};
      for (const key of NESTED_NAMES[name]) {
        const v = read(nested, key);
        if (v !== undefined) value[key] = v;
      }
    }
    copy[name] = value;
  }
  return copy;
}

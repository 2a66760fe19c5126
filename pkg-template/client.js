// GitHubSecrets gives the wasm Client Octokit's shape:
// gh.actions.createOrUpdateRepoSecret(params) -> { status, url, headers, data }.
import { Client, endpoints } from "./wasm/ghseal.js";


let table;

/** The JS namespace of a table row's app: `private-registries` -> `privateRegistries`. */
const namespaceOf = (app) => app.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** The endpoint table: `[{ app, name, method, route, op, scope, kind, paginated }]`. */
export function secretsEndpoints() {
  table ??= endpoints();
  return table.map((row) => ({ ...row }));
}

function methodOf(client, row) {
  const call = (params) => client.request(row.app, row.name, params ?? {});
  Object.defineProperty(call, "name", { value: row.name });
  Object.defineProperty(call, "endpoint", { value: Object.freeze({ ...row }) });
  return call;
}

function endpointOf(method) {
  const endpoint = method?.endpoint;
  if (!endpoint) {
    const error = new Error("method: expected a method of a GitHubSecrets instance, e.g. gh.actions.listRepoSecrets");
    error.name = "ValidationError";
    error.code = "invalid_type";
    error.param = "method";
    throw error;
  }
  return endpoint;
}

/**
 * GitHub's secrets, variables and private-registries REST API (`actions`,
 * `dependabot`, `codespaces`, `agents`, `privateRegistries`), sealing values on the fly. Method names, parameters and responses follow Octokit.
 */
export class GitHubSecrets {
  #client;

  constructor(options = {}) {
    this.#client = new Client(options);
    secretsEndpoints();
    for (const row of table) (this[namespaceOf(row.app)] ??= {})[row.name] = methodOf(this.#client, row);
    const client = this.#client;
    const paginate = async (method, params = {}) => {
      const { app, name } = endpointOf(method);
      return client.paginate(app, name, params);
    };
    paginate.iterator = (method, params = {}) => {
      const { app, name } = endpointOf(method);
      return {
        async *[Symbol.asyncIterator]() {
          // The wasm cursor remembers the pages read: a Link cycle or more than
          // maxPages pages rejects instead of looping for ever.
          const pages = client.pages(app, name, params);
          try {
            for (let response = await pages.next(); response !== undefined; response = await pages.next()) yield response;
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
    return this.#client.requestRoute(route, params);
  }

  /** Sets many secrets in one scope; resolves to one result per secret. */
  setSecrets(target, secrets, options = {}) {
    return this.#client.setSecrets(target, secrets, options);
  }
}

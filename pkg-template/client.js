// GitHubSecrets gives the wasm Client Octokit's shape:
// gh.actions.createOrUpdateRepoSecret(params) -> { status, url, headers, data }.
import { Client, endpoints } from "./wasm/ghseal.js";
import { ValidationError } from "./errors.js";


const APPS = ["actions", "dependabot", "codespaces"];
let table;

/** The endpoint table: `[{ app, name, method, route, op, scope, paginated }]`. */
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
    throw new ValidationError("method: expected a method of a GitHubSecrets instance, e.g. gh.actions.listRepoSecrets", {
      code: "invalid_type",
      param: "method",
    });
  }
  return endpoint;
}

/**
 * GitHub's secrets REST API for Actions, Dependabot and Codespaces, sealing values
 * on the fly. Method names, parameters and responses follow Octokit.
 */
export class GitHubSecrets {
  #client;

  constructor(options = {}) {
    this.#client = new Client(options);
    for (const app of APPS) this[app] = {};
    secretsEndpoints();
    for (const row of table) this[row.app][row.name] = methodOf(this.#client, row);
    const client = this.#client;
    const paginate = async (method, params = {}) => {
      const { app, name } = endpointOf(method);
      return client.paginate(app, name, params);
    };
    paginate.iterator = (method, params = {}) => {
      const { app, name } = endpointOf(method);
      return {
        async *[Symbol.asyncIterator]() {
          let next;
          do {
            const page = await client.page(app, name, params, next);
            next = page.next;
            yield page.response;
          } while (next);
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

// Shared set-up of the GitHubSecrets-over-HTTP tests (tests/node/client*.test.mjs):
// one `useClient()` fixture with the package under test, the emulator and a client
// factory tuned for tests (no write spacing, fast retries).
import { before } from "node:test";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useEmulator } from "./emulator.mjs";
import { importPkg } from "./pkg.mjs";

// The default seed's names and ids (tests/emulator/seed.mjs) the client tests address.
export const OWNER = "octo-org";
export const REPO = "hello-world";
export const REPO_PARAMS = Object.freeze({ owner: OWNER, repo: REPO });
/** octo-org/hello-world (environments production, staging, prod/eu) */
export const HELLO_ID = 1296269;
/** octo-org/spoon-knife */
export const SPOON_ID = 1300192;
/** octo-org/docs, private */
export const DOCS_ID = 1300193;

/**
 * Registers before/after hooks: imports the package (GHSEAL_PKG), starts the emulator
 * (default seed; `options` are useEmulator's) and reads the endpoint table.
 * @param {Parameters<typeof useEmulator>[0]} [options]
 * @returns {{ ghseal: any, rows: object[], emulator: import("../emulator/state.mjs").Emulator,
 *   url: string, client: (options?: object) => any }} filled in by the hooks. `rows` are the
 *   57 secrets rows of Actions, Dependabot and Codespaces (the rest: endpoints-client.test.mjs);
 *   client() is a GitHubSecrets with DEMO_TOKEN, minWriteInterval 0, 1 retry after 5 ms,
 *   10 ms secondary-rate-limit wait, overridden by `options`.
 */
export function useClient(options) {
  const emu = useEmulator(options);
  const h = {
    client: (opts = {}) =>
      new h.ghseal.GitHubSecrets({
        auth: DEMO_TOKEN,
        baseUrl: emu.url,
        throttle: { minWriteInterval: 0 },
        retry: { retries: 1, baseDelay: 5, secondaryRateLimitWait: 10 },
        ...opts,
      }),
  };
  before(async () => {
    h.ghseal = await importPkg();
    await emu.ready;
    h.rows = h.ghseal.secretsEndpoints().filter((r) => ["actions", "dependabot", "codespaces"].includes(r.app) && r.kind === "secret");
    h.emulator = emu.emulator;
    h.url = emu.url;
  });
  return h;
}

/**
 * A GitHubSecrets (DEMO_TOKEN, no write spacing, no retries; `options` override) whose
 * `fetch` records every request it sends before passing it to the global fetch.
 * @param {any} ghseal  the imported package
 * @param {string} baseUrl  the emulator's URL
 * @returns {{ gh: any, requests: Array<{ method: string, path: string, query: string, body: any }>}}
 *   `path` is the URL path, `query` its search string ("" or "?..."), `body` the parsed JSON
 *   body (undefined without one)
 */
export function recordingClient(ghseal, baseUrl, options = {}) {
  const requests = [];
  const fetch = (url, init) => {
    const u = new URL(url);
    requests.push({ method: init.method, path: u.pathname, query: u.search, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    return globalThis.fetch(url, init);
  };
  const gh = new ghseal.GitHubSecrets({ auth: DEMO_TOKEN, baseUrl, fetch, throttle: { minWriteInterval: 0 }, retry: { retries: 0 }, ...options });
  return { gh, requests };
}

// Shared set-up of the GitHubSecrets-over-HTTP tests (tests/node/client*.test.mjs):
// one `useClient()` fixture with the package under test, the emulator and a client
// factory tuned for tests (no write spacing, fast retries).
import { before } from "node:test";
import { DEMO_TOKEN } from "../emulator/index.mjs";
import { useEmulator } from "./emulator.mjs";
import { importPkg } from "./pkg.mjs";

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

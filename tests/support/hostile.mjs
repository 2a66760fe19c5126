// Shared setup of the hostile-server tests (tests/node/hostile-*.test.mjs, issue #15):
// the built package, libsodium, and a client that neither waits nor retries, talking to
// a local server (tests/support/local-server.mjs) that plays a hostile or broken GitHub.
//
//   const hostile = useHostile();
//   const gh = hostile.client(server.url, { maxPages: 25 });
//   const error = await rejection(gh.actions.getRepoPublicKey({ owner: OWNER, repo: REPO }));
import { before } from "node:test";
import assert from "node:assert/strict";
import sodium from "libsodium-wrappers";
import { importPkg } from "./pkg.mjs";

/** The token every hostile-test client sends (and that must never surface). */
export const TOKEN = "ghp_hostileTestToken0123456789abcdefABCD";
export const OWNER = "octo-org";
export const REPO = "hello-world";

/**
 * Registers a `before` hook that imports the package and readies libsodium.
 * @returns {{ ghseal: object, client: (baseUrl: string, options?: object) => object }}
 *   `ghseal` is set once the hook has run; `client` builds a GitHubSecrets with `TOKEN`,
 *   no write throttle and no retries (options override).
 */
export function useHostile() {
  const fixture = {
    ghseal: undefined,
    client: (baseUrl, options = {}) =>
      new fixture.ghseal.GitHubSecrets({
        auth: TOKEN,
        baseUrl,
        throttle: { minWriteInterval: 0 },
        retry: { retries: 0, baseDelay: 1 },
        ...options,
      }),
  };
  before(async () => {
    fixture.ghseal = await importPkg();
    await sodium.ready;
  });
  return fixture;
}

/** Awaits `promise`, expecting it to reject; returns the error. */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected a rejection");
}

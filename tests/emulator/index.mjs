// Local emulator of GitHub's secrets REST API (Actions, Dependabot and
// Codespaces secrets) for ghseal's demo page, client tests and CLI tests.
// It behaves like api.github.com but additionally opens every stored sealed
// box with libsodium-wrappers, so tests can read back the decrypted values.
// See README.md beside this file.

import http from "node:http";
import { Emulator, EmulatorError } from "./state.mjs";
import { createHandler } from "./server.mjs";
import { CONTROL_TOKEN_HEADER, controlPolicy } from "./control.mjs";
import { DEMO_TOKEN, defaultSeed, makeSeed } from "./seed.mjs";

export { DEMO_TOKEN, defaultSeed, makeSeed, Emulator, EmulatorError, CONTROL_TOKEN_HEADER };

/**
 * Start the emulator.
 *
 * @param {object} [options]
 * @param {number} [options.port=0]             0 picks a free port
 * @param {string} [options.host="127.0.0.1"]   listen address (loopback only by default)
 * @param {import("./seed.mjs").Seed} [options.seed=defaultSeed()]  accounts, repositories, environments
 * @param {Array<string|{token:string,login?:string}>} [options.tokens=[DEMO_TOKEN]]
 *   accepted tokens; plain strings authenticate as seed.authenticatedUser
 * @param {boolean} [options.controls=true]     serve the /_emulator/ control API (see control.mjs)
 * @param {string} [options.controlToken]       the control API's credential, sent by clients in the
 *   X-Emulator-Control-Token header; default: 32 random bytes (base64url), new for every start
 * @param {string[]} [options.controlOrigins=[]] web origins (e.g. the demo page's "http://127.0.0.1:8080")
 *   allowed to call the control API from a browser; any other Origin is refused with 403
 * @param {boolean} [options.quiet=true]        when false, print one line per API request to stderr
 * @returns {Promise<{ url: string, port: number, controlToken: string, close: () => Promise<void>, emulator: Emulator }>}
 *   url is "http://127.0.0.1:PORT" (no trailing slash); `emulator` exposes rotateKey, injectFaults,
 *   clearFaults, faults, getSecret, publicKey, log, clearLog, reset, state.
 * @throws {TypeError} on an invalid seed, tokens, controlToken or controlOrigins; rejects with the listen error (e.g. EADDRINUSE)
 */
export async function startEmulator({
  port = 0,
  host = "127.0.0.1",
  seed = defaultSeed(),
  tokens = [DEMO_TOKEN],
  controls = true,
  controlToken,
  controlOrigins = [],
  quiet = true,
} = {}) {
  const policy = controlPolicy({ controls, controlToken, controlOrigins });
  const emulator = await Emulator.create({ seed, tokens });
  const server = http.createServer(createHandler(emulator, { ...policy, quiet }));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${actualPort}`;
  emulator.baseUrl = url;
  let closing;
  return {
    url,
    port: actualPort,
    controlToken: policy.controlToken,
    emulator,
    /** Stop listening and drop open (keep-alive) connections. */
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

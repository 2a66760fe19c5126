#!/usr/bin/env node
// Start the GitHub secrets emulator from the command line:
//   node tests/emulator/cli.mjs [--port 8787] [--host 127.0.0.1] [--repos N] [--verbose] [--no-controls]
//                               [--control-token T] [--control-origin ORIGIN ...]
// Prints "GitHub secrets emulator: http://127.0.0.1:PORT (token: ghp_ghsealDemoToken)",
// then (unless --no-controls) "Control API: X-Emulator-Control-Token: TOKEN", and runs
// until SIGINT/SIGTERM.

import { parseArgs } from "node:util";
import { DEMO_TOKEN, defaultSeed, makeSeed, startEmulator } from "./index.mjs";

const USAGE = `usage: node tests/emulator/cli.mjs [options]
  --port N        port to listen on (default 8787; 0 picks a free one)
  --host ADDR     address to listen on (default 127.0.0.1)
  --repos N       add N repositories repo-01..repo-N to octo-org (see makeSeed)
  --verbose       print one line per API request to stderr
  --no-controls   do not serve the /_emulator/ control API
  --control-token T     the control API's credential (header X-Emulator-Control-Token);
                        default env GHSEAL_EMULATOR_CONTROL_TOKEN, else a random one (printed)
  --control-origin O    a web origin allowed to call the control API from a browser
                        (repeatable; requests with any other Origin header get 403)
  --help          this text`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      host: { type: "string", default: "127.0.0.1" },
      repos: { type: "string" },
      verbose: { type: "boolean", default: false },
      "no-controls": { type: "boolean", default: false },
      "control-token": { type: "string" },
      "control-origin": { type: "string", multiple: true, default: [] },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  }));
} catch (err) {
  process.stderr.write(`${err.message}\n${USAGE}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be an integer 0..65535, got ${values.port}\n`);
  process.exit(2);
}
let seed = defaultSeed();
if (values.repos !== undefined) {
  const repos = Number(values.repos);
  if (!Number.isInteger(repos) || repos < 0) {
    process.stderr.write(`--repos must be a non-negative integer, got ${values.repos}\n`);
    process.exit(2);
  }
  seed = makeSeed({ repos });
}

let server;
try {
  server = await startEmulator({
    port,
    host: values.host,
    seed,
    controls: !values["no-controls"],
    controlToken: values["control-token"] ?? (process.env.GHSEAL_EMULATOR_CONTROL_TOKEN || undefined),
    controlOrigins: values["control-origin"],
    quiet: !values.verbose,
  });
} catch (err) {
  if (err instanceof TypeError) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`GitHub secrets emulator: cannot listen on ${values.host}:${port}: ${err.message}\n`);
  process.exit(1);
}
process.stdout.write(`GitHub secrets emulator: ${server.url} (token: ${DEMO_TOKEN})\n`);
if (!values["no-controls"]) process.stdout.write(`Control API: X-Emulator-Control-Token: ${server.controlToken}\n`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

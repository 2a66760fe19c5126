// Run by tests/runtimes/deno.test.mjs as
//   deno run --allow-read=<project> --allow-net=127.0.0.1:<port> main.js '<config JSON>'
// in a project with ghseal installed in node_modules (Deno resolves the bare
// specifiers from there). Prints one JSON line: exercise()'s result, where Deno
// resolved the entries, and the permissions it ran with.
import * as ghseal from "ghseal";
import * as sealEntry from "ghseal/seal";
import { exercise } from "./exercise.js";

const config = JSON.parse(Deno.args[0]);
const result = await exercise(ghseal, sealEntry, config);
result.resolved = { main: import.meta.resolve("ghseal"), seal: import.meta.resolve("ghseal/seal") };
const state = (descriptor) => Deno.permissions.querySync(descriptor).state;
result.permissions = {
  write: state({ name: "write" }),
  env: state({ name: "env" }),
  run: state({ name: "run" }),
  otherHost: state({ name: "net", host: "example.com" }),
  readOutside: state({ name: "read", path: "/etc" }),
};
result.deno = Deno.version.deno;
console.log(JSON.stringify(result));

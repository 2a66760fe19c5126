// The package's version for `ghseal --version` and the User-Agent, in a module of
// its own so that building the command line loads nothing else (program.js).
import { readFileSync } from "node:fs";

let cachedVersion;
/** The package's version, from its package.json ("0.0.0" if unreadable). */
export function version() {
  if (!cachedVersion) {
    try {
      cachedVersion = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
    } catch {
      cachedVersion = "0.0.0";
    }
  }
  return cachedVersion;
}

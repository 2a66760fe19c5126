// A temp folder per test file: created when the file registers it (so hooks and tests
// may use it at once), removed by an `after` hook in the calling node:test scope.
//
//   const tmp = useTempDir("ghseal-cli-hardening-");
//   const path = tmp.file("values.env", "A=1\n");   // tmp.path is the folder
import { after } from "node:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * @param {string} prefix  the folder name's prefix, e.g. "ghseal-sync-"
 * @returns {{ path: string, file: (name: string, text: string | Uint8Array) => string }}
 *   `path`: the folder (absolute); `file(name, text)` writes a file in it, returns its path
 */
export function useTempDir(prefix) {
  const path = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(path, { recursive: true, force: true }));
  return {
    path,
    file(name, text) {
      const file = join(path, name);
      writeFileSync(file, text);
      return file;
    },
  };
}

// Resolves the ghseal package directory under test: env GHSEAL_PKG (absolute, or
// relative to the repository root), default `pkg`. Every test imports the package
// through this helper so one variable switches between builds, e.g.
//   GHSEAL_PKG=target/pkg-crypto node --test tests/node/interop.test.mjs
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Absolute path of the repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Absolute path of the package directory under test. */
export const pkgDir = resolve(repoRoot, process.env.GHSEAL_PKG || "pkg");

/** Throws a readable error unless `pkgDir` holds a built package. */
export function assertBuilt() {
  for (const file of ["package.json", "node.js", "index.js", "index.cjs", "slim.js", "wasm/ghseal_bg.wasm"]) {
    if (!existsSync(join(pkgDir, file))) {
      throw new Error(
        `GHSEAL_PKG=${process.env.GHSEAL_PKG ?? "(unset)"} -> ${pkgDir} is not a built ghseal package (missing ${file}); ` +
          `build it with: node scripts/build.mjs --out ${pkgDir}`,
      );
    }
  }
}

/** file: URL of a file inside the package, e.g. pkgUrl("node.js"). */
export function pkgUrl(relative = "node.js") {
  return pathToFileURL(join(pkgDir, relative)).href;
}

/** Imports an entry of the package (default: the Node ESM entry) by file URL. */
export async function importPkg(relative = "node.js") {
  assertBuilt();
  return import(pkgUrl(relative));
}

/**
 * Imports an entry of the package and readies libsodium-wrappers (imported here, on
 * first use), for tests that check the package against libsodium.
 * @returns {Promise<{ ghseal: object, sodium: object }>} the entry's module and ready libsodium
 */
export async function importWithSodium(relative = "node.js") {
  const { default: sodium } = await import("libsodium-wrappers");
  const [ghseal] = await Promise.all([importPkg(relative), sodium.ready]);
  return { ghseal, sodium };
}

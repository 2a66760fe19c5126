// What a bundler makes of an entry of the built package: esbuild, platform browser,
// ESM with code splitting (as vite/rollup would split a dynamic import()), nothing
// written. Used by the split tests (client-split, sync-split) to check what loads on
// import and what only on first use.
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { pkgDir } from "./pkg.mjs";

/**
 * The module graph of `entry` (a path inside the built package) as esbuild bundles it.
 * @param {string} entry e.g. "index.js"
 * @param {{ plugins?: import("esbuild").Plugin[] }} [options] extra esbuild plugins (e.g. to record resolutions)
 * @returns {Promise<{ eager: string[], lazy: string[], inputs: string[] }>} package-relative paths, sorted:
 *   `eager` the files in the entry's chunk and the chunks it imports statically (what `import` loads),
 *   `lazy` the files only in chunks reached through dynamic import(), `inputs` every file reached
 */
export async function browserGraph(entry, { plugins = [] } = {}) {
  const result = await build({
    entryPoints: [join(pkgDir, entry)],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    outdir: join(tmpdir(), "ghseal-bundle-graph"),
    write: false,
    metafile: true,
    logLevel: "silent",
    external: ["node:*"],
    plugins,
  });
  const { outputs, inputs } = result.metafile;
  const [entryOut] = Object.entries(outputs).find(([, o]) => o.entryPoint);
  const seen = new Set();
  const walk = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const i of outputs[name].imports) if (i.kind === "import-statement" && outputs[i.path]) walk(i.path);
  };
  walk(entryOut);
  const rel = (files) => [...new Set(files)].map((f) => relative(pkgDir, resolve(f))).sort();
  const files = (names) => rel(names.flatMap((n) => Object.keys(outputs[n].inputs)));
  const lazy = Object.keys(outputs).filter((n) => !seen.has(n) && !n.endsWith(".map"));
  return { eager: files([...seen]), lazy: files(lazy), inputs: rel(Object.keys(inputs)) };
}

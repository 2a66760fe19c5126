// A Cloudflare Worker bundled by tests/runtimes/workerd.test.mjs the way wrangler
// bundles (esbuild, conditions workerd/worker/browser, the .wasm as a CompiledWasm
// module) and run in workerd by Miniflare.
//   POST /exercise  body: exercise()'s config -> its JSON result (500 + { error } on failure)
//   GET  /policy    what workerd answers to eval, new Function and compiling wasm bytes
//                   in a request, and to compiling wasm bytes at start-up
import * as ghseal from "ghseal";
import { exercise } from "./exercise.js";

/** The 8-byte header of an empty wasm module: "\0asm", version 1. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** The message of what `fn` throws or rejects with, or "allowed". */
async function refusal(fn) {
  try {
    await fn();
    return "allowed";
  } catch (e) {
    return `${e?.name}: ${e?.message}`;
  }
}

/** Compiling wasm bytes while the worker starts (module scope), which workerd permits. */
let startupWasm;
try {
  startupWasm = new WebAssembly.Module(EMPTY_WASM) instanceof WebAssembly.Module ? "allowed" : "?";
} catch (e) {
  startupWasm = `${e?.name}: ${e?.message}`;
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/exercise" && request.method === "POST") {
      try {
        return Response.json(await exercise(ghseal, null, await request.json()));
      } catch (e) {
        return Response.json({ error: `${e?.name}: ${e?.message}`, status: e?.status }, { status: 500 });
      }
    }
    if (pathname === "/policy") {
      // Indirect eval, so esbuild keeps the call and the bundle has no "eval(" token.
      const indirectEval = globalThis["ev" + "al"];
      const FunctionCtor = Object.getPrototypeOf(() => {}).constructor;
      return Response.json({
        eval: await refusal(() => indirectEval("1")),
        newFunction: await refusal(() => FunctionCtor("return 1")),
        wasmModule: await refusal(() => new WebAssembly.Module(EMPTY_WASM)),
        wasmCompile: await refusal(() => WebAssembly.compile(EMPTY_WASM)),
        wasmInstantiate: await refusal(() => WebAssembly.instantiate(EMPTY_WASM)),
        startupWasm,
      });
    }
    return new Response("not found", { status: 404 });
  },
};

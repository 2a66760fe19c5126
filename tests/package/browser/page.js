// The one script of the bundler-free pages (index.html, slim.html, csp.html): imports
// the entry the page names (`<html data-entry>`, or ?entry=index|slim on csp.html),
// seals ?value= for ?pk= and writes the base64 sealed box into #out, or
// `${name}: ${message}` into #error. An external script, so it also runs under
// csp.html's strict Content-Security-Policy (no inline script).
const params = new URLSearchParams(location.search);
try {
  let api;
  if ((params.get("entry") ?? document.documentElement.dataset.entry) === "slim") {
    // the slim entry: `await init()` fetches wasm/ghseal_bg.wasm next to the glue
    api = await import("./node_modules/ghseal/slim.js");
    await api.init();
  } else {
    // the default entry: the wasm is inlined
    api = await import("./node_modules/ghseal/index.js");
  }
  document.getElementById("out").textContent = api.sealSecret(params.get("pk"), params.get("value"));
} catch (e) {
  document.getElementById("error").textContent = `${e.name}: ${e.message}`;
}

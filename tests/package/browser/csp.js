// Loaded by csp.html under a strict Content-Security-Policy.
const params = new URLSearchParams(location.search);
try {
  let api;
  if (params.get("entry") === "slim") {
    api = await import("./node_modules/ghseal/slim.js");
    await api.init();
  } else {
    api = await import("./node_modules/ghseal/index.js");
  }
  document.getElementById("out").textContent = api.sealSecret(params.get("pk"), params.get("value"));
} catch (e) {
  document.getElementById("error").textContent = `${e.name}: ${e.message}`;
}

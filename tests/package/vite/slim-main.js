// A vite app using "ghseal/slim": vite must emit ghseal_bg.wasm as an asset for the
// glue's `new URL("ghseal_bg.wasm", import.meta.url)`, which init() fetches.
import { init, sealSecret } from "ghseal/slim";

const params = new URLSearchParams(location.search);
init()
  .then(() => {
    document.getElementById("out").textContent = sealSecret(params.get("pk"), params.get("value"));
  })
  .catch((e) => {
    document.getElementById("error").textContent = `${e.name}: ${e.message}`;
  });

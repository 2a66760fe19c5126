// A vite app using the package's default entry (bare specifier, no init call).
import { sealSecret } from "ghseal";

const params = new URLSearchParams(location.search);
try {
  document.getElementById("out").textContent = sealSecret(params.get("pk"), params.get("value"));
} catch (e) {
  document.getElementById("error").textContent = `${e.name}: ${e.message}`;
}

// ghseal demo page: start-up and wiring. Loads /config.json (the emulator's address,
// its demo token and this run's control token) and the package from /pkg/ (the
// default entry: wasm inlined, no init call), then connects the panels:
//   connection.js (1), secret-form.js + secret-panel.js (2), result.js (3),
//   list-panel.js (4), offline-panel.js; scopes come from the package's endpoint table.
import { $, busy, clearErrors, setStatus } from "./dom.js";
import { scopeTable } from "./scopes.js";
import { createConnection } from "./connection.js";
import { createSecretForm } from "./secret-form.js";
import { createSecretPanel } from "./secret-panel.js";
import { createListPanel } from "./list-panel.js";
import { createOfflinePanel } from "./offline-panel.js";
import { resetResult } from "./result.js";

async function load() {
  const res = await fetch("/config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`/config.json answered ${res.status}`);
  const config = await res.json();
  const lib = await import("/pkg/index.js");
  return { config, lib };
}

function start({ config, lib }) {
  const table = scopeTable(lib.secretsEndpoints());
  const conn = createConnection({ lib, config });
  /** The scope or API changed: what was shown for the old one goes. */
  const staleGone = () => {
    clearErrors($("secret-form"), ["form-error"]);
    setStatus("secret-status", "");
    resetResult();
  };
  const form = createSecretForm({ table, onTargetChange: staleGone });
  const list = createListPanel({ conn, table, form });
  let lastKey;
  const panel = createSecretPanel({ lib, config, conn, table, form, list, onKey: (k) => (lastKey = { key: k.key, key_id: k.key_id }) });
  const offline = createOfflinePanel({ lib, lastKey: () => lastKey });

  $("conn-form").addEventListener("submit", (e) => {
    e.preventDefault();
    busy([$("check-token")], conn.checkToken);
  });
  for (const r of document.querySelectorAll('input[name="target"]')) {
    r.addEventListener("change", () =>
      conn.switchTarget(() => {
        staleGone();
        list.clear();
        lastKey = undefined;
      }),
    );
  }
  const secretButtons = ["upload", "fetch-key", "list", "update-repos"].map($);
  $("secret-form").addEventListener("submit", (e) => {
    e.preventDefault();
    busy(secretButtons, panel.upload);
  });
  $("fetch-key").addEventListener("click", () => busy(secretButtons, panel.onlyFetchKey));
  $("list").addEventListener("click", () => busy(secretButtons, () => list.refresh()));
  $("update-repos").addEventListener("click", () => busy(secretButtons, panel.updateRepos));
  form.wire();
  offline.wire();

  const d = config.defaults ?? {};
  $("owner").value = d.owner ?? "";
  $("repo").value = d.repo ?? "";
  $("environment").value = d.environment ?? "";
  $("org").value = d.org ?? "";
  $("name").value = d.secretName ?? "";
  $("value-hint").textContent = `Up to 48 KiB (${lib.MAX_SECRET_BYTES} bytes as UTF-8). Sealed in this page; cleared after a successful upload.`;
  $("offline-value-hint").textContent = `Up to 48 KiB (${lib.MAX_SECRET_BYTES} bytes as UTF-8). Cleared once sealed.`;
  conn.start();
  form.fillScopes();
}

async function main() {
  const controls = document.querySelectorAll("button, input, select, textarea");
  for (const c of controls) c.disabled = true;
  let loaded;
  try {
    loaded = await load();
  } catch (err) {
    setStatus("app-status", `The demo could not start: ${err.message}. Is scripts/serve-demo.mjs running with a built package?`, "bad");
    return;
  }
  for (const c of controls) c.disabled = false;
  start(loaded);
  setStatus("app-status", "Ready.", "ok");
  document.body.dataset.ready = "true";
}

main();

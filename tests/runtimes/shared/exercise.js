// Runs inside the runtime under test (Deno, workerd): drives the installed ghseal
// package and returns plain JSON for the Node test to check with libsodium and the
// emulator. Uses only web-standard globals, so it runs unchanged in every runtime.
//
// config: {
//   pk, sk            standard base64 of a libsodium X25519 key pair (32 bytes each)
//   value             the plaintext (UTF-8)
//   sealedForUs       `value` sealed for pk by libsodium (crypto_box_seal), base64
//   emulatorUrl       the GitHub emulator's base URL, "http://127.0.0.1:PORT"
//   token             a token the emulator accepts
//   owner, repo, secretName  where to write the repository secret (Actions)
// }

/** `{ name, code, param, status }` of a thrown ghseal error, or "no error". */
function errorOf(fn) {
  try {
    fn();
    return "no error";
  } catch (e) {
    return { name: e?.name, code: e?.code, param: e?.param };
  }
}

/**
 * Seals, opens and generates keys with `ghseal` (and `ghseal/seal` when given), then
 * writes one Actions repository secret to the emulator with `GitHubSecrets` and reads
 * its metadata back. Throws only when the write itself rejects.
 */
export async function exercise(ghseal, sealEntry, config) {
  const { pk, sk, value, sealedForUs } = config;
  const out = {};
  out.sealed = ghseal.sealSecret(pk, value);
  out.opened = ghseal.openSecret(sealedForUs, sk);
  out.openedBytes = Array.from(ghseal.openSecretBytes(sealedForUs, sk));
  const kp = ghseal.generateKeyPair();
  out.generated = { publicKey: kp.publicKey, secretKey: kp.secretKey };
  out.generatedSealed = ghseal.sealSecret(kp.publicKey, value);
  out.generatedOpened = ghseal.openSecret(out.generatedSealed, kp.secretKey);
  out.wrongKey = errorOf(() => ghseal.openSecret(out.sealed, kp.secretKey));
  out.badKey = errorOf(() => ghseal.sealSecret("not a key", value));
  if (sealEntry) {
    out.sealEntry = {
      exports: Object.keys(sealEntry).sort(),
      sealed: sealEntry.sealSecret(pk, value),
      opened: sealEntry.openSecret(sealedForUs, sk),
    };
  }
  const gh = new ghseal.GitHubSecrets({
    auth: config.token,
    baseUrl: config.emulatorUrl,
    throttle: { minWriteInterval: 0 },
    retry: { retries: 0 },
  });
  const params = { owner: config.owner, repo: config.repo, secret_name: config.secretName };
  const written = await gh.actions.createOrUpdateRepoSecret({ ...params, value });
  const read = await gh.actions.getRepoSecret(params);
  out.write = { status: written.status, url: written.url };
  out.read = { status: read.status, name: read.data?.name };
  out.plan = await planOne(gh, config);
  return out;
}

/**
 * gh.plan of one new secret (SYNC_SPLIT) in the repository: loads the sync engine
 * and its own wasm (sync-wasm/) through the runtime's sync wasm loader (sync/wasm.*.js, chosen by the entry). The
 * manifest is what parseManifest returns for
 * `targets: [{ repositories: [owner/repo], secrets: { SYNC_SPLIT: { env: SYNC_SPLIT } } }]`.
 */
async function planOne(gh, config) {
  const path = "targets[0].secrets.SYNC_SPLIT";
  const secret = { name: "SYNC_SPLIT", path, segments: ["targets", 0, "secrets", "SYNC_SPLIT"], source: { type: "env", ref: "SYNC_SPLIT" } };
  const target = { path: "targets[0]", index: 0, app: "actions", prune: false, protect: [], createEnvironments: false, secrets: [secret], variables: [], repositories: [`${config.owner}/${config.repo}`] };
  const planned = await gh.plan({ manifest: { targets: [target] }, values: new Map([[path, config.value]]) }, { stateKey: "runtime test state key (16+ bytes)" });
  return { counts: planned.counts, writes: planned.writes, items: planned.items.map((i) => [i.target, i.kind, i.name, i.action]) };
}

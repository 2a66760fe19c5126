// `ghseal/sync` (Node): the manifest loader, value sources and state file of
// `ghseal sync`. The plan and apply themselves are `gh.plan` / `gh.apply` on
// GitHubSecrets (any runtime); this entry adds what needs a filesystem.
export { MANIFEST_SCHEMA, ManifestError, SYNC_APPS, VARIABLE_APPS, formatError, namePattern, parseManifest } from "./manifest.js";
export { MAX_VALUE_BYTES, loadManifest, resolveValues } from "./sources.js";
export { DEFAULT_STATE_FILE, configDir, loadStateKey, readState, writeStateAtomic } from "./state-file.js";

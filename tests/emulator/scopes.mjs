// The emulator's secrets collections ("scopes"): one per repository app, environment,
// organization app and user, each created lazily with its own key pair (keys.mjs) and
// its secrets and variables; and the resolution of control-API scope paths such as
// "/repos/OWNER/REPO/actions" to them. The Emulator (state.mjs) exposes both as methods.
import { EmulatorError } from "./errors.mjs";
import { newKeyPair } from "./keys.mjs";

export const APPS = Object.freeze(["actions", "dependabot", "codespaces", "agents"]);
/** Collections an organization has: each app's secrets, plus its private registries (own key pair). */
export const ORG_APPS = Object.freeze([...APPS, "private-registries"]);

const lower = (s) => String(s).toLowerCase();

/**
 * Get (creating lazily, with a fresh key pair) the scope for one secrets collection.
 * @param {import("./state.mjs").Emulator} emu
 * @param {{ kind: "repo"|"environment"|"org"|"user", app?: string, repo?: any, env?: string, org?: any, user?: any }} spec
 */
export function scope(emu, spec) {
  let key;
  let path;
  switch (spec.kind) {
    case "repo":
      key = `repo:${spec.app}:${spec.repo.id}`;
      path = `/repos/${spec.repo.full_name}/${spec.app}`;
      break;
    case "environment":
      key = `env:${spec.repo.id}:${lower(spec.env)}`;
      path = `/repos/${spec.repo.full_name}/environments/${spec.env}`;
      spec = { ...spec, app: "actions" };
      break;
    case "org":
      key = `org:${spec.app}:${spec.org.id}`;
      path = `/orgs/${spec.org.login}/${spec.app}`;
      break;
    case "user":
      key = `user:${spec.user.id}`;
      path = spec.user.id === emu.defaultUser.id ? "/user/codespaces" : `/users/${spec.user.login}/codespaces`;
      spec = { ...spec, app: "codespaces" };
      break;
    default:
      throw new EmulatorError(400, `unknown scope kind ${spec.kind}`);
  }
  let found = emu.scopes.get(key);
  if (!found) {
    found = { ...spec, key: newKeyPair(), path, secrets: new Map(), variables: new Map() };
    emu.scopes.set(key, found);
  }
  return found;
}

/**
 * Resolve a scope path such as "/repos/octo-org/hello-world/actions",
 * "/repos/octo-org/hello-world/environments/prod/eu" (raw environment name),
 * "/orgs/octo-org/dependabot", "/user/codespaces" (the default user) or
 * "/users/LOGIN/codespaces". A trailing "/secrets" is tolerated.
 * @param {import("./state.mjs").Emulator} emu
 * @param {string} scopePath
 * @throws {EmulatorError} 404 for unknown accounts/repos/environments, 400 for malformed paths
 */
export function resolveScope(emu, scopePath) {
  if (typeof scopePath !== "string" || !scopePath.startsWith("/")) {
    throw new EmulatorError(400, `scope must be a path like "/repos/OWNER/REPO/actions", got ${JSON.stringify(scopePath)}`);
  }
  const parts = scopePath.replace(/\/(secrets|variables)\/?$/, "").replace(/\/+$/, "").split("/").slice(1);
  const unknown = () => new EmulatorError(404, `unknown scope ${scopePath}`);
  if (parts[0] === "repos" && parts.length >= 4) {
    const repo = emu.findRepo(parts[1], parts[2]);
    if (!repo) throw unknown();
    if (parts[3] === "environments" && parts.length >= 5) {
      const raw = parts.slice(4).join("/");
      let env = emu.findEnvironment(repo, raw);
      if (!env) {
        try {
          env = emu.findEnvironment(repo, decodeURIComponent(raw));
        } catch {
          /* not encoded */
        }
      }
      if (!env) throw unknown();
      return scope(emu, { kind: "environment", repo, env });
    }
    if (parts.length === 4 && APPS.includes(parts[3])) return scope(emu, { kind: "repo", app: parts[3], repo });
  } else if (parts[0] === "orgs" && parts.length === 3 && ORG_APPS.includes(parts[2])) {
    const org = emu.findOrg(parts[1]);
    if (!org) throw unknown();
    return scope(emu, { kind: "org", app: parts[2], org });
  } else if (parts[0] === "user" && parts.length === 2 && parts[1] === "codespaces") {
    return scope(emu, { kind: "user", user: emu.defaultUser });
  } else if (parts[0] === "users" && parts.length === 3 && parts[2] === "codespaces") {
    const user = emu.findUser(parts[1]);
    if (!user) throw unknown();
    return scope(emu, { kind: "user", user });
  }
  throw new EmulatorError(400, `unrecognised scope path ${scopePath}`);
}

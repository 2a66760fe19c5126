// Types for `ghseal/octokit`. Hand-written; no `any`, no import of Octokit's own
// packages (optional peer dependencies).
import type { EnvironmentParams, OctokitResponse, OrgParams, RepoParams, RepositoryId, SecretParams, Visibility } from "./index.js";

/**
 * The plaintext the plugin seals (libsodium `crypto_box_seal`) with the scope's
 * current public key: a string (sent as UTF-8) or bytes, at most 48 KiB. Instead of
 * `encrypted_value` + `key_id`, never with them.
 */
export interface SealValue {
  value: string | Uint8Array;
  encrypted_value?: never;
  key_id?: never;
}

/** Octokit's per-request options, accepted next to the parameters. */
export interface RequestExtras {
  baseUrl?: string;
  headers?: Record<string, string | number | undefined>;
  mediaType?: { format?: string; previews?: string[] };
  request?: Record<string, unknown>;
}

/** A secret write taking `value`; resolves as Octokit does: 201 created, 204 updated. */
export type SealingWrite<P> = (params: P & SealValue & RequestExtras) => Promise<OctokitResponse<unknown, 201 | 204>>;

type OrgBody = { visibility: Visibility; selected_repository_ids?: RepositoryId[] };

/** The writes shared by Actions, Dependabot and Codespaces. */
export interface SealingMethods {
  createOrUpdateRepoSecret: SealingWrite<RepoParams & SecretParams>;
  createOrUpdateOrgSecret: SealingWrite<OrgParams & SecretParams & OrgBody>;
}
export interface SealingActionsMethods extends SealingMethods {
  createOrUpdateEnvironmentSecret: SealingWrite<EnvironmentParams & SecretParams>;
}
export interface SealingCodespacesMethods extends SealingMethods {
  createOrUpdateSecretForAuthenticatedUser: SealingWrite<SecretParams & { selected_repository_ids?: RepositoryId[] }>;
}

/**
 * What the plugin adds to an Octokit instance's type: an overload of each secret
 * write of `octokit.rest` (from @octokit/plugin-rest-endpoint-methods, which
 * @octokit/rest and octokit include) that takes `value`. Types only: at run time
 * the plugin adds nothing and the methods stay Octokit's own, with a request hook.
 */
export interface SealSecretsApi {
  rest: {
    actions: SealingActionsMethods;
    dependabot: SealingMethods;
    codespaces: SealingCodespacesMethods;
  };
}

/** The part of an Octokit instance the plugin uses: `hook.wrap("request", ...)` and `request(route, params)`. */
export interface OctokitLike {
  // eslint-disable-next-line @typescript-eslint/ban-types -- Octokit's generic hook and request types vary by version
  hook: { wrap: Function };
  // eslint-disable-next-line @typescript-eslint/ban-types
  request: Function;
}

/**
 * The Octokit plugin: `Octokit.plugin(sealSecrets)`. Registers a `request` hook that
 * seals `value` for every secret write of ghseal's endpoint table, fetching (and
 * caching per scope) the public key through the same instance, and retrying once
 * with a fresh key after a 422 caused by a rotated key.
 * @throws {GhsealError} `ValidationError` (param `value`) before any request when
 *   `value` comes with `encrypted_value`, is not a string or Uint8Array, or is over
 *   48 KiB; (param `key_id`) when `key_id` comes with `value`.
 */
export declare function sealSecrets(octokit: OctokitLike, options?: object): SealSecretsApi;
export default sealSecrets;

/** GitHub's limit on a secret value (the package's own constant, re-exported). */
export { MAX_SECRET_BYTES } from "./index.js";

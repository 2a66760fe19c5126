// Types for ghseal. Hand-written; every export is typed, no `any`.

/**
 * Seals `value` for `publicKey` with libsodium's `crypto_box_seal` (X25519 +
 * XSalsa20-Poly1305, nonce = BLAKE2b-192(ephemeral_pk || publicKey)) and returns
 * the base64 `encrypted_value` GitHub expects: standard alphabet, padded, of
 * 48 + value-length bytes.
 * @param publicKey base64 string (standard alphabet, padding optional), as GitHub's
 *   `.../secrets/public-key` returns it, or the 32 raw bytes.
 * @param value the secret: a string (encoded as UTF-8) or bytes.
 * @throws {GhsealError} `name: "ValidationError"` when `publicKey` is not base64,
 *   not 32 bytes, or either argument has the wrong type.
 */
export function sealSecret(publicKey: string | Uint8Array, value: string | Uint8Array): string;

/**
 * Opens a sealed box (libsodium `crypto_box_seal_open`) and decodes it as UTF-8.
 * @param sealed base64 (standard alphabet) or bytes, as `sealSecret` returns.
 * @param secretKey base64 or the 32 raw bytes of the recipient's secret key.
 * @throws {GhsealError} `name: "DecryptionError"` when the box does not open with
 *   this key; `"ValidationError"` for bad input or a plaintext that is not UTF-8.
 */
export function openSecret(sealed: string | Uint8Array, secretKey: string | Uint8Array): string;

/** As {@link openSecret}, returning the plaintext bytes. */
export function openSecretBytes(sealed: string | Uint8Array, secretKey: string | Uint8Array): Uint8Array;

/**
 * libsodium `crypto_box_SEALBYTES`: a sealed box is 48 bytes longer than its
 * plaintext (32-byte ephemeral public key + 16-byte Poly1305 tag), so
 * `sealSecret` returns base64 of `SEAL_OVERHEAD + value-length` bytes.
 */
export const SEAL_OVERHEAD: 48;

/**
 * GitHub's limit on a secret's value: 48 KiB = 49152 bytes of plaintext (UTF-8
 * bytes for strings). The client refuses larger values with a `ValidationError`
 * before any request.
 */
export const MAX_SECRET_BYTES: 49152;

/** A fresh X25519 key pair (libsodium `crypto_box_keypair`), both base64 of 32 bytes. */
export function generateKeyPair(): KeyPair;

export interface KeyPair {
  /** base64 of 32 bytes */
  publicKey: string;
  /** base64 of 32 bytes; keep it secret */
  secretKey: string;
}

/** Every error ghseal throws or rejects with is an `Error` with these fields. */
export interface GhsealError extends Error {
  name: "ValidationError" | "DecryptionError" | "EncryptionError" | "HttpError";
  /** invalid_base64 | invalid_length | invalid_type | invalid_param | open_failed | seal_failed | http | network | timeout */
  code: string;
  /** The parameter at fault (validation errors). */
  param?: string;
  /** HTTP status; 0 when no response arrived (network error, timeout). */
  status?: number;
  /** The request, `authorization` redacted (HTTP errors). */
  request?: { method: string; url: string; headers?: Record<string, string> };
  /** GitHub's answer (HTTP errors). */
  response?: OctokitResponse<unknown>;
}

/** What every method resolves to, as in Octokit. Header names are lower-case. */
export interface OctokitResponse<T, S extends number = number> {
  status: S;
  url: string;
  headers: Record<string, string>;
  data: T;
}

export type Visibility = "all" | "private" | "selected";
export type RepositoryId = number | string;

export interface PublicKeyData { key_id: string; key: string; id?: number; url?: string; title?: string; created_at?: string }
export interface SecretData { name: string; created_at: string; updated_at: string }
export interface OrgSecretData extends SecretData { visibility: Visibility; selected_repositories_url?: string }
export interface SecretsList<T = SecretData> { total_count: number; secrets: T[] }
export interface MinimalRepository { id: number; node_id?: string; name: string; full_name: string; private?: boolean; owner?: { login: string; id?: number }; [field: string]: unknown }
export interface RepositoriesList { total_count: number; repositories: MinimalRepository[] }

export interface RepoParams { owner: string; repo: string }
export interface EnvironmentParams extends RepoParams { environment_name: string }
export interface OrgParams { org: string }
export interface PageParams { per_page?: number; page?: number }
export interface SecretParams { secret_name: string }
export interface RepositoryParams { repository_id: RepositoryId }
/** Give `value` (sealed for you with the scope's current public key) or a ready `encrypted_value` + `key_id`. */
export type SecretValue = { value: string; encrypted_value?: never; key_id?: never } | { encrypted_value: string; key_id: string; value?: never };
/** `visibility` (organization variables, registries); `selected_repository_ids` only with `"selected"`. */
export type VisibilityBody = { visibility: "all" | "private"; selected_repository_ids?: never } | { visibility: "selected"; selected_repository_ids?: RepositoryId[] };
/** As {@link VisibilityBody}, for updates that may leave the visibility as it is. */
export type OptionalVisibilityBody = VisibilityBody | { visibility?: never; selected_repository_ids?: never };
/**
 * Organization secrets: without `visibility`, an existing org secret keeps its visibility and
 * selected repositories (the client reads them first); a new one gets `private`.
 */
export type KeptVisibilityBody = { visibility?: "all" | "private"; selected_repository_ids?: never } | { visibility: "selected"; selected_repository_ids?: RepositoryId[] };
/** As {@link SecretValue}, where the sealed value is optional (private registries: OIDC needs none). */
export type OptionalSecretValue = SecretValue | { value?: never; encrypted_value?: never; key_id?: never };
export type OrgSecretBody = SecretValue & KeptVisibilityBody;
export interface SelectedReposBody { selected_repository_ids: RepositoryId[] }
export interface CodespacesUserSecretData extends SecretData { visibility: Visibility; selected_repositories_url: string }
/** A variable: plaintext by design (GitHub stores and returns `value` as is). */
export interface VariableData { name: string; value: string; created_at: string; updated_at: string }
export interface OrgVariableData extends VariableData { visibility: Visibility; selected_repositories_url?: string }
export interface VariablesList<T = VariableData> { total_count: number; variables: T[] }
/** An organization's private registry configuration (Dependabot); its secret is never returned. */
export interface PrivateRegistryData {
  name: string;
  registry_type: string;
  visibility: Visibility;
  created_at: string;
  updated_at: string;
  url?: string;
  username?: string | null;
  replaces_base?: boolean;
  auth_type?: string;
  selected_repository_ids?: number[];
  [field: string]: unknown;
}
export interface PrivateRegistriesList { total_count: number; configurations: PrivateRegistryData[] }

export type M<P, T, S extends number = number> = ((params: P) => Promise<OctokitResponse<T, S>>) & { readonly endpoint: SecretsEndpoint };
/** A method whose parameters are all optional: callable with no argument. */
export type MO<P, T, S extends number = number> = ((params?: P) => Promise<OctokitResponse<T, S>>) & { readonly endpoint: SecretsEndpoint };

// The typed namespaces (ActionsMethods, ..., PrivateRegistriesMethods) are generated from
// GitHub's OpenAPI description by scripts/gen-endpoints.mjs into endpoints.d.ts.
import type { ActionsMethods, AgentsMethods, CodespacesMethods, DependabotMethods, EndpointApp, PrivateRegistriesMethods } from "./endpoints.js";
export type { ActionsMethods, AgentsMethods, CodespacesMethods, DependabotMethods, EndpointApp, Namespaces, PrivateRegistriesMethods } from "./endpoints.js";

/** One row of the endpoint table. */
export interface SecretsEndpoint {
  /** the app (the CLI's `--app`); its JS namespace is the camelCase form (`privateRegistries`) */
  app: EndpointApp;
  /** Octokit's method name */
  name: string;
  method: "GET" | "PUT" | "POST" | "PATCH" | "DELETE";
  /** GitHub REST route template, e.g. `/repos/{owner}/{repo}/actions/secrets/{secret_name}` */
  route: string;
  op: "public-key" | "list" | "list-organization" | "get" | "put" | "create" | "update" | "delete" | "list-repos" | "set-repos" | "add-repo" | "remove-repo";
  scope: "repo" | "environment" | "org" | "user";
  /** what the route holds: sealed secrets, plaintext variables, or private registries (sealed) */
  kind: "secret" | "variable" | "registry";
  paginated: boolean;
}

/** The endpoint table (113 rows, generated from GitHub's OpenAPI description; docs/endpoints.md). */
export function secretsEndpoints(): SecretsEndpoint[];

/** Passed to `onRetry` before the client waits and retries. */
export interface RetryEvent {
  reason: "rate-limit" | "secondary-rate-limit" | "server-error" | "network-error" | "key-rotated";
  method: string;
  url: string;
  /** status that caused the retry; 0 when no response arrived */
  status: number;
  /** 1 for the first retry */
  attempt: number;
  /** milliseconds the client waits before the retry */
  waitMs: number;
}

/** What an auth strategy's `auth(...)` resolves to (Octokit's `Authentication`); only `token` is used. */
export interface StrategyAuthentication {
  token: string;
  [field: string]: unknown;
}

/**
 * An Octokit auth strategy: `createAppAuth` (@octokit/auth-app), `createTokenAuth`
 * (@octokit/auth-token), `createActionAuth` (@octokit/auth-action) or any of that shape.
 * Called once with `{ ...auth, request }` (a string `auth` as is); the function it
 * returns is asked `{ type: "installation" }` before every request (the strategy
 * caches tokens) and `{ type: "installation", refresh: true }` after a 401.
 */
export type AuthStrategy = (options: never) => (authOptions: { type: "installation"; refresh?: boolean }) => Promise<StrategyAuthentication>;

export interface GitHubSecretsOptions {
  /**
   * Token, sent as `Authorization: Bearer <auth>`; with `authStrategy`, the
   * strategy's options (e.g. `{ appId, privateKey, installationId }`). Never logged;
   * redacted in errors.
   */
  auth?: string | Record<string, unknown>;
  /**
   * Octokit's convention for tokens that change (GitHub App installation tokens
   * expire after an hour): the token comes from the strategy before each request;
   * after a 401 the strategy is asked for a fresh one, once, and the request is
   * retried. Every token it gives is redacted from errors as `[REDACTED]`.
   * Errors: a strategy that gives no token rejects the call with `param: "auth"`
   * (`ValidationError`, or `HttpError` with the status of GitHub's answer to it).
   */
  authStrategy?: AuthStrategy;
  /** Default `https://api.github.com`; GitHub Enterprise Server: `https://HOST/api/v3`. */
  baseUrl?: string;
  /** Default `ghseal/<version>`. */
  userAgent?: string;
  /** A fetch implementation; default the global `fetch`. */
  fetch?: (input: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;
  /** Per-attempt timeout in milliseconds (0 = none). Default 30000. */
  timeout?: number;
  retry?: {
    /** Retries after the first attempt (5xx, network errors, timeouts, rate limits). Default 3. */
    retries?: number;
    /** Backoff base in ms for 5xx and network errors: base * 2^attempt. Default 1000. */
    baseDelay?: number;
    /** Wait in ms after a secondary rate limit without `retry-after`, doubled per attempt. Default 60000. */
    secondaryRateLimitWait?: number;
    /** Longest wait in ms accepted from `retry-after` / `x-ratelimit-reset`; beyond it the error is returned. Default 900000. */
    maxWait?: number;
  };
  throttle?: {
    /** Minimum ms between the starts of two writes, which run one at a time. Default 1000 (Octokit's). */
    minWriteInterval?: number;
  };
  /** Called before every retry. */
  onRetry?: (event: RetryEvent) => void;
}

/** Where `setSecrets` writes. `app` defaults to actions (codespaces with `user`). */
export type SecretsTarget =
  | { app?: "actions" | "dependabot" | "codespaces" | "agents"; owner: string; repo: string }
  | { app?: "actions"; owner: string; repo: string; environment_name: string }
  | { app?: "actions" | "dependabot" | "codespaces" | "agents"; org: string; visibility?: Visibility; selected_repository_ids?: RepositoryId[] }
  | { app?: "codespaces"; user: true; selected_repository_ids?: RepositoryId[] };

export interface SetSecretResult {
  secret_name: string;
  /** `not-attempted`: the run was aborted (`signal`) before this secret's write started. */
  status: "created" | "updated" | "would-create" | "would-update" | "failed" | "not-attempted";
  /** Why it failed (status "failed"). */
  error?: GhsealError;
  /** Org targets: the visibility written (dry run: that would be). */
  visibility?: Visibility;
  /**
   * Org targets: `explicit` (the target's `visibility`), `kept` (the secret existed:
   * its visibility and selected repositories were kept) or `default` (new secret:
   * `private`).
   */
  visibilitySource?: "explicit" | "kept" | "default";
}

export interface SetSecretsOptions {
  /** Secrets prepared at once (their reads overlap; writes still go one at a time, in input order). Default 4. */
  concurrency?: number;
  /** List the scope's secrets once and report would-create / would-update; send no write. */
  dryRun?: boolean;
  /** Called after each secret with its result and the count done so far. */
  onProgress?: (event: SetSecretResult & { done: number; total: number }) => void;
  /** Once aborted, no new write starts; writes in flight finish; the rest get status `not-attempted`. */
  signal?: AbortSignal;
}

/**
 * Where `setVariables` writes: Actions (default) repository, environment or
 * organization variables, or Copilot agents repository or organization variables.
 * GitHub has no user variables.
 */
export type VariablesTarget =
  | { app?: "actions" | "agents"; owner: string; repo: string }
  | { app?: "actions"; owner: string; repo: string; environment_name: string }
  | { app?: "actions" | "agents"; org: string; visibility?: "all" | "private"; selected_repository_ids?: never }
  | { app?: "actions" | "agents"; org: string; visibility: "selected"; selected_repository_ids?: RepositoryId[] };

/** One variable's result: as `SetSecretResult`, named by `name` (GitHub's variables parameter). */
export type SetVariableResult = Omit<SetSecretResult, "secret_name"> & { name: string };

/** As `SetSecretsOptions`; progress events carry `name`. */
export interface SetVariablesOptions extends Omit<SetSecretsOptions, "onProgress"> {
  onProgress?: (event: SetVariableResult & { done: number; total: number }) => void;
}

type AnyListMethod = ((params: never) => Promise<OctokitResponse<SecretsList<unknown> | VariablesList<unknown> | PrivateRegistriesList | RepositoriesList>>) & { readonly endpoint: SecretsEndpoint };
type ItemOf<F> = F extends (params: never) => Promise<OctokitResponse<infer D>>
  ? D extends SecretsList<infer I> ? I : D extends VariablesList<infer I> ? I : D extends PrivateRegistriesList ? PrivateRegistryData : D extends RepositoriesList ? MinimalRepository : never
  : never;
type ParamsOf<F> = F extends (params: infer P) => unknown ? P : never;
/** The params argument: optional when the method's parameters all are. */
type ParamsArg<F> = undefined extends ParamsOf<F> ? [params?: ParamsOf<F>] : [params: ParamsOf<F>];

export interface Paginate {
  /** All items of a list method (`secrets`, `variables`, `configurations` or `repositories`), following `Link` headers; `per_page` defaults to 100. */
  <F extends AnyListMethod>(method: F, ...params: ParamsArg<F>): Promise<ItemOf<F>[]>;
  /** One response per page; `data` is that page's items. */
  iterator<F extends AnyListMethod>(method: F, ...params: ParamsArg<F>): AsyncIterable<OctokitResponse<ItemOf<F>[]>>;
}

export class GitHubSecrets {
  constructor(options?: GitHubSecretsOptions);
  readonly actions: ActionsMethods;
  readonly dependabot: DependabotMethods;
  readonly codespaces: CodespacesMethods;
  readonly agents: AgentsMethods;
  readonly privateRegistries: PrivateRegistriesMethods;
  readonly paginate: Paginate;
  /** Any route, Octokit style: `request("GET /repos/{owner}/{repo}", { owner, repo })`. Extra params go to the query (GET/DELETE) or JSON body. */
  request<T = unknown>(route: string, params?: Record<string, string | number | boolean | RepositoryId[] | undefined>): Promise<OctokitResponse<T>>;
  /**
   * Sets many secrets in one scope: fetches the public key once, seals each value,
   * writes with throttling and retries. Resolves to one result per secret, in input
   * order; rejects only for an invalid target or secrets object (nothing sent).
   */
  setSecrets(target: SecretsTarget, secrets: Record<string, string>, options?: SetSecretsOptions): Promise<SetSecretResult[]>;
  /**
   * Sets many variables (plaintext; names: letters, digits, `_`, not starting with a
   * digit or `GITHUB_`; values up to 48 KiB) in one scope. GitHub has no upsert: each
   * is created with POST and, on 409 (it exists), updated with PATCH - one successful
   * write per variable, writes one at a time in input order. An org variable without
   * `visibility` keeps its own (`visibilitySource: "kept"`); a new one is `private`
   * (`"default"`). Resolves to one result per variable, in input order; rejects only
   * for an invalid target or variables object (`ValidationError`, nothing sent).
   */
  setVariables(target: VariablesTarget, variables: Record<string, string>, options?: SetVariablesOptions): Promise<SetVariableResult[]>;
  /**
   * `ghseal sync` plan: lists each scope once (paginated) and decides, per target and
   * name, create / update / unchanged / delete (prune) / drifted / error. Sends no write.
   * Rejects with `ValidationError` (`param` `manifest` or `stateKey`) on bad options.
   */
  plan(manifest: SyncManifest, options: SyncPlanOptions): Promise<SyncPlan>;
  /**
   * Executes a plan from `plan()` one write at a time under the write budget; records
   * the state after every successful write (`onStateChange`); stops before the next
   * write once `signal` aborts. Resolves to a report; failures are per item.
   */
  apply(plan: SyncPlan, options?: SyncApplyOptions): Promise<SyncReport>;
}

// ------------------------------------------------------------------ sync

/** A loaded manifest: `loadManifest(file)` from `ghseal/sync`, or parseManifest + resolveValues. */
export interface SyncManifest {
  manifest: { targets: object[] };
  /** Values keyed by manifest path, e.g. `targets[0].secrets.API_TOKEN`. */
  values: Map<string, string>;
}
/** `{ version: 1, targets: { "octo-org/api": { "secret/TOKEN": { updated_at, fingerprint, settings? } } } }`; no plaintext. */
export interface SyncState {
  version: 1;
  targets: Record<string, Record<string, { updated_at: string | null; fingerprint: string; settings?: string }>>;
}
/** GitHub's secondary limits for content-creating requests, as sliding windows. */
export interface SyncBudget {
  /** Default 80. */
  maxWritesPerMinute?: number;
  /** Default 500. */
  maxWritesPerHour?: number;
  /** Window lengths in ms (defaults 60000 and 3600000), smaller in tests. */
  minuteMs?: number;
  hourMs?: number;
}
export interface SyncPlanOptions {
  /** Fingerprint key, at least 16 bytes (GHSEAL_STATE_KEY or the key file; never stored in the state). */
  stateKey: Uint8Array | string;
  /** The state from the last apply (default: empty). */
  state?: SyncState;
  /** Plan drifted names as update/create instead of `drifted`. */
  overwriteDrift?: boolean;
  budget?: SyncBudget;
  /** The client's minimum ms between writes, for the ETA (default 1000). */
  minWriteInterval?: number;
}
export type SyncAction = "create" | "update" | "unchanged" | "delete" | "drifted" | "error";
/** `target`: `owner/repo`, `owner/repo:env:NAME` or `org:ORG`, plus `:dependabot`/`:codespaces`/`:agents`. */
export interface SyncPlanItem { target: string; kind: "secret" | "variable"; name: string; action: SyncAction; reason: string }
export interface SyncPlan {
  items: SyncPlanItem[];
  /** Content-creating requests apply will send (including environment creation). */
  writes: number;
  counts: Record<SyncAction, number>;
  /** Estimated ms for the writes under the budget. */
  etaMs: number;
}
export interface SyncApplyOptions {
  /** Defaults to the state given to plan(). */
  state?: SyncState;
  signal?: AbortSignal;
  onProgress?: (event: { done: number; total: number; item: SyncReportItem }) => void;
  /** Called with the whole state after every change (persist it: the CLI writes a temp file and renames it). */
  onStateChange?: (state: SyncState) => void;
  budget?: SyncBudget;
  minWriteInterval?: number;
}
export interface SyncReportItem extends SyncPlanItem {
  status: "done" | "failed" | "unchanged" | "drifted" | "not-attempted";
  /** Why a write failed (never a value). */
  error?: string;
}
export interface SyncReport {
  items: SyncReportItem[];
  counts: Partial<Record<SyncReportItem["status"], number>>;
  /** Writes sent. */
  writes: number;
  /** True when the signal stopped the run. */
  cancelled: boolean;
  state: SyncState;
}

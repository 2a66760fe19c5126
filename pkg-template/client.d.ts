// Types of the GitHub client: GitHubSecrets (namespaces generated into endpoints.d.ts,
// paginate, request, the bulk writes of bulk.d.ts, plan/apply of plan.d.ts), its
// options (auth, retries, throttling, limits) and the endpoint table. Hand-written;
// index.d.ts re-exports them.
import type { SetSecretResult, SetSecretsOptions, SecretsTarget, SetVariableResult, SetVariablesOptions, VariablesTarget } from "./bulk.js";
import type { ActionsMethods, AgentsMethods, CodespacesMethods, DependabotMethods, PrivateRegistriesMethods } from "./endpoints.js";
import type { SyncApplyOptions, SyncManifest, SyncPlan, SyncPlanOptions, SyncReport } from "./plan.js";
import type {
  MinimalRepository, OctokitResponse, PrivateRegistriesList, PrivateRegistryData, RepositoriesList, RepositoryId, SecretsEndpoint, SecretsList,
  VariablesList,
} from "./types.js";

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
  /** Default `https://api.github.com`; GitHub Enterprise Server: `https://HOST/api/v3`. No credentials, query string or fragment (`ValidationError`). */
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
  /**
   * Largest response body read, in bytes after content-encoding is decoded (a gzip
   * bomb stops here). Default 16777216 (16 MiB) for list pages and `request()`;
   * public-key answers and writes are read up to 65536 (64 KiB) or this, whichever is
   * smaller. A larger answer is an `HttpError`; the rest of it is not read.
   * Redirects (3xx) are never followed: they are an `HttpError` naming the `Location`.
   */
  maxResponseBytes?: number;
  /**
   * Most pages `paginate` and `paginate.iterator` follow. Default 1000. A `Link` next
   * that leads back to a page already read (a cycle), or past this cap, rejects with
   * an `HttpError` whose `code` is `"pagination"`.
   */
  maxPages?: number;
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
  setSecrets(target: SecretsTarget, secrets: Record<string, string> | ReadonlyMap<string, string>, options?: SetSecretsOptions): Promise<SetSecretResult[]>;
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

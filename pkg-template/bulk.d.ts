// Types of the bulk writes: GitHubSecrets.setSecrets and setVariables (targets, options,
// per-name results). Hand-written; index.d.ts re-exports them.
import type { GhsealError } from "./errors.js";
import type { RepositoryId, Visibility } from "./types.js";

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

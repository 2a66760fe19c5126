// Shared data types: the response envelope, GitHub's data shapes, the parameter and body
// pieces the generated namespaces (endpoints.d.ts) are built from, the method shapes M
// and MO, and one row of the endpoint table. Hand-written; index.d.ts re-exports them.
import type { EndpointApp } from "./endpoints.js";

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


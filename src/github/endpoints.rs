//! Every secrets endpoint of GitHub Actions, Dependabot and Codespaces, as data.
//!
//! One row per Octokit method (`@octokit/plugin-rest-endpoint-methods` names), with
//! GitHub's REST route (api.github.com, API version 2022-11-28). Path parameters are
//! the `{...}` names in the route; query and body parameters follow from [`Op`] and
//! [`Scope`]. One function ([`crate::github::request::prepare`], run by
//! [`crate::github::Client::request`]) serves every row.
//! The test suite checks each row against GitHub's OpenAPI description
//! (npm `@octokit/openapi`).

/// The GitHub product a secret belongs to (`gh secret --app`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum App {
    /// GitHub Actions (`/actions/secrets`, environments).
    Actions,
    /// Dependabot (`/dependabot/secrets`).
    Dependabot,
    /// Codespaces (`/codespaces/secrets`, `/user/codespaces/secrets`).
    Codespaces,
}

impl App {
    /// The namespace in the JS API and the CLI's `--app` value.
    pub fn as_str(self) -> &'static str {
        match self {
            App::Actions => "actions",
            App::Dependabot => "dependabot",
            App::Codespaces => "codespaces",
        }
    }

    /// Parses `actions` / `dependabot` / `codespaces`.
    pub fn parse(text: &str) -> Option<App> {
        [App::Actions, App::Dependabot, App::Codespaces].into_iter().find(|a| a.as_str() == text)
    }
}

/// Where a secret lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A repository: `owner`, `repo`.
    Repo,
    /// A repository's deployment environment: `owner`, `repo`, `environment_name`.
    Environment,
    /// An organization: `org`; secrets have a `visibility`.
    Org,
    /// The authenticated user (Codespaces only).
    User,
}

impl Scope {
    /// `repo`, `environment`, `org` or `user` (lower case, like [`App::as_str`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Repo => "repo",
            Scope::Environment => "environment",
            Scope::Org => "org",
            Scope::User => "user",
        }
    }
}

/// What an endpoint does; decides its query and body parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `GET .../secrets/public-key` -> `{ key_id, key }`.
    PublicKey,
    /// `GET .../secrets` -> `{ total_count, secrets }`; `per_page`, `page`.
    List,
    /// `GET .../secrets/{secret_name}`.
    Get,
    /// `PUT .../secrets/{secret_name}` with `encrypted_value` + `key_id` (or `value`
    /// sealed by the client); 201 created, 204 updated.
    Put,
    /// `DELETE .../secrets/{secret_name}`; 204.
    Delete,
    /// `GET .../secrets/{secret_name}/repositories` -> `{ total_count, repositories }`.
    ListRepos,
    /// `PUT .../secrets/{secret_name}/repositories` with `selected_repository_ids`; 204.
    SetRepos,
    /// `PUT .../repositories/{repository_id}`; 204, 409 unless visibility is `selected`.
    AddRepo,
    /// `DELETE .../repositories/{repository_id}`; 204, 409 unless visibility is `selected`.
    RemoveRepo,
}

impl Op {
    /// The variant's name in lower kebab case, e.g. `public-key`, `list-repos`.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::PublicKey => "public-key",
            Op::List => "list",
            Op::Get => "get",
            Op::Put => "put",
            Op::Delete => "delete",
            Op::ListRepos => "list-repos",
            Op::SetRepos => "set-repos",
            Op::AddRepo => "add-repo",
            Op::RemoveRepo => "remove-repo",
        }
    }
}

/// The HTTP verb of an endpoint row (`GET`, `PUT` or `DELETE` in this table).
pub type Verb = super::http::Method;

/// One endpoint: an Octokit method and its route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// Namespace (`gh.actions`, ...).
    pub app: App,
    /// Octokit's method name, e.g. `createOrUpdateRepoSecret`.
    pub name: &'static str,
    /// HTTP verb.
    pub verb: Verb,
    /// Route template with `{param}` path parameters.
    pub route: &'static str,
    /// What it does.
    pub op: Op,
    /// Where the secret lives.
    pub scope: Scope,
}

impl Endpoint {
    /// Path parameter names in route order, e.g. `["owner", "repo", "secret_name"]`.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        let route: &'static str = self.route;
        route.split('/').filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// Query parameters: `per_page` and `page` on paginated lists.
    pub fn query_params(&self) -> &'static [&'static str] {
        match (self.op, self.scope) {
            (Op::ListRepos, Scope::User) => &[],
            (Op::List | Op::ListRepos, _) => &["per_page", "page"],
            _ => &[],
        }
    }

    /// Body parameters sent to GitHub (the client also accepts `value` on [`Op::Put`]).
    pub fn body_params(&self) -> &'static [&'static str] {
        match (self.op, self.scope) {
            (Op::Put, Scope::Org) => &["encrypted_value", "key_id", "visibility", "selected_repository_ids"],
            (Op::Put, Scope::User) => &["encrypted_value", "key_id", "selected_repository_ids"],
            (Op::Put, _) => &["encrypted_value", "key_id"],
            (Op::SetRepos, _) => &["selected_repository_ids"],
            _ => &[],
        }
    }

    /// Whether `selected_repository_ids` go out as strings (Dependabot's org secrets,
    /// as the GitHub CLI sends them) rather than integers.
    pub fn ids_as_strings(&self) -> bool {
        self.app == App::Dependabot && self.scope == Scope::Org && self.op == Op::Put
    }

    /// Whether the request changes state (throttled as a write).
    pub fn is_write(&self) -> bool {
        self.verb.is_write()
    }

    /// The array field of a list response (`secrets` or `repositories`), for pagination.
    pub fn items_field(&self) -> Option<&'static str> {
        match self.op {
            Op::List => Some("secrets"),
            Op::ListRepos => Some("repositories"),
            _ => None,
        }
    }
}

/// Finds an endpoint by namespace and Octokit method name.
pub fn find(app: App, name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.app == app && e.name == name)
}

/// The endpoint doing `op` for `app` at `scope`, e.g. the public key of an org.
pub fn for_op(app: App, scope: Scope, op: Op) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.app == app && e.scope == scope && e.op == op)
}

macro_rules! rows {
    ($( $app:ident $scope:ident $op:ident $verb:ident $name:literal $route:literal; )*) => {
        &[ $( Endpoint { app: App::$app, scope: Scope::$scope, op: Op::$op, verb: Verb::$verb, name: $name, route: $route }, )* ]
    };
}

/// The table: 57 endpoints (Actions 20, Dependabot 14, Codespaces 23).
pub static ENDPOINTS: &[Endpoint] = rows! {
    Actions Repo PublicKey Get "getRepoPublicKey" "/repos/{owner}/{repo}/actions/secrets/public-key";
    Actions Repo List Get "listRepoSecrets" "/repos/{owner}/{repo}/actions/secrets";
    Actions Repo Get Get "getRepoSecret" "/repos/{owner}/{repo}/actions/secrets/{secret_name}";
    Actions Repo Put Put "createOrUpdateRepoSecret" "/repos/{owner}/{repo}/actions/secrets/{secret_name}";
    Actions Repo Delete Delete "deleteRepoSecret" "/repos/{owner}/{repo}/actions/secrets/{secret_name}";
    Actions Repo List Get "listRepoOrganizationSecrets" "/repos/{owner}/{repo}/actions/organization-secrets";
    Actions Org PublicKey Get "getOrgPublicKey" "/orgs/{org}/actions/secrets/public-key";
    Actions Org List Get "listOrgSecrets" "/orgs/{org}/actions/secrets";
    Actions Org Get Get "getOrgSecret" "/orgs/{org}/actions/secrets/{secret_name}";
    Actions Org Put Put "createOrUpdateOrgSecret" "/orgs/{org}/actions/secrets/{secret_name}";
    Actions Org Delete Delete "deleteOrgSecret" "/orgs/{org}/actions/secrets/{secret_name}";
    Actions Org ListRepos Get "listSelectedReposForOrgSecret" "/orgs/{org}/actions/secrets/{secret_name}/repositories";
    Actions Org SetRepos Put "setSelectedReposForOrgSecret" "/orgs/{org}/actions/secrets/{secret_name}/repositories";
    Actions Org AddRepo Put "addSelectedRepoToOrgSecret" "/orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}";
    Actions Org RemoveRepo Delete "removeSelectedRepoFromOrgSecret" "/orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}";
    Actions Environment PublicKey Get "getEnvironmentPublicKey" "/repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key";
    Actions Environment List Get "listEnvironmentSecrets" "/repos/{owner}/{repo}/environments/{environment_name}/secrets";
    Actions Environment Get Get "getEnvironmentSecret" "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}";
    Actions Environment Put Put "createOrUpdateEnvironmentSecret" "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}";
    Actions Environment Delete Delete "deleteEnvironmentSecret" "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}";

    Dependabot Repo PublicKey Get "getRepoPublicKey" "/repos/{owner}/{repo}/dependabot/secrets/public-key";
    Dependabot Repo List Get "listRepoSecrets" "/repos/{owner}/{repo}/dependabot/secrets";
    Dependabot Repo Get Get "getRepoSecret" "/repos/{owner}/{repo}/dependabot/secrets/{secret_name}";
    Dependabot Repo Put Put "createOrUpdateRepoSecret" "/repos/{owner}/{repo}/dependabot/secrets/{secret_name}";
    Dependabot Repo Delete Delete "deleteRepoSecret" "/repos/{owner}/{repo}/dependabot/secrets/{secret_name}";
    Dependabot Org PublicKey Get "getOrgPublicKey" "/orgs/{org}/dependabot/secrets/public-key";
    Dependabot Org List Get "listOrgSecrets" "/orgs/{org}/dependabot/secrets";
    Dependabot Org Get Get "getOrgSecret" "/orgs/{org}/dependabot/secrets/{secret_name}";
    Dependabot Org Put Put "createOrUpdateOrgSecret" "/orgs/{org}/dependabot/secrets/{secret_name}";
    Dependabot Org Delete Delete "deleteOrgSecret" "/orgs/{org}/dependabot/secrets/{secret_name}";
    Dependabot Org ListRepos Get "listSelectedReposForOrgSecret" "/orgs/{org}/dependabot/secrets/{secret_name}/repositories";
    Dependabot Org SetRepos Put "setSelectedReposForOrgSecret" "/orgs/{org}/dependabot/secrets/{secret_name}/repositories";
    Dependabot Org AddRepo Put "addSelectedRepoToOrgSecret" "/orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}";
    Dependabot Org RemoveRepo Delete "removeSelectedRepoFromOrgSecret" "/orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}";

    Codespaces Repo PublicKey Get "getRepoPublicKey" "/repos/{owner}/{repo}/codespaces/secrets/public-key";
    Codespaces Repo List Get "listRepoSecrets" "/repos/{owner}/{repo}/codespaces/secrets";
    Codespaces Repo Get Get "getRepoSecret" "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}";
    Codespaces Repo Put Put "createOrUpdateRepoSecret" "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}";
    Codespaces Repo Delete Delete "deleteRepoSecret" "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}";
    Codespaces Org PublicKey Get "getOrgPublicKey" "/orgs/{org}/codespaces/secrets/public-key";
    Codespaces Org List Get "listOrgSecrets" "/orgs/{org}/codespaces/secrets";
    Codespaces Org Get Get "getOrgSecret" "/orgs/{org}/codespaces/secrets/{secret_name}";
    Codespaces Org Put Put "createOrUpdateOrgSecret" "/orgs/{org}/codespaces/secrets/{secret_name}";
    Codespaces Org Delete Delete "deleteOrgSecret" "/orgs/{org}/codespaces/secrets/{secret_name}";
    Codespaces Org ListRepos Get "listSelectedReposForOrgSecret" "/orgs/{org}/codespaces/secrets/{secret_name}/repositories";
    Codespaces Org SetRepos Put "setSelectedReposForOrgSecret" "/orgs/{org}/codespaces/secrets/{secret_name}/repositories";
    Codespaces Org AddRepo Put "addSelectedRepoToOrgSecret" "/orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}";
    Codespaces Org RemoveRepo Delete "removeSelectedRepoFromOrgSecret" "/orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}";
    Codespaces User PublicKey Get "getPublicKeyForAuthenticatedUser" "/user/codespaces/secrets/public-key";
    Codespaces User List Get "listSecretsForAuthenticatedUser" "/user/codespaces/secrets";
    Codespaces User Get Get "getSecretForAuthenticatedUser" "/user/codespaces/secrets/{secret_name}";
    Codespaces User Put Put "createOrUpdateSecretForAuthenticatedUser" "/user/codespaces/secrets/{secret_name}";
    Codespaces User Delete Delete "deleteSecretForAuthenticatedUser" "/user/codespaces/secrets/{secret_name}";
    Codespaces User ListRepos Get "listRepositoriesForSecretForAuthenticatedUser" "/user/codespaces/secrets/{secret_name}/repositories";
    Codespaces User SetRepos Put "setRepositoriesForSecretForAuthenticatedUser" "/user/codespaces/secrets/{secret_name}/repositories";
    Codespaces User AddRepo Put "addRepositoryForSecretForAuthenticatedUser" "/user/codespaces/secrets/{secret_name}/repositories/{repository_id}";
    Codespaces User RemoveRepo Delete "removeRepositoryForSecretForAuthenticatedUser" "/user/codespaces/secrets/{secret_name}/repositories/{repository_id}";
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_seven_unique_methods() {
        assert_eq!(ENDPOINTS.len(), 57);
        for (i, a) in ENDPOINTS.iter().enumerate() {
            for b in &ENDPOINTS[i + 1..] {
                assert!(!(a.app == b.app && a.name == b.name), "duplicate {}.{}", a.app.as_str(), a.name);
                assert!(!(a.verb == b.verb && a.route == b.route), "duplicate route {}", a.route);
            }
        }
        let count = |app| ENDPOINTS.iter().filter(|e| e.app == app).count();
        assert_eq!((count(App::Actions), count(App::Dependabot), count(App::Codespaces)), (20, 14, 23));
    }

    #[test]
    fn every_scope_with_puts_has_a_public_key_endpoint() {
        for e in ENDPOINTS.iter().filter(|e| e.op == Op::Put) {
            let key = for_op(e.app, e.scope, Op::PublicKey).expect("public key endpoint");
            assert_eq!(e.route.split("/secrets").next(), key.route.split("/secrets").next());
        }
    }

    #[test]
    fn path_params_in_route_order() {
        let e = find(App::Actions, "createOrUpdateEnvironmentSecret").unwrap();
        assert_eq!(e.path_params().collect::<Vec<_>>(), ["owner", "repo", "environment_name", "secret_name"]);
        assert!(find(App::Dependabot, "listRepoOrganizationSecrets").is_none());
    }
}

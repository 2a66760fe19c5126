//! Every secrets, variables and private-registries endpoint of GitHub Actions,
//! Dependabot, Codespaces, Copilot agents and organization private registries, as data.
//!
//! One row per Octokit method (`@octokit/plugin-rest-endpoint-methods` names), with
//! GitHub's REST route (api.github.com, API version 2022-11-28). The rows are
//! GENERATED from GitHub's OpenAPI description (npm `@octokit/openapi`) by
//! `node scripts/gen-endpoints.mjs` into `endpoints_generated.rs`; this module holds
//! the types, the lookups and the invariants. Path parameters are the `{...}` names
//! in the route; query and body parameters are the operation's. One function
//! ([`crate::github::request::prepare`], run by [`crate::github::Client::request`])
//! serves every row. `tests/node/endpoints-spec.test.mjs` fails when the generated
//! file and the spec disagree.

/// The GitHub product a secret belongs to (`gh secret --app`; the first part of
/// the spec's operationId).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum App {
    /// GitHub Actions (`/actions/secrets`, `/actions/variables`, environments).
    Actions,
    /// Dependabot (`/dependabot/secrets`).
    Dependabot,
    /// Codespaces (`/codespaces/secrets`, `/user/codespaces/secrets`).
    Codespaces,
    /// Copilot coding agent (`/agents/secrets`, `/agents/variables`).
    Agents,
    /// Organization private registries for Dependabot (`/orgs/{org}/private-registries`).
    PrivateRegistries,
}

impl App {
    /// Every app, in table order.
    pub const ALL: [App; 5] = [App::Actions, App::Dependabot, App::Codespaces, App::Agents, App::PrivateRegistries];

    /// The operationId prefix and the CLI's `--app` value: `actions`, `dependabot`,
    /// `codespaces`, `agents`, `private-registries` (JS namespace: its camelCase).
    pub fn as_str(self) -> &'static str {
        match self {
            App::Actions => "actions",
            App::Dependabot => "dependabot",
            App::Codespaces => "codespaces",
            App::Agents => "agents",
            App::PrivateRegistries => "private-registries",
        }
    }

    /// Parses an [`App::as_str`] value, or the JS namespace `privateRegistries`.
    pub fn parse(text: &str) -> Option<App> {
        if text == "privateRegistries" {
            return Some(App::PrivateRegistries);
        }
        App::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// What a route holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Sealed secrets (`.../secrets`): written as `encrypted_value` + `key_id`.
    Secret,
    /// Plaintext variables (`.../variables`): `name` + `value`, at most 48 KiB.
    Variable,
    /// Private registry configurations (`/orgs/{org}/private-registries`), whose
    /// optional `encrypted_value` is sealed with the registries' own public key.
    Registry,
}

impl Kind {
    /// `secret`, `variable` or `registry` (lower case, like [`App::as_str`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Secret => "secret",
            Kind::Variable => "variable",
            Kind::Registry => "registry",
        }
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

/// What an endpoint does (derived by the generator from the route and the verb).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `GET .../public-key` -> `{ key_id, key }`.
    PublicKey,
    /// `GET .../secrets` (`variables`, `private-registries`) -> `{ total_count, <items> }`.
    List,
    /// `GET /repos/{owner}/{repo}/<app>/organization-secrets` (or `-variables`): the
    /// organization's entries visible to a repository.
    ListOrganization,
    /// `GET .../secrets/{secret_name}` (`variables/{name}`, ...).
    Get,
    /// `PUT .../secrets/{secret_name}` with `encrypted_value` + `key_id` (or `value`
    /// sealed by the client); 201 created, 204 updated.
    Put,
    /// `POST .../variables` (or `private-registries`): 201, 409 when it exists.
    Create,
    /// `PATCH .../variables/{name}` (or `private-registries/{secret_name}`): 204.
    Update,
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
            Op::ListOrganization => "list-organization",
            Op::Get => "get",
            Op::Put => "put",
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
            Op::ListRepos => "list-repos",
            Op::SetRepos => "set-repos",
            Op::AddRepo => "add-repo",
            Op::RemoveRepo => "remove-repo",
        }
    }
}

/// The HTTP verb of an endpoint row (`GET`, `PUT`, `POST`, `PATCH` or `DELETE`).
pub type Verb = super::http::Method;

/// One endpoint: an Octokit method, its route and what the spec says of its
/// parameters. Built only by the generated table.
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
    /// Where the entry lives.
    pub scope: Scope,
    /// Secret, variable or registry.
    pub kind: Kind,
    /// What it does.
    pub op: Op,
    // The rest as indices into the generated tables (a row is 28 bytes of wasm
    // data, not 64): `PARAMS` (0: none), `KEY_ROUTES` and `ITEMS` (index + 1; 0: none).
    query: u8,
    body: u8,
    required: u8,
    key_route: u8,
    items: u8,
    string_ids: bool,
}

/// A row of the generated table: what every row has (the generator's arguments, in
/// order); the rest is added by the builders below and defaults to none/false.
const fn row(app: App, name: &'static str, verb: Verb, route: &'static str, scope: Scope, kind: Kind, op: Op) -> Endpoint {
    Endpoint { app, name, verb, route, scope, kind, op, query: 0, body: 0, required: 0, key_route: 0, items: 0, string_ids: false }
}

/// Builders for the generated rows (consume and return the row).
impl Endpoint {
    /// The operation's query parameters (an index into `PARAMS`).
    const fn query(mut self, query: u8) -> Self {
        self.query = query;
        self
    }

    /// The body fields the operation takes, and those of them the spec requires
    /// (indices into `PARAMS`).
    const fn body(mut self, body: u8, required: u8) -> Self {
        self.body = body;
        self.required = required;
        self
    }

    /// The public-key route that seals its `encrypted_value` (an index into `KEY_ROUTES`).
    const fn sealed_with(mut self, key_route: u8) -> Self {
        self.key_route = key_route + 1;
        self
    }

    /// The array field of its list response (an index into `ITEMS`).
    const fn items(mut self, field: u8) -> Self {
        self.items = field + 1;
        self
    }

    /// `selected_repository_ids` go out as strings.
    const fn string_ids(mut self) -> Self {
        self.string_ids = true;
        self
    }
}

impl Endpoint {
    /// Path parameter names in route order, e.g. `["owner", "repo", "secret_name"]`.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> {
        let route: &'static str = self.route;
        route.split('/').filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// The operation's query parameters (`per_page`, `page` on lists).
    pub fn query_params(&self) -> &'static [&'static str] {
        params(self.query)
    }

    /// The JSON body fields the operation takes, as the spec names them (the client
    /// also accepts `value` where [`Endpoint::key_route`] is set). A field named like
    /// a path parameter is not among them: it goes into the URL.
    pub fn body_params(&self) -> &'static [&'static str] {
        params(self.body)
    }

    /// The body fields the spec requires (e.g. `name`, `value`, `visibility` to
    /// create an organization variable).
    pub fn required_body(&self) -> &'static [&'static str] {
        params(self.required)
    }

    /// The route of the public key that seals this operation's `encrypted_value`
    /// (e.g. `/orgs/{org}/private-registries/public-key`); `None` when it takes no
    /// sealed value.
    pub fn key_route(&self) -> Option<&'static str> {
        KEY_ROUTES.get(usize::from(self.key_route).checked_sub(1)?).copied()
    }

    /// Whether `selected_repository_ids` go out as strings (the spec lists strings
    /// first: Dependabot's organization secrets, as the GitHub CLI sends them)
    /// rather than integers.
    pub fn ids_as_strings(&self) -> bool {
        self.string_ids
    }

    /// Whether the request changes state (throttled as a write).
    pub fn is_write(&self) -> bool {
        self.verb.is_write()
    }

    /// The array field of a list response (`secrets`, `variables`, `repositories`,
    /// `configurations`), for pagination.
    pub fn items_field(&self) -> Option<&'static str> {
        ITEMS.get(usize::from(self.items).checked_sub(1)?).copied()
    }
}

/// The parameter list at `index` of the generated `PARAMS` (empty when out of range,
/// which the generator never emits).
fn params(index: u8) -> &'static [&'static str] {
    PARAMS.get(usize::from(index)).copied().unwrap_or(&[])
}

/// Finds an endpoint by namespace and Octokit method name.
pub fn find(app: App, name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.app == app && e.name == name)
}

/// The secrets endpoint doing `op` for `app` at `scope`, e.g. the public key of an org.
pub fn for_op(app: App, scope: Scope, op: Op) -> Option<&'static Endpoint> {
    for_kind(app, Kind::Secret, scope, op)
}

/// The endpoint doing `op` on `kind` for `app` at `scope`, e.g. creating a
/// repository variable (bulk writers use this: POST, then PATCH on 409).
pub fn for_kind(app: App, kind: Kind, scope: Scope, op: Op) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.app == app && e.kind == kind && e.scope == scope && e.op == op)
}

include!("endpoints_generated.rs");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hundred_thirteen_unique_methods() {
        assert_eq!(ENDPOINTS.len(), 113);
        for (i, a) in ENDPOINTS.iter().enumerate() {
            for b in &ENDPOINTS[i + 1..] {
                assert!(!(a.app == b.app && a.name == b.name), "duplicate {}.{}", a.app.as_str(), a.name);
                assert!(!(a.verb == b.verb && a.route == b.route), "duplicate route {}", a.route);
                assert!(!(a.app == b.app && a.kind == b.kind && a.scope == b.scope && a.op == b.op), "ambiguous {} {}", a.name, b.name);
            }
        }
        let count = |app| ENDPOINTS.iter().filter(|e| e.app == app).count();
        assert_eq!(App::ALL.map(count), [40, 14, 23, 30, 6]);
    }

    #[test]
    fn every_sealed_write_has_its_public_key_row() {
        let sealed: Vec<_> = ENDPOINTS.iter().filter(|e| e.key_route().is_some()).collect();
        assert_eq!(sealed.len(), 12, "8 PUT secrets + 2 agents PUT + 2 private-registries writes");
        for e in sealed {
            let key = ENDPOINTS.iter().find(|k| Some(k.route) == e.key_route()).expect("public key row");
            assert_eq!((key.op, key.app, key.scope, key.verb), (Op::PublicKey, e.app, e.scope, Verb::Get), "{}", e.name);
            assert!(e.body_params().contains(&"encrypted_value") && e.body_params().contains(&"key_id"));
        }
        for e in ENDPOINTS.iter().filter(|e| e.op == Op::Put && e.kind == Kind::Secret) {
            assert!(e.key_route().is_some(), "{}", e.name);
        }
        let registry = find(App::PrivateRegistries, "createOrgPrivateRegistry").expect("row");
        assert_eq!(registry.key_route(), Some("/orgs/{org}/private-registries/public-key"));
        assert_eq!((registry.verb, registry.op, registry.kind), (Verb::Post, Op::Create, Kind::Registry));
    }

    #[test]
    fn variables_are_plaintext_and_ids_typed_per_spec() {
        for e in ENDPOINTS.iter().filter(|e| e.kind == Kind::Variable) {
            assert!(e.key_route().is_none() && !e.body_params().contains(&"encrypted_value"), "{}", e.name);
        }
        let create = find(App::Actions, "createOrgVariable").expect("row");
        assert_eq!(create.required_body(), ["name", "value", "visibility"]);
        let update = find(App::Agents, "updateRepoVariable").expect("row");
        assert_eq!((update.verb, update.body_params()), (Verb::Patch, &["value"][..]), "path `name` is not a body field");
        let strings: Vec<_> = ENDPOINTS.iter().filter(|e| e.ids_as_strings()).map(|e| (e.app, e.name)).collect();
        assert_eq!(strings, [(App::Dependabot, "createOrUpdateOrgSecret")]);
        assert_eq!(for_kind(App::Agents, Kind::Variable, Scope::Repo, Op::Create).map(|e| e.name), Some("createRepoVariable"));
        assert_eq!(find(App::PrivateRegistries, "listOrgPrivateRegistries").and_then(|e| e.items_field()), Some("configurations"));
    }

    #[test]
    fn path_params_in_route_order() {
        let e = find(App::Actions, "createOrUpdateEnvironmentSecret").unwrap();
        assert_eq!(e.path_params().collect::<Vec<_>>(), ["owner", "repo", "environment_name", "secret_name"]);
        assert!(find(App::Dependabot, "listRepoOrganizationSecrets").is_none());
        assert_eq!(App::parse("privateRegistries"), Some(App::PrivateRegistries));
        assert_eq!(App::parse("private-registries"), Some(App::PrivateRegistries));
    }
}

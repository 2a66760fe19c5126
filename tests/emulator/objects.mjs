// GitHub's JSON objects as the emulator answers them: simple-user,
// minimal/full repository and private-user, with GitHub's URLs and node ids.

const REPO_TIMES = { created_at: "2011-01-26T19:01:12Z", updated_at: "2024-01-26T19:14:43Z", pushed_at: "2024-01-26T19:06:43Z" };

/** GitHub's legacy global node id, e.g. "MDEwOlJlcG9zaXRvcnkxMjk2MjY5" for Repository 1296269. */
function nodeId(type, id) {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

/** simple-user object of an account. */
export function accountObject(baseUrl, acct) {
  const u = `${baseUrl}/users/${acct.login}`;
  return {
    login: acct.login,
    id: acct.id,
    node_id: nodeId(acct.type, acct.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${acct.id}?v=4`,
    gravatar_id: "",
    url: u,
    html_url: `https://github.com/${acct.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: acct.type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** minimal-repository (full=false) or full-repository (full=true) object. */
export function repoObject(baseUrl, repo, full = false) {
  const api = `${baseUrl}/repos/${repo.full_name}`;
  const html = `https://github.com/${repo.full_name}`;
  const o = {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: repo.full_name,
    private: repo.private,
    owner: accountObject(baseUrl, repo.owner),
    html_url: html,
    description: `${repo.name} (GitHub secrets emulator)`,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://github.com/${repo.full_name}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@github.com:${repo.full_name}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: "main",
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    ...REPO_TIMES,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    allow_forking: true,
    web_commit_signoff_required: false,
    forks: 0,
    open_issues: 0,
    watchers: 0,
  };
  if (full) {
    Object.assign(o, {
      license: null,
      network_count: 0,
      subscribers_count: 0,
      allow_rebase_merge: true,
      allow_squash_merge: true,
      allow_auto_merge: false,
      delete_branch_on_merge: false,
      allow_merge_commit: true,
      temp_clone_token: null,
    });
    if (repo.owner.type === "Organization") o.organization = accountObject(baseUrl, repo.owner);
  }
  return o;
}

/** private-user object for GET /user. */
export function privateUserObject(emu, user) {
  const owned = [...emu.reposById.values()].filter((r) => r.owner.id === user.id);
  return {
    ...accountObject(emu.baseUrl, user),
    user_view_type: "private",
    name: user.name ?? null,
    company: null,
    blog: "",
    location: null,
    email: null,
    notification_email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: owned.filter((r) => !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: "2011-01-25T18:44:36Z",
    updated_at: "2024-01-25T18:44:36Z",
    private_gists: 0,
    total_private_repos: owned.filter((r) => r.private).length,
    owned_private_repos: owned.filter((r) => r.private).length,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { collaborators: 0, name: "pro", space: 976562499, private_repos: 9999 },
  };
}


// "Selected repositories": names (repo or owner/repo) and ids typed by the user,
// resolved to the ids GitHub's selected_repository_ids wants, remembering which
// name each id came from so refusals can name the repositories.
import { ValidationError } from "/pkg/errors.js";

/** A ValidationError for the selected repositories field (the page shows it there). */
export function reposError(message) {
  return new ValidationError(message, { code: "invalid_param", param: "selected_repository_ids" });
}

/**
 * Resolves items to repository ids: digits are ids; names are looked up with
 * GET /repos/{owner}/{repo} (bare names under the organization, or the token's
 * own account for user secrets).
 * @param {object} gh  a GitHubSecrets client
 * @param {{ params: { org?: string } }} s  the form scope
 * @param {string[]} items
 * @returns {Promise<{ ids: number[], names: Map<number, string> }>} names: id -> "owner/repo"
 * @throws ValidationError (param selected_repository_ids) naming a repository that was not found
 */
export async function resolveRepos(gh, s, items) {
  let defaultOwner = s.params.org;
  const ids = [];
  const names = new Map();
  for (const item of items) {
    if (/^\d+$/.test(item)) {
      if (!ids.includes(Number(item))) ids.push(Number(item));
      continue;
    }
    let [owner, repo] = item.includes("/") ? item.split("/", 2) : [undefined, item];
    if (!owner) {
      defaultOwner ??= (await gh.request("GET /user")).data.login;
      owner = defaultOwner;
    }
    try {
      const { data } = await gh.request("GET /repos/{owner}/{repo}", { owner, repo });
      if (!ids.includes(data.id)) ids.push(data.id);
      names.set(data.id, data.full_name ?? `${owner}/${repo}`);
    } catch (err) {
      if (err?.name === "HttpError" && err.status === 404) {
        throw reposError(`Repository ${owner}/${repo} not found (or not visible to this token).`);
      }
      throw err;
    }
  }
  return { ids, names };
}

/** "octocat/dotfiles (id 1300194)" or "999999" for an id typed as digits. */
export const repoLabel = (id, names) => (names?.has(id) ? `${names.get(id)} (id ${id})` : String(id));

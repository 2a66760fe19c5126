// Octokit-style calls without an argument for operations that have no
// required parameter (GET /user/codespaces/secrets/public-key,
// GET /user/codespaces/secrets). They work at run time (the client passes
// `params ?? {}`); checked by tests/node/types.test.mjs with TypeScript when
// it is installed.

import { GitHubSecrets } from "ghseal";

export async function noArguments(gh: GitHubSecrets): Promise<void> {
  const key = await gh.codespaces.getPublicKeyForAuthenticatedUser();
  const list = await gh.codespaces.listSecretsForAuthenticatedUser();
  const all = await gh.paginate(gh.codespaces.listSecretsForAuthenticatedUser);
  void [key.data.key_id, list.data.total_count, all.length];
}

// ghseal/octokit with real Octokit types (and GitHubSecrets with Octokit auth
// strategies): the plugin's `value` type-checks on
// the secret writes of @octokit/rest, octokit and @octokit/core with
// plugin-rest-endpoint-methods, including the environment write whose Octokit
// types require encrypted_value + key_id; the `@ts-expect-error` lines must stay
// errors. Checked by tests/node/octokit-types.test.mjs.

import { Octokit as Core } from "@octokit/core";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { Octokit as Rest } from "@octokit/rest";
import { Octokit as Full } from "octokit";
import { sealSecrets } from "ghseal/octokit";
import { GitHubSecrets } from "ghseal";
import { createAppAuth } from "@octokit/auth-app";
import { createTokenAuth } from "@octokit/auth-token";
import { createActionAuth } from "@octokit/auth-action";

export async function withRest(): Promise<number> {
  const octokit = new (Rest.plugin(sealSecrets))({ auth: "t" });
  const p = { owner: "o", repo: "r", secret_name: "S" };
  const a = await octokit.rest.actions.createOrUpdateRepoSecret({ ...p, value: "plain" });
  await octokit.rest.actions.createOrUpdateEnvironmentSecret({ ...p, environment_name: "prod", value: new Uint8Array([1, 2]) });
  await octokit.rest.actions.createOrUpdateOrgSecret({ org: "o", secret_name: "S", value: "v", visibility: "selected", selected_repository_ids: [1] });
  await octokit.rest.dependabot.createOrUpdateRepoSecret({ ...p, value: "v" });
  await octokit.rest.dependabot.createOrUpdateOrgSecret({ org: "o", secret_name: "S", value: "v", visibility: "all" });
  await octokit.rest.codespaces.createOrUpdateRepoSecret({ ...p, value: "v" });
  await octokit.rest.codespaces.createOrUpdateOrgSecret({ org: "o", secret_name: "S", value: "v", visibility: "private" });
  await octokit.rest.codespaces.createOrUpdateSecretForAuthenticatedUser({ secret_name: "S", value: "v" });
  // Octokit's own signatures still work: ready ciphertext
  await octokit.rest.actions.createOrUpdateEnvironmentSecret({ ...p, environment_name: "prod", encrypted_value: "x", key_id: "k" });
  // @ts-expect-error value must be a string or bytes
  await octokit.rest.actions.createOrUpdateEnvironmentSecret({ ...p, environment_name: "prod", value: 42 });
  // (value with encrypted_value still matches Octokit's own signature, whose
  // parameters take any extra key; the plugin refuses it at run time.)
  // @ts-expect-error the environment still needs its name
  await octokit.rest.actions.createOrUpdateEnvironmentSecret({ ...p, value: "v" });
  return a.status;
}

export async function withOctokit(): Promise<void> {
  const octokit = new (Full.plugin(sealSecrets))({ auth: "t" });
  await octokit.rest.actions.createOrUpdateEnvironmentSecret({ owner: "o", repo: "r", environment_name: "e", secret_name: "S", value: "v" });
}

export async function withCore(): Promise<void> {
  const octokit = new (Core.plugin(restEndpointMethods, sealSecrets))({ auth: "t" });
  await octokit.rest.actions.createOrUpdateEnvironmentSecret({ owner: "o", repo: "r", environment_name: "e", secret_name: "S", value: "v" });
  await octokit.rest.actions.getRepoPublicKey({ owner: "o", repo: "r" });
}

export function strategies(privateKey: string): GitHubSecrets[] {
  return [
    new GitHubSecrets({ authStrategy: createAppAuth, auth: { appId: 1, privateKey, installationId: 2 } }),
    new GitHubSecrets({ authStrategy: createTokenAuth, auth: "ghp_x" }),
    new GitHubSecrets({ authStrategy: createActionAuth }),
    new GitHubSecrets({ auth: "ghp_x" }),
  ];
}

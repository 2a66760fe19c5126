// Without the plugin, Octokit's types refuse `value` where they require
// encrypted_value + key_id: tests/node/octokit-types.test.mjs expects exactly
// this one error, which proves octokit-usage.ts checks something.
import { Octokit } from "@octokit/rest";

export async function withoutPlugin(octokit: Octokit): Promise<void> {
  await octokit.rest.actions.createOrUpdateEnvironmentSecret({ owner: "o", repo: "r", environment_name: "e", secret_name: "S", value: "v" });
}

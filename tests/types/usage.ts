// Type-level usage of ghseal's index.d.ts, checked by tests/node/types.test.mjs
// with TypeScript's API when `typescript` is installed ("ghseal" is mapped to
// the package under test). Never run; only type-checked. Lines marked
// "ts-expect-error" must fail to type-check (tsc reports unused ones).

import {
  GitHubSecrets,
  generateKeyPair,
  openSecret,
  sealSecret,
  secretsEndpoints,
  type GhsealError,
  type OctokitResponse,
  type PublicKeyData,
  type RetryEvent,
  type SecretsEndpoint,
  type SetSecretResult,
  type SetVariableResult,
} from "ghseal";

export async function usage(): Promise<void> {
  const gh = new GitHubSecrets({
    auth: "ghp_x",
    baseUrl: "http://127.0.0.1:8787",
    timeout: 1000,
    retry: { retries: 2, baseDelay: 10, secondaryRateLimitWait: 100, maxWait: 1000 },
    throttle: { minWriteInterval: 0 },
    onRetry: (e: RetryEvent) => void e.waitMs,
  });
  const repo = { owner: "octo-org", repo: "hello-world" };

  // responses: Octokit's shape with typed data and status
  const key: OctokitResponse<PublicKeyData, 200> = await gh.actions.getRepoPublicKey(repo);
  const keyId: string = key.data.key_id;
  const put = await gh.actions.createOrUpdateRepoSecret({ ...repo, secret_name: "A", value: "v" });
  const putStatus: 201 | 204 = put.status;
  await gh.actions.createOrUpdateRepoSecret({ ...repo, secret_name: "A", encrypted_value: sealSecret(key.data.key, "v"), key_id: keyId });
  await gh.actions.createOrUpdateEnvironmentSecret({ ...repo, environment_name: "prod/eu", secret_name: "E", value: "v" });
  await gh.dependabot.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "O", value: "v", visibility: "selected", selected_repository_ids: [1296269, "1300192"] });
  await gh.codespaces.createOrUpdateSecretForAuthenticatedUser({ secret_name: "U", value: "v", selected_repository_ids: [1] });
  await gh.codespaces.getPublicKeyForAuthenticatedUser({});
  const list = await gh.actions.listRepoSecrets({ ...repo, per_page: 2, page: 1 });
  const total: number = list.data.total_count;
  const firstName: string | undefined = list.data.secrets[0]?.name;
  const orgSecret = await gh.codespaces.getOrgSecret({ org: "octo-org", secret_name: "O" });
  const visibility: "all" | "private" | "selected" = orgSecret.data.visibility;
  const repos = await gh.dependabot.listSelectedReposForOrgSecret({ org: "octo-org", secret_name: "O" });
  const repoId: number | undefined = repos.data.repositories[0]?.id;
  const deleted = await gh.actions.deleteRepoSecret({ ...repo, secret_name: "A" });
  const none: undefined = deleted.data;
  const route: string = gh.actions.listRepoSecrets.endpoint.route;

  // pagination: items typed by the method
  const secrets = await gh.paginate(gh.actions.listRepoSecrets, { ...repo, per_page: 100 });
  const name: string | undefined = secrets[0]?.name;
  for await (const page of gh.paginate.iterator(gh.actions.listOrgSecrets, { org: "octo-org" })) {
    const v: "all" | "private" | "selected" | undefined = page.data[0]?.visibility;
    void v;
  }

  const fetched = await gh.request<{ id: number }>("GET /repos/{owner}/{repo}", repo);
  const id: number = fetched.data.id;
  const results: SetSecretResult[] = await gh.setSecrets({ org: "octo-org", visibility: "private" }, { A: "1" }, { dryRun: true, onProgress: (e) => void e.done });
  const variables: SetVariableResult[] = await gh.setVariables({ app: "agents", org: "octo-org" }, { A: "1" }, { onProgress: (e) => void e.name });
  const variableName: string = variables[0]?.name ?? "";
  void variableName;
  // @ts-expect-error GitHub has no user variables
  await gh.setVariables({ user: true }, { A: "1" });
  // @ts-expect-error selected_repository_ids only with visibility "selected"
  await gh.setVariables({ org: "octo-org", visibility: "all", selected_repository_ids: [1] }, { A: "1" });
  const endpoints: SecretsEndpoint[] = secretsEndpoints();
  const kp = generateKeyPair();
  const plain: string = openSecret(sealSecret(kp.publicKey, "x"), kp.secretKey);

  try {
    await gh.actions.getRepoSecret({ ...repo, secret_name: "X" });
  } catch (error) {
    const e = error as GhsealError;
    const status: number | undefined = e.status;
    void status;
  }

  // variables (plaintext), agents secrets, private registries
  const created: 201 = (await gh.actions.createRepoVariable({ ...repo, name: "REGION", value: "eu" })).status;
  const variableValue: string = (await gh.agents.getRepoVariable({ ...repo, name: "REGION" })).data.value;
  await gh.actions.updateEnvironmentVariable({ ...repo, environment_name: "production", name: "REGION", value: "us" });
  await gh.agents.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: "v" });
  const registry = await gh.privateRegistries.createOrgPrivateRegistry({ org: "octo-org", registry_type: "npm_registry", url: "https://npm.pkg.github.com", visibility: "all", value: "t" });
  const registryName: string = registry.data.name;
  const vars = await gh.paginate(gh.actions.listOrgVariables, { org: "octo-org" });
  const orgVarVisibility: "all" | "private" | "selected" | undefined = vars[0]?.visibility;
  void [created, variableValue, registryName, orgVarVisibility];
  // @ts-expect-error an organization variable needs a visibility to be created
  await gh.actions.createOrgVariable({ org: "octo-org", name: "V", value: "v" });
  // @ts-expect-error registry_type is not a free string
  await gh.privateRegistries.createOrgPrivateRegistry({ org: "octo-org", registry_type: "apt", url: "https://x", visibility: "all" });

  // @ts-expect-error repo is required
  await gh.actions.getRepoPublicKey({ owner: "octo-org" });
  // @ts-expect-error value and encrypted_value are exclusive
  await gh.actions.createOrUpdateRepoSecret({ ...repo, secret_name: "A", value: "v", encrypted_value: "x", key_id: "k" });
  // without visibility an existing organization secret keeps its own (a new one: private)
  await gh.actions.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: "v" });
  // @ts-expect-error selected_repository_ids need visibility "selected"
  await gh.actions.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: "v", selected_repository_ids: [1] });
  // @ts-expect-error selected_repository_ids only with visibility "selected"
  await gh.actions.createOrUpdateOrgSecret({ org: "octo-org", secret_name: "A", value: "v", visibility: "private", selected_repository_ids: [1] });
  // @ts-expect-error Dependabot has no environment or repository-organization secrets
  await gh.dependabot.listRepoOrganizationSecrets(repo);
  // @ts-expect-error a delete answers no data
  const wrong: PublicKeyData = deleted.data;

  void [putStatus, total, firstName, visibility, repoId, none, route, name, id, results, endpoints, plain, wrong];
}

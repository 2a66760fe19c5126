// GitHub App authentication for the CLI: --app-id, --private-key FILE (PEM) and
// --installation-id, or GH_APP_ID / GH_APP_PRIVATE_KEY_FILE / GH_APP_INSTALLATION_ID.
// Without an installation id, the installation is found for the target
// (GET /repos/{owner}/{repo}/installation or GET /orgs/{org}/installation, as the
// app, with its JWT). Tokens come from @octokit/auth-app (an optional peer
// dependency, loaded only here) through GitHubSecrets' `authStrategy`, which
// refreshes them after a 401, so long runs outlive the one-hour tokens. The
// private key, the JWTs and every token are added to the CLI's scrub list.

import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";

const APP_ID = /^(?:[1-9]\d{0,15}|Iv[0-9A-Za-z.]{4,64})$/;
const INSTALLATION_ID = /^[1-9]\d{0,15}$/;

/**
 * The GitHub App settings from the options and environment, or undefined when
 * none is given (token authentication then). Reads and checks the key file.
 * @param {{ appId?: string, privateKey?: string, installationId?: string }} opts
 * @param {{ env?: Record<string, string | undefined>, targets?: object[], addScrub: (text: string) => void,
 *   UsageError: new (message: string, options?: object) => Error }} context
 * @returns {{ authStrategy: Function, auth: object } | undefined} GitHubSecrets options
 * @throws {UsageError} an incomplete set (app id without key or the reverse), a bad
 *   app or installation id, an unreadable file or one that holds no PEM private key,
 *   --user (an installation cannot reach a user's secrets)
 */
export function appAuthOptions(opts, { env = process.env, targets = [], addScrub, UsageError }) {
  const appId = opts.appId ?? env.GH_APP_ID;
  const keyFile = opts.privateKey ?? env.GH_APP_PRIVATE_KEY_FILE;
  const installationId = opts.installationId ?? env.GH_APP_INSTALLATION_ID;
  if (appId === undefined && keyFile === undefined && installationId === undefined) return undefined;
  const usage = (message) => new UsageError(message, { help: false });
  if (appId === undefined) throw usage("--private-key and --installation-id need --app-id (or GH_APP_ID)");
  if (!APP_ID.test(String(appId).trim())) throw usage(`--app-id: expected the GitHub App's numeric id (or client id Iv...), got ${JSON.stringify(appId)}`);
  if (keyFile === undefined) throw usage("--app-id needs --private-key FILE (or GH_APP_PRIVATE_KEY_FILE): the app's private key in PEM");
  if (installationId !== undefined && !INSTALLATION_ID.test(String(installationId).trim())) {
    throw usage(`--installation-id: expected a positive integer, got ${JSON.stringify(installationId)}`);
  }
  if (targets.some((t) => t.kind === "user")) {
    throw usage("--user: a GitHub App installation cannot reach a user's Codespaces secrets; use a user token (GH_TOKEN)");
  }
  const privateKey = readKey(String(keyFile), usage, addScrub);
  const discover = installationId === undefined ? discoveryTarget(targets, usage) : undefined;
  return {
    authStrategy: appStrategy,
    auth: { appId: String(appId).trim(), privateKey, installationId: installationId && Number(installationId), discover, addScrub },
  };
}

/** The PEM text of a private key file; every line of it is scrubbed from output. */
function readKey(file, usage, addScrub) {
  let pem;
  try {
    pem = readFileSync(file, "utf8");
  } catch (error) {
    throw usage(`--private-key ${file}: cannot read it (${error.code ?? error.message})`);
  }
  addScrub(pem);
  for (const line of pem.split(/\r?\n/)) if (!line.startsWith("-----")) addScrub(line);
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw usage(`--private-key ${file}: not a PEM private key (expected "-----BEGIN RSA PRIVATE KEY-----", as GitHub's "Generate a private key" downloads)`);
  }
  if (key.asymmetricKeyType !== "rsa") throw usage(`--private-key ${file}: a ${key.asymmetricKeyType} key; GitHub Apps sign with RSA (RS256)`);
  return pem;
}

/** Where to look the installation up: the first repository's, or the org's. */
function discoveryTarget(targets, usage) {
  const t = targets[0];
  if (!t) throw usage("--app-id without --installation-id needs a target (--repo or --org) to find the installation");
  if (t.kind === "org") return { route: "GET /orgs/{org}/installation", params: { org: t.org }, where: `organization ${t.org}` };
  return { route: "GET /repos/{owner}/{repo}/installation", params: { owner: t.owner, repo: t.repo }, where: `${t.owner}/${t.repo}` };
}

async function loadAuthApp() {
  try {
    return await import("@octokit/auth-app");
  } catch {
    // auth.js turns what the strategy throws into a ValidationError with param "auth".
    throw new Error("GitHub App authentication needs @octokit/auth-app: npm install @octokit/auth-app");
  }
}

/**
 * An Octokit auth strategy (the shape GitHubSecrets' `authStrategy` takes) over
 * @octokit/auth-app that finds the installation first when no id is given.
 */
function appStrategy({ request, appId, privateKey, installationId, discover, addScrub }) {
  let ready;
  const load = () =>
    (ready ??= (async () => {
      const { createAppAuth } = await loadAuthApp();
      let id = installationId;
      if (!id) {
        const app = createAppAuth({ appId, privateKey, request });
        const { token: jwt } = await app({ type: "app" });
        addScrub(jwt);
        try {
          ({ data: { id } } = await request(discover.route, { ...discover.params, headers: { authorization: `bearer ${jwt}` } }));
        } catch (error) {
          const why = error.status === 404 ? `is not installed on ${discover.where}` : `could not look up its installation on ${discover.where}: ${error.message}`;
          const out = new Error(`the GitHub App ${appId} ${why} (${discover.route.replace(/\{(\w+)\}/g, (_, k) => discover.params[k])}); install it there, or pass --installation-id`);
          out.status = error.status;
          throw out;
        }
      }
      return createAppAuth({ appId, privateKey, installationId: id, request });
    })());
  return async (authOptions) => {
    const result = await (await load())(authOptions);
    if (result?.token) addScrub(result.token);
    return result;
  };
}

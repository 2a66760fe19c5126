// Seed data for the GitHub secrets emulator: which users, organizations,
// repositories and environments exist. Secrets and key pairs are not part of
// the seed; they are created at run time (key pairs lazily, per scope).

/** The token accepted by default; authenticates as the seed's `authenticatedUser`. */
export const DEMO_TOKEN = "ghp_ghsealDemoToken";

/**
 * @typedef {object} SeedUser
 * @property {string} login
 * @property {number} id
 * @property {string} [name]  display name
 *
 * @typedef {object} SeedOrg
 * @property {string} login
 * @property {number} id
 *
 * @typedef {object} SeedRepo
 * @property {string} owner         login of a seed user or org
 * @property {string} name
 * @property {number} id
 * @property {boolean} [private]    default false
 * @property {string[]} [environments]  environment names (may contain "/")
 *
 * @typedef {object} Seed
 * @property {SeedUser[]} users
 * @property {SeedOrg[]} orgs
 * @property {SeedRepo[]} repos
 * @property {string} authenticatedUser  login that plain-string tokens authenticate as
 */

/**
 * The default seed: org `octo-org` (9919), user `octocat` (583231),
 * repositories `octo-org/hello-world` (1296269, environments `production`,
 * `staging`, `prod/eu`), `octo-org/spoon-knife` (1300192), `octo-org/docs`
 * (1300193, private) and `octocat/dotfiles` (1300194, private).
 * Returns a fresh object every call (safe to mutate).
 * @returns {Seed}
 */
export function defaultSeed() {
  return {
    users: [{ login: "octocat", id: 583231, name: "The Octocat" }],
    orgs: [{ login: "octo-org", id: 9919 }],
    repos: [
      {
        owner: "octo-org",
        name: "hello-world",
        id: 1296269,
        private: false,
        environments: ["production", "staging", "prod/eu"],
      },
      { owner: "octo-org", name: "spoon-knife", id: 1300192, private: false, environments: [] },
      { owner: "octo-org", name: "docs", id: 1300193, private: true, environments: [] },
      { owner: "octocat", name: "dotfiles", id: 1300194, private: true, environments: [] },
    ],
    authenticatedUser: "octocat",
  };
}

/**
 * The default seed plus `repos` extra repositories in `octo-org`, named
 * "repo-01".."repo-NN" (zero-padded to at least two digits), ids 1400001..,
 * every third one private.
 * @param {{ repos?: number }} [options]
 * @returns {Seed}
 * @throws {RangeError} when `repos` is not a non-negative integer
 */
export function makeSeed({ repos = 25 } = {}) {
  if (!Number.isInteger(repos) || repos < 0) {
    throw new RangeError(`makeSeed: repos must be a non-negative integer, got ${repos}`);
  }
  const seed = defaultSeed();
  const width = Math.max(2, String(repos).length);
  for (let i = 1; i <= repos; i++) {
    seed.repos.push({
      owner: "octo-org",
      name: `repo-${String(i).padStart(width, "0")}`,
      id: 1400000 + i,
      private: i % 3 === 0,
      environments: [],
    });
  }
  return seed;
}

/**
 * Checks a seed and fills defaults. Throws a TypeError describing the first
 * problem (duplicate ids/names, repository owner that does not exist...).
 * @param {Seed} seed
 * @returns {Seed} a normalized deep copy
 */
export function normalizeSeed(seed) {
  if (!seed || typeof seed !== "object") throw new TypeError("seed must be an object");
  const users = (seed.users ?? []).map((u) => ({ login: String(u.login), id: Number(u.id), name: u.name ?? null }));
  const orgs = (seed.orgs ?? []).map((o) => ({ login: String(o.login), id: Number(o.id) }));
  const owners = new Set();
  const ids = new Set();
  for (const a of [...users, ...orgs]) {
    if (!a.login || !Number.isInteger(a.id)) throw new TypeError(`seed: bad account ${JSON.stringify(a)}`);
    const k = a.login.toLowerCase();
    if (owners.has(k)) throw new TypeError(`seed: duplicate account login ${a.login}`);
    owners.add(k);
  }
  const names = new Set();
  const repos = (seed.repos ?? []).map((r) => {
    const repo = {
      owner: String(r.owner),
      name: String(r.name),
      id: Number(r.id),
      private: Boolean(r.private),
      environments: [...(r.environments ?? [])].map(String),
      // GET /orgs/{org}/repos flags (sync-support.mjs)
      archived: Boolean(r.archived),
      fork: Boolean(r.fork),
    };
    if (!owners.has(repo.owner.toLowerCase())) throw new TypeError(`seed: repository ${repo.owner}/${repo.name} has unknown owner`);
    if (!Number.isInteger(repo.id) || repo.id <= 0) throw new TypeError(`seed: repository ${repo.owner}/${repo.name} needs a positive integer id`);
    if (ids.has(repo.id)) throw new TypeError(`seed: duplicate repository id ${repo.id}`);
    ids.add(repo.id);
    const full = `${repo.owner}/${repo.name}`.toLowerCase();
    if (names.has(full)) throw new TypeError(`seed: duplicate repository ${full}`);
    names.add(full);
    return repo;
  });
  const authenticatedUser = seed.authenticatedUser ?? users[0]?.login;
  if (!authenticatedUser || !users.some((u) => u.login.toLowerCase() === String(authenticatedUser).toLowerCase())) {
    throw new TypeError("seed: authenticatedUser must name one of seed.users");
  }
  return { users, orgs, repos, authenticatedUser: String(authenticatedUser) };
}

// Type-checked by tests/node/sync-types.test.mjs: gh.plan / gh.apply and ghseal/sync.
import { GitHubSecrets, type SyncPlan, type SyncReport, type SyncState } from "ghseal";
import { loadManifest, loadStateKey, readState, writeStateAtomic, ManifestError, type ManifestProblem } from "ghseal/sync";

export async function sync(): Promise<void> {
  const gh = new GitHubSecrets({ auth: "t" });
  const state: SyncState = readState(".ghseal-state.json");
  try {
    const plan: SyncPlan = await gh.plan(await loadManifest("ghseal.yml"), { stateKey: loadStateKey().key, state, overwriteDrift: false, budget: { maxWritesPerMinute: 80 } });
    const first = plan.items[0];
    const action: "create" | "update" | "unchanged" | "delete" | "drifted" | "error" | undefined = first?.action;
    const eta: number = plan.etaMs + plan.writes + plan.counts.create;
    const report: SyncReport = await gh.apply(plan, {
      signal: new AbortController().signal,
      onProgress: ({ done, total, item }) => void [done, total, item.status],
      onStateChange: (s) => writeStateAtomic(".ghseal-state.json", s),
    });
    const cancelled: boolean = report.cancelled;
    void [action, eta, cancelled];
    // @ts-expect-error the state key is required
    await gh.plan(await loadManifest("ghseal.yml"), {});
    // @ts-expect-error kind is secret or variable
    const bad: SyncPlan["items"][number]["kind"] = "token";
    void bad;
  } catch (error) {
    if (error instanceof ManifestError) {
      const problems: ManifestProblem[] = error.errors;
      void problems.map((p) => `${p.path}:${p.line}:${p.column} ${p.message}`);
    }
  }
}

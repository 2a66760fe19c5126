// Types of `ghseal sync`'s library side: GitHubSecrets.plan and apply (manifest, state,
// budget, plan, report). Hand-written; index.d.ts re-exports them. The manifest loader
// (`ghseal/sync`) is typed in sync/index.d.ts.

/** A loaded manifest: `loadManifest(file)` from `ghseal/sync`, or parseManifest + resolveValues. */
export interface SyncManifest {
  manifest: { targets: object[] };
  /** Values keyed by manifest path, e.g. `targets[0].secrets.API_TOKEN`. */
  values: Map<string, string>;
}
/** `{ version: 1, targets: { "octo-org/api": { "secret/TOKEN": { updated_at, fingerprint, settings? } } } }`; no plaintext. */
export interface SyncState {
  version: 1;
  targets: Record<string, Record<string, { updated_at: string | null; fingerprint: string; settings?: string }>>;
}
/** GitHub's secondary limits for content-creating requests, as sliding windows. */
export interface SyncBudget {
  /** Default 80. */
  maxWritesPerMinute?: number;
  /** Default 500. */
  maxWritesPerHour?: number;
  /** Window lengths in ms (defaults 60000 and 3600000), smaller in tests. */
  minuteMs?: number;
  hourMs?: number;
}
export interface SyncPlanOptions {
  /** Fingerprint key, at least 16 bytes (GHSEAL_STATE_KEY or the key file; never stored in the state). */
  stateKey: Uint8Array | string;
  /** The state from the last apply (default: empty). */
  state?: SyncState;
  /** Plan drifted names as update/create instead of `drifted`. */
  overwriteDrift?: boolean;
  budget?: SyncBudget;
  /** The client's minimum ms between writes, for the ETA (default 1000). */
  minWriteInterval?: number;
}
export type SyncAction = "create" | "update" | "unchanged" | "delete" | "drifted" | "error";
/** `target`: `owner/repo`, `owner/repo:env:NAME` or `org:ORG`, plus `:dependabot`/`:codespaces`/`:agents`. */
export interface SyncPlanItem { target: string; kind: "secret" | "variable"; name: string; action: SyncAction; reason: string }
export interface SyncPlan {
  items: SyncPlanItem[];
  /** Content-creating requests apply will send (including environment creation). */
  writes: number;
  counts: Record<SyncAction, number>;
  /** Estimated ms for the writes under the budget. */
  etaMs: number;
}
export interface SyncApplyOptions {
  /** Defaults to the state given to plan(). */
  state?: SyncState;
  signal?: AbortSignal;
  onProgress?: (event: { done: number; total: number; item: SyncReportItem }) => void;
  /** Called with the whole state after every change (persist it: the CLI writes a temp file and renames it). */
  onStateChange?: (state: SyncState) => void;
  budget?: SyncBudget;
  minWriteInterval?: number;
}
export interface SyncReportItem extends SyncPlanItem {
  status: "done" | "failed" | "unchanged" | "drifted" | "not-attempted";
  /** Why a write failed (never a value). */
  error?: string;
}
export interface SyncReport {
  items: SyncReportItem[];
  counts: Partial<Record<SyncReportItem["status"], number>>;
  /** Writes sent. */
  writes: number;
  /** True when the signal stopped the run. */
  cancelled: boolean;
  state: SyncState;
}

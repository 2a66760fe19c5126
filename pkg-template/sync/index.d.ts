// Types of `ghseal/sync` (Node): manifest loading, value sources, state file.
import type { SyncManifest, SyncState } from "../index.js";

export interface ManifestProblem {
  /** Path in the manifest, e.g. `targets[0].secrets.API_TOKEN`. */
  path: string;
  /** 1-based; 0 when unknown. */
  line: number;
  column: number;
  message: string;
}
/** Every problem of a manifest, thrown together before any request (`code` "invalid_manifest"). */
export class ManifestError extends Error {
  readonly name: "ManifestError";
  readonly code: "invalid_manifest";
  readonly file: string;
  readonly errors: ManifestProblem[];
}
/** The manifest's JSON Schema (also `ghseal/sync/manifest.schema.json`). */
export const MANIFEST_SCHEMA: object;
export const SYNC_APPS: readonly ["actions", "dependabot", "codespaces", "agents"];
export const VARIABLE_APPS: readonly string[];
/** GitHub's 48 KiB limit on a value, in bytes. */
export const MAX_VALUE_BYTES: 49152;
export const DEFAULT_STATE_FILE: ".ghseal-state.json";
export function formatError(file: string, problem: ManifestProblem): string;
/** A glob (`svc-*`) or `/regex/flags` repository-name pattern. Throws SyntaxError on a bad regex. */
export function namePattern(text: string): RegExp;
/** Parse and check YAML text; never throws for bad input. */
export function parseManifest(text: string): { manifest: SyncManifest["manifest"] | null; errors: ManifestProblem[]; locate: (segments: Array<string | number>) => { line: number; column: number } };
export function resolveValues(
  manifest: SyncManifest["manifest"],
  options?: { env?: Record<string, string | undefined>; baseDir?: string; readFile?: (path: string) => string; readStdin?: () => Promise<string>; locate?: (segments: Array<string | number>) => { line: number; column: number } },
): Promise<{ values: Map<string, string>; errors: ManifestProblem[] }>;
/** Read, check and resolve a manifest file; throws ManifestError with every problem. */
export function loadManifest(file: string, options?: Parameters<typeof resolveValues>[1]): Promise<SyncManifest & { file: string }>;
export function configDir(env?: Record<string, string | undefined>): string;
/** GHSEAL_STATE_KEY, else the 0600 key file in configDir() (created when absent). */
export function loadStateKey(env?: Record<string, string | undefined>): { key: Uint8Array; source: string };
export function readState(file: string): SyncState;
/** Temp file + rename: a kill never leaves a half-written state. */
export function writeStateAtomic(file: string, state: SyncState): void;

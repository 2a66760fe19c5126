// `ghseal seal --key BASE64 [VALUE|-]`: seals a value offline for a public key
// (libsodium sealed box, as GitHub expects) and prints the base64 result. No
// token, no network. Values over GitHub's limit (48 KiB of plaintext) are
// refused unless --allow-large (for sealed boxes meant for something else).

// The sealing-only entry: `ghseal seal` loads no GitHub client (cli-startup.test.mjs).
import { MAX_SECRET_BYTES, sealSecret } from "../seal.node.js";
import { EXIT, UsageError } from "./errors.js";
import { readValue } from "./input.js";

/** Largest value GitHub stores, in bytes of UTF-8 plaintext: the package's own constant (49152). */
export { MAX_SECRET_BYTES };

function seal(key, value) {
  try {
    // checkSize already applied MAX_SECRET_BYTES (or --allow-large): lift sealSecret's own 48 KiB default.
    return sealSecret(key, value, { maxBytes: Infinity });
  } catch (error) {
    if (error?.name === "ValidationError" && error.param === "publicKey") {
      throw new UsageError(`--key: ${String(error.message).replace(/^publicKey:\s*/, "")} (expected the base64 of a 32-byte public key)`);
    }
    throw error;
  }
}

/**
 * Checks the options of `seal` and the key (before a value is asked for).
 * @returns {{ key: string, keyChecked: boolean, keyId?: string, json: boolean, allowLarge: boolean, value?: string }}
 *   (keyChecked: the key was sealed for already, before reading the value)
 * @throws {UsageError} for a key that is not the base64 of 32 bytes
 */
export function parseSealOptions(value, opts) {
  const key = String(opts.key).trim();
  // A value to be read (stdin or prompt): check the key before asking for it. A
  // value on the command line is sealed at once, which checks the key with the same
  // error (one seal instead of two: the first one of a process is the slowest).
  const keyChecked = value === undefined || value === "-";
  if (keyChecked) seal(key, "");
  return { key, keyChecked, keyId: opts.keyId, json: Boolean(opts.json), allowLarge: Boolean(opts.allowLarge), value: value === "-" ? undefined : value };
}

/**
 * The plaintext's size check: GitHub refuses secrets over MAX_SECRET_BYTES.
 * @param {string} plaintext @param {boolean} allowLarge
 * @throws {UsageError} naming the size and the limit, unless allowLarge
 */
export function checkSize(plaintext, allowLarge) {
  const bytes = Buffer.byteLength(plaintext, "utf8");
  if (bytes > MAX_SECRET_BYTES && !allowLarge) {
    throw new UsageError(
      `the value is ${bytes} bytes, over GitHub's limit of ${MAX_SECRET_BYTES} bytes (${MAX_SECRET_BYTES / 1024} KiB) for a secret; pass --allow-large to seal it anyway (GitHub will refuse it)`,
      { help: false },
    );
  }
}

/**
 * Reads the value (argument, stdin or prompt) and seals it.
 * @returns {Promise<{ encrypted_value: string, key_id?: string }>}
 */
export async function runSeal(options, { stdin, io }) {
  const plaintext = options.value === undefined ? await readValue(stdin, "the value", { output: io.stderr }) : options.value;
  try {
    checkSize(plaintext, options.allowLarge);
  } catch (error) {
    if (!options.keyChecked) seal(options.key, ""); // a bad key is named first, as when the value is read
    throw error;
  }
  const out = { encrypted_value: seal(options.key, plaintext) };
  if (options.keyId !== undefined) out.key_id = options.keyId;
  return out;
}

/** Prints the sealed value (stdout): base64, or `{ encrypted_value, key_id }` with --json. */
export function reportSeal(io, sealed, options) {
  if (options.json) io.printJson(sealed);
  else io.print(sealed.encrypted_value);
  return EXIT.OK;
}

/** `ghseal seal`: parse, run, report. */
export async function sealCommand(value, opts, ctx) {
  const options = parseSealOptions(value, opts);
  return reportSeal(ctx.io, await runSeal(options, ctx), options);
}

// Panel 1, Connection: which API (the local emulator or api.github.com), the token,
// "Check token", and the connection's state (unreachable, retrying). The token
// lives in the #token field only: never stored, never logged.
import { $, clearErrors, fieldError, setStatus } from "./dom.js";

const HINTS = {
  emulator:
    "Pre-filled with the emulator's demo token. Held in this page's memory only: never stored, never logged.",
  github:
    "A GitHub personal access token allowed to manage these secrets (e.g. a fine-grained token with write access to the repository's or organization's secrets). Held in this page's memory only: never stored, never logged.",
};

/**
 * @param {{ lib: object, config: { emulatorUrl: string, githubUrl: string, demoToken: string } }} deps
 */
export function createConnection({ lib, config }) {
  const target = () => ($("target-github").checked ? "github" : "emulator");
  const baseUrl = () => (target() === "github" ? config.githubUrl : config.emulatorUrl);
  /** "GitHub" or "The emulator": who answered an HTTP request. */
  const answeredBy = () => (target() === "github" ? "GitHub" : "The emulator");
  const idle = () =>
    target() === "github"
      ? `Requests go to ${config.githubUrl} with your token. Secret values can't be read back from GitHub.`
      : `Requests go to the local emulator at ${config.emulatorUrl}.`;
  let retrying = false;

  /** Shows a retry in the connection status (the client calls it before waiting). */
  function onRetry(event) {
    retrying = true;
    const why = event.status === 0 ? "No answer" : `HTTP ${event.status}`;
    setStatus("conn-status", `${why} from ${baseUrl()}; retrying in ${Math.max(1, Math.round(event.waitMs / 1000))} s (retry ${event.attempt})…`, "busy");
  }

  /** A client for the current target and token, created per action (nothing cached). */
  function client() {
    const options = { auth: $("token").value.trim() || undefined, baseUrl: baseUrl(), onRetry };
    if (target() === "emulator") {
      options.throttle = { minWriteInterval: 0 };
      options.retry = { retries: 1, baseDelay: 200 };
    } else {
      options.retry = { retries: 2, baseDelay: 500 };
    }
    return new lib.GitHubSecrets(options);
  }

  /** After a request that got an answer: a "retrying" line gives way to the idle text. */
  function answered() {
    if (retrying) setStatus("conn-status", idle());
    retrying = false;
  }

  /** No answer at all (network down, blocked, refused): the connection's error, not the token's. */
  function unreachable(err) {
    retrying = false;
    const why = err?.code === "timeout" ? "no answer in time" : "the request failed (network down, blocked or refused)";
    setStatus("conn-status", `Could not reach ${baseUrl()}: ${why}. Nothing was sent or changed. Check the connection and try again.`, "bad");
  }

  /** False (and a message at the token field) when the token is empty: nothing is sent. */
  function requireToken() {
    if ($("token").value.trim()) return true;
    fieldError("token", target() === "github" ? "Enter a GitHub token first: nothing was sent." : "Enter a token first (the emulator's demo token was cleared): nothing was sent.");
    return false;
  }

  async function checkToken() {
    clearErrors($("conn-form"));
    if (!requireToken()) {
      $("token").focus();
      return;
    }
    setStatus("conn-status", "Checking…", "busy");
    try {
      const { data } = await client().request("GET /user");
      retrying = false;
      setStatus("conn-status", `Signed in as ${data.login} on ${target() === "github" ? "GitHub" : "the emulator"}.`, "ok");
    } catch (err) {
      if (err?.name === "HttpError" && err.status > 0) {
        answered();
        setStatus("conn-status", "");
        fieldError("token", `${answeredBy()} answered ${err.status}: ${err.response?.data?.message ?? err.message}`);
        $("token").focus();
      } else if (err?.name === "HttpError") {
        unreachable(err);
      } else {
        setStatus("conn-status", String(err?.message ?? err), "bad");
      }
    }
  }

  /** Radio change: token, hint and status follow the target; `onSwitch` resets what belongs to the old API. */
  function switchTarget(onSwitch) {
    const gh = target() === "github";
    // Never carry one API's token over to the other.
    $("token").value = gh ? "" : config.demoToken;
    $("token-hint").textContent = HINTS[target()];
    clearErrors($("conn-form"));
    retrying = false;
    setStatus("conn-status", idle());
    onSwitch();
    if (gh) $("token").focus();
  }

  function start() {
    $("emulator-url").textContent = config.emulatorUrl;
    $("token").value = config.demoToken;
    $("token-hint").textContent = HINTS.emulator;
    setStatus("conn-status", idle());
  }

  return { target, baseUrl, answeredBy, client, answered, unreachable, requireToken, checkToken, switchTarget, start };
}

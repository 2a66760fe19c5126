// DOM helpers shared by the panels: element lookup, status lines, field errors
// (aria-invalid + the field's error paragraph), alerts, busy state, wording.

/** The element with this id (every id the panels use exists in index.html). */
export const $ = (id) => document.getElementById(id);

/** Error paragraph ids that do not follow the `${field}-error` rule. */
const ERROR_ID = { "selected-repos": "repos-error" };
export const errorIdOf = (field) => ERROR_ID[field] ?? `${field}-error`;

/** Sets a status line's text and kind ("", "ok", "bad", "busy"). */
export function setStatus(id, text, kind = "") {
  const el = $(id);
  el.textContent = text;
  el.dataset.kind = kind;
}

/** Shows `message` under the field and marks it invalid. */
export function fieldError(field, message) {
  $(errorIdOf(field)).textContent = message;
  $(field).setAttribute("aria-invalid", "true");
}

/** Clears one field's error (when the user fixes it). */
export function clearFieldError(field) {
  $(field)?.removeAttribute("aria-invalid");
  $(errorIdOf(field))?.replaceChildren();
}

/** Clears every field error inside `root` and the alerts named in `alerts`. */
export function clearErrors(root, alerts = []) {
  for (const el of root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const el of root.querySelectorAll(".error")) el.replaceChildren();
  for (const id of alerts) $(id).replaceChildren();
}

/** Moves focus to the first invalid field inside `root`; true when there was one. */
export function focusFirstInvalid(root) {
  const el = root.querySelector("[aria-invalid=true]");
  el?.focus();
  return Boolean(el);
}

/** Replaces the alert box's content with paragraphs built from strings and nodes. */
export function showAlert(id, ...parts) {
  const p = document.createElement("p");
  p.append(...parts);
  $(id).replaceChildren(p);
}

/** Disables `buttons` and marks the page busy while `fn` runs. */
export async function busy(buttons, fn) {
  for (const b of buttons) b.disabled = true;
  document.body.setAttribute("aria-busy", "true");
  try {
    return await fn();
  } finally {
    for (const b of buttons) b.disabled = false;
    document.body.removeAttribute("aria-busy");
  }
}

/** Bytes of `s` encoded as UTF-8 (what GitHub's limit counts). */
export const utf8Length = (s) => new TextEncoder().encode(s).length;

/** "1 byte", "2 bytes": `count` with the singular or plural noun. */
export const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "17 characters (21 bytes UTF-8)": code points and bytes of a value. */
export const describeLength = (value) => `${plural([...value].length, "character")} (${plural(utf8Length(value), "byte")} UTF-8)`;

// Instantiates a wasm-bindgen module synchronously from its inlined bytes (a string
// of one character per byte, see scripts/build.mjs).
export function instantiateInline(initSync, text) {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  initSync({ module: bytes });
}

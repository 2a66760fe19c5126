//! # ghseal
//!
//! Seal secrets for GitHub and upload them through GitHub's REST secrets API.
//!
//! - [`seal`]: libsodium-compatible sealed boxes (`crypto_box_seal`: X25519 +
//!   XSalsa20-Poly1305, nonce = BLAKE2b-192(ephemeral_pk || recipient_pk)), the
//!   format GitHub requires for `encrypted_value`.
//! - [`github`] (feature `client`): the table of every Actions, Dependabot and
//!   Codespaces secrets endpoint, request building, status mapping, retries,
//!   throttling and the public-key cache, over an injected [`github::Transport`].
//! - `bindings` (wasm32 only): the thin `#[wasm_bindgen]` layer the npm package uses.
//!
//! The core is plain Rust and is tested with `cargo test` on the host; nothing in it
//! panics on bad input, because a panic inside WebAssembly poisons the instance.
#![deny(missing_docs, missing_debug_implementations)]
#![forbid(unsafe_code)]
// A panic inside wasm poisons the instance: no unwrap, expect, indexing or panic!
// outside tests (`cargo clippy` reports any).
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

pub mod error;
pub mod seal;

#[cfg(any(feature = "client", feature = "sync"))]
mod civil;
#[cfg(any(feature = "client", feature = "sync"))]
mod names;

#[cfg(feature = "client")]
pub mod github;

#[cfg(feature = "sync")]
pub mod sync;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod bindings;

pub use error::{Error, Result};

/// The wasm builds' allocator: `lol_alloc`'s free list (first fit, freed blocks merged
/// with their neighbours, memory grown a page at a time) behind its spin lock, about
/// 1 KB of wasm where Rust's default dlmalloc is about 9 KB. Memory stays bounded over
/// long runs (tests/node/wasm-memory.test.mjs seals 4 KiB values in a loop).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

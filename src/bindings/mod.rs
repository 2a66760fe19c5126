//! The `#[wasm_bindgen]` exports: conversion only, no logic. JavaScript names
//! follow the package's API (`sealSecret`, `openSecret`, ...); the hand-written
//! `pkg-template/index.d.ts` carries the TypeScript types.
//!
//! Which exports a wasm has follows the features it is built with (see
//! scripts/build.mjs): the sealing functions below (`seal-api`), the GitHub client
//! (`client`) and the sync core (`sync`, built into its own wasm, pkg/sync-wasm/).

#[cfg(feature = "client")]
pub mod client;
#[cfg(any(feature = "seal-api", feature = "client"))]
mod convert;
mod error;
mod js;
mod random;
#[cfg(feature = "seal-api")]
mod seal_api;
#[cfg(feature = "sync")]
pub mod sync;
#[cfg(feature = "client")]
mod transport;

#[cfg(feature = "seal-api")]
pub use seal_api::*;

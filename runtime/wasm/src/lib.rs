//! The Landchain runtime as the WebAssembly blob the node embeds (`WASM_BINARY`) and puts in its
//! chain specs' genesis.
//!
//! The blob is built here, in a crate of its own, rather than by the runtime crate: the runtime
//! then has no build script, so a native build of it (the pallets' benchmarks and the
//! try-runtime checks run as tests under their own features) never compiles the wasm builder's
//! toolchain (Binaryen's C++, wasmtime and cranelift for the metadata hash) a second time.
//! `runtime/upgrade-test` builds the `spec_version` + 1 blob the same way.
//!
//! Natively this crate only exposes the blob; the file is
//! `$CARGO_TARGET_DIR/release/wbuild/landchain-runtime-wasm/landchain_runtime_wasm.compact.compressed.wasm`.
#![cfg_attr(not(feature = "std"), no_std)]

// In the wasm build the runtime is linked in whole: its runtime API entry points are the
// exports of this blob.
#[cfg(not(feature = "std"))]
pub use landchain_runtime::*;

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

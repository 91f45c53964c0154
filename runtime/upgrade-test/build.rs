//! Builds the upgrade-test runtime blob (the real runtime, `spec_version` + 1) exactly as the
//! runtime's own blob is built.

include!("../wasm/build.rs");

//! Builds the runtime as a WebAssembly blob (`WASM_BINARY`) for the node to embed.

#[cfg(feature = "std")]
fn main() {
    substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// When the runtime itself is compiled for wasm there is nothing more to build.
#[cfg(not(feature = "std"))]
fn main() {}

// The token, as wallets show it. Included by the runtime (`lib.rs`) and by the build scripts
// (`build.rs`, `upgrade-test/build.rs`), which compile it into the metadata hash: one definition.

/// The token's symbol, shown by Polkadot.js (chain property `tokenSymbol`).
pub const TOKEN_SYMBOL: &str = "LAND";
/// Decimal places of the token (chain property `tokenDecimals`): 1 LAND = 10^12 planck.
pub const TOKEN_DECIMALS: u8 = 12;

//! `landchain-node`: the Landchain node binary.

#![warn(missing_docs)]

mod audit;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod certificate;
mod chain_spec;
mod cli;
mod command;
mod national;
mod production_spec;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}

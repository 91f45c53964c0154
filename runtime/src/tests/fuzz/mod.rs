//! Runtime state-machine fuzzing: blocks of random, mostly valid dealings from sixteen accounts
//! — registrations, mortgages and their consents, liens, easements, leases, caveats, discharges,
//! splits, merges, applications with confirmations, objections, enactments, withdrawals and
//! expiries, restrictions, offers, consents, funding, approvals, rejections, cancellations and
//! expiries of sales, direct escrows, council motions (notice periods, duty, deposits,
//! registrars, objections, upgrades) and balance transfers — each a real signed extrinsic
//! applied through `Executive`, fees included; one in ten signed by an impostor. After every
//! block, [`checks::after_block`] runs every pallet's `try_state` and the value-conservation
//! checks.
//!
//! Built with `--features try-runtime` (the test command's benchmark/try-runtime step runs the
//! short, fixed-seed run of 10,000 calls). The long run is `scripts/fuzz.sh` (environment
//! `LANDCHAIN_FUZZ_CALLS`, `LANDCHAIN_FUZZ_SEED`). A failing sequence is shrunk by proptest
//! to a minimal one, printed, and saved under `runtime/proptest-regressions/`, which is
//! committed: every later run replays it first.

mod actions;
mod checks;
mod world;

use super::{initialize_block, signed_by};
use crate::{Balances, Executive, Runtime, RuntimeCall, RuntimeError, RuntimeEvent, System};
use frame_support::traits::GetCallMetadata;
use proptest::{
	prelude::*,
	test_runner::{
		Config as ProptestConfig, FileFailurePersistence, RngAlgorithm, TestRng, TestRunner,
	},
};
use std::{cell::RefCell, collections::BTreeMap, time::Instant};
use world::World;

/// The calls of the short run in the test command.
const SHORT_RUN_CALLS: u64 = 10_000;
/// The short run's seed: the same sequence every time, so a green CI means the same thing.
const SHORT_RUN_SEED: u64 = 0x1a4d_c4a1;

/// What a run did, printed at its end.
#[derive(Default)]
struct Tally {
	/// Runs of blocks from genesis (proptest cases).
	cases: u64,
	/// Blocks executed, each followed by every check.
	blocks: u64,
	/// Signed extrinsics applied.
	calls: u64,
	/// Extrinsics refused before dispatch (not included: nonce, fees, block full).
	invalid: BTreeMap<String, u64>,
	/// Per call: dispatched successfully, and refused with each error.
	outcomes: BTreeMap<String, (u64, BTreeMap<String, u64>)>,
	/// Council motions that executed, by their call's result.
	motions: BTreeMap<String, u64>,
}

impl Tally {
	fn record(&mut self, call: &str, outcome: Result<(), String>) {
		let entry = self.outcomes.entry(call.to_string()).or_default();
		match outcome {
			Ok(()) => entry.0 += 1,
			Err(error) => *entry.1.entry(error).or_default() += 1,
		}
	}

	fn succeeded(&self, call: &str) -> u64 {
		self.outcomes.get(call).map_or(0, |(ok, _)| *ok)
	}

	fn print(&self, seconds: f64) {
		let refused: u64 = self.outcomes.values().flat_map(|(_, e)| e.values()).sum();
		let invalid: u64 = self.invalid.values().sum();
		println!(
			"fuzz: {} calls in {} blocks ({} runs from genesis) in {seconds:.1} s ({:.0} calls/s): \
			 {} dispatched, {refused} refused by the runtime, {invalid} not valid transactions; \
			 every invariant held after each of the {} blocks",
			self.calls,
			self.blocks,
			self.cases,
			self.calls as f64 / seconds.max(0.001),
			self.calls - refused - invalid,
			self.blocks,
		);
		println!("{:<44} {:>8} {:>8}  most frequent refusals", "call", "ok", "refused");
		for (call, (ok, errors)) in &self.outcomes {
			let mut errors: Vec<_> = errors.iter().collect();
			errors.sort_by(|a, b| b.1.cmp(a.1));
			let top: Vec<String> =
				errors.iter().take(3).map(|(error, n)| format!("{error} {n}")).collect();
			let refused: u64 = errors.iter().map(|(_, n)| **n).sum();
			println!("{call:<44} {ok:>8} {refused:>8}  {}", top.join(", "));
		}
		println!("council motions executed: {:?}", self.motions);
		println!("not valid transactions: {:?}", self.invalid);
	}

	/// The run reached deep states: each of these dealings succeeded at least once. A generator
	/// that stopped producing valid sequences fails here instead of passing vacuously.
	fn assert_reaches_every_dealing(&self) {
		let wanted = [
			"Balances.transfer_keep_alive",
			"LandRegistry.register_parcel",
			"LandRegistry.consent_to_mortgage",
			"LandRegistry.record_encumbrance",
			"LandRegistry.discharge",
			"LandRegistry.split_parcel",
			"LandRegistry.merge_parcels",
			"LandRegistry.propose_application",
			"LandRegistry.confirm_application",
			"LandRegistry.object",
			"LandRegistry.enact_application",
			"LandRegistry.withdraw_application",
			"LandRegistry.veto_recovery",
			"LandRegistry.place_restriction",
			"LandRegistry.remove_restriction",
			"Conveyance.offer",
			"Conveyance.consent",
			"Conveyance.accept_and_fund",
			"Conveyance.accept_with_finance",
			"Conveyance.fund_advance",
			"Conveyance.consent_to_advance",
			"Conveyance.lodge_redemption",
			"Conveyance.approve",
			"Conveyance.reject",
			"Conveyance.cancel",
			"Conveyance.expire",
			"Escrow.open",
			"Escrow.release",
			"Escrow.refund",
			"Council.propose",
			"Council.vote",
			"Council.close",
		];
		let missing: Vec<_> = wanted.iter().filter(|call| self.succeeded(call) == 0).collect();
		assert!(missing.is_empty(), "never succeeded in this run: {missing:?}");
		assert!(self.motions.get("Ok").copied().unwrap_or(0) > 0, "no motion's call succeeded");
	}
}

fn call_name(call: &RuntimeCall) -> String {
	let metadata = call.get_call_metadata();
	format!("{}.{}", metadata.pallet_name, metadata.function_name)
}

fn error_name(error: sp_runtime::DispatchError) -> String {
	match RuntimeError::from_dispatch_error(error) {
		Some(error) => format!("{error:?}"),
		None => <&'static str>::from(error).to_string(),
	}
}

/// Executes one run of blocks from the fuzzer's genesis, checking everything after each block.
fn run_case(
	world: &World,
	genesis: &sp_runtime::Storage,
	blocks: &[actions::Block],
	tally: &mut Tally,
) -> Result<(), TestCaseError> {
	tally.cases += 1;
	let mut ext = sp_io::TestExternalities::new(genesis.clone());
	ext.execute_with(|| {
		// `CheckGenesis` signs against the hash of block 0, which a real chain has.
		frame_system::BlockHash::<Runtime>::insert(0, crate::Hash::repeat_byte(7));
		let mut issuance = Balances::total_issuance();
		let mut number = 0u32;
		for block in blocks {
			// Time passes: empty blocks (the timestamp alone), checked like any other.
			for _ in 0..block.skip {
				number += 1;
				initialize_block(number);
				Executive::finalize_block();
				issuance = checks::after_block(number, issuance).map_err(|error| {
					TestCaseError::fail(format!("after empty block {number}: {error}"))
				})?;
				tally.blocks += 1;
			}
			number += 1;
			initialize_block(number);
			for step in &block.steps {
				for (signer, call) in world.calls_of(step) {
					let name = call_name(&call);
					let nonce = System::account_nonce(world.account(signer));
					tally.calls += 1;
					match Executive::apply_extrinsic(signed_by(world.pair(signer), nonce, call)) {
						Ok(outcome) => tally.record(&name, outcome.map_err(error_name)),
						Err(invalid) => {
							*tally.invalid.entry(format!("{name}: {invalid:?}")).or_default() += 1
						}
					}
				}
			}
			Executive::finalize_block();
			for record in System::events() {
				if let RuntimeEvent::Council(pallet_collective::Event::Executed {
					result, ..
				}) = record.event
				{
					let result = result.map_err(error_name).err().unwrap_or_else(|| "Ok".into());
					*tally.motions.entry(result).or_default() += 1;
				}
			}
			issuance = checks::after_block(number, issuance)
				.map_err(|error| TestCaseError::fail(format!("after block {number}: {error}")))?;
			tally.blocks += 1;
		}
		Ok(())
	})
}

/// Runs random dealings until `calls` extrinsics were applied, from `seed`.
fn fuzz(calls: u64, seed: u64) -> Tally {
	let world = World::new();
	let genesis = world.genesis();
	let tally = RefCell::new(Tally::default());
	let config = ProptestConfig {
		cases: 16,
		max_shrink_iters: 10_000,
		failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
			"proptest-regressions",
		))),
		source_file: Some(file!()),
		..ProptestConfig::default()
	};
	let started = Instant::now();
	let mut reported = 0;
	// A runner runs its `cases` once: one runner per batch of cases, each with its own stream of
	// the seed's randomness (and each replaying the saved regressions first).
	for batch in 0u64.. {
		if tally.borrow().calls >= calls {
			break;
		}
		let mut key = [0u8; 32];
		key[..8].copy_from_slice(&seed.to_le_bytes());
		key[8..16].copy_from_slice(&batch.to_le_bytes());
		let mut runner = TestRunner::new_with_rng(
			config.clone(),
			TestRng::from_seed(RngAlgorithm::ChaCha, &key),
		);
		let result = runner.run(&actions::blocks(), |blocks| {
			run_case(&world, &genesis, &blocks, &mut tally.borrow_mut())
		});
		if let Err(failure) = result {
			panic!("seed {seed:#x}: a sequence of dealings broke an invariant: {failure}");
		}
		let done = tally.borrow().calls;
		if done * 10 / calls > reported {
			reported = done * 10 / calls;
			eprintln!("fuzz: {done} of {calls} calls, {:.0} s", started.elapsed().as_secs_f64());
		}
	}
	let tally = tally.into_inner();
	tally.print(started.elapsed().as_secs_f64());
	tally
}

fn from_env(name: &str, default: u64) -> u64 {
	match std::env::var(name) {
		Ok(value) if value == "random" => rand_seed(),
		Ok(value) => value.replace('_', "").parse().unwrap_or_else(|_| {
			panic!("{name} must be a number (or `random` for the seed), not {value:?}")
		}),
		Err(_) => default,
	}
}

fn rand_seed() -> u64 {
	use std::hash::{BuildHasher, RandomState};
	RandomState::new().hash_one(Instant::now())
}

/// 10,000 random dealings (by default; `LANDCHAIN_FUZZ_CALLS`, `LANDCHAIN_FUZZ_SEED`) leave
/// every invariant intact after every block, and every kind of dealing succeeds at least once.
#[test]
fn random_dealings_keep_every_invariant() {
	let calls = from_env("LANDCHAIN_FUZZ_CALLS", SHORT_RUN_CALLS);
	let seed = from_env("LANDCHAIN_FUZZ_SEED", SHORT_RUN_SEED);
	println!("fuzz: seed {seed} ({seed:#x})");
	fuzz(calls, seed).assert_reaches_every_dealing();
}

//! The pallets whose benchmarks `landchain-node benchmark pallet` can run.

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_land_registry, LandRegistry]
	[pallet_escrow, Escrow]
	[pallet_conveyance, Conveyance]
	[pallet_party_register, PartyRegister]
	[pallet_collective, Council]
	[pallet_upgrade_gate, UpgradeGate]
	[pallet_membership, Registrars]
	[pallet_parameters, Parameters]
	[pallet_utility, Utility]
	[pallet_proxy, Proxy]
	[pallet_multisig, Multisig]
	[pallet_migrations, MultiBlockMigrations]
	[pallet_treasury, Treasury]
);

/// The transaction-payment benchmark needs nothing set up beyond a funded caller.
impl pallet_transaction_payment::BenchmarkConfig for super::Runtime {}

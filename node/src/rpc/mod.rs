//! The node's JSON-RPC methods beyond Substrate's standard ones.

pub mod land_registry;

use std::sync::Arc;

use jsonrpsee::RpcModule;
use landchain_runtime::registry;
use landchain_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Hash, Nonce};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the GRANDPA methods (`grandpa_proveFinality`, `grandpa_roundState`,
/// `grandpa_subscribeJustifications`) need: certificates of title and auditors prove finality
/// with them.
pub struct GrandpaDeps<B> {
	/// The voter's state, for `roundState`.
	pub shared_voter_state: sc_consensus_grandpa::SharedVoterState,
	/// The authority set and its changes.
	pub shared_authority_set: sc_consensus_grandpa::SharedAuthoritySet<Hash, BlockNumber>,
	/// Justifications as blocks are finalized.
	pub justification_stream: sc_consensus_grandpa::GrandpaJustificationStream<Block>,
	/// Where subscriptions run.
	pub subscription_executor: sc_rpc::SubscriptionTaskExecutor,
	/// Finality proofs from the database.
	pub finality_provider: Arc<sc_consensus_grandpa::FinalityProofProvider<B, Block>>,
}

/// What the RPC methods need from the node.
pub struct FullDeps<C, P, B> {
	/// The client, to call runtime APIs.
	pub client: Arc<C>,
	/// The transaction pool, for `system_accountNextIndex`.
	pub pool: Arc<P>,
	/// GRANDPA's finality proofs and state.
	pub grandpa: GrandpaDeps<B>,
}

/// All RPC methods of a full node: nonce and fee queries, GRANDPA's finality proofs, and the
/// registry's `landRegistry_*`.
pub fn create_full<C, P, B>(
	deps: FullDeps<C, P, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: landchain_primitives::runtime_api::LandRegistryApi<
		Block,
		AccountId,
		registry::Parcel,
		registry::Title,
		registry::Encumbrance,
		registry::Application,
	>,
	P: TransactionPool + 'static,
{
	use land_registry::LandRegistryApiServer;
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, grandpa } = deps;
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(
		Grandpa::new(
			grandpa.subscription_executor,
			grandpa.shared_authority_set,
			grandpa.shared_voter_state,
			grandpa.justification_stream,
			grandpa.finality_provider,
		)
		.into_rpc(),
	)?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(land_registry::LandRegistry::new(client).into_rpc())?;
	Ok(module)
}

//! `landRegistry_*` JSON-RPC methods: the registry's runtime API, for auditors' scripts and
//! anyone without Polkadot.js. Every method takes an optional block hash (default: best block).

use std::{marker::PhantomData, sync::Arc};

use codec::Codec;
use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::error::{ErrorObject, ErrorObjectOwned},
};
use landchain_primitives::{
	runtime_api::LandRegistryApi as LandRegistryRuntimeApi, ApplicationId, ParcelId, TitleVersion,
	MAX_PAGE,
};
use serde::Serialize;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

/// The registry's read methods.
#[rpc(server)]
pub trait LandRegistryApi<BlockHash, AccountId, Parcel, Title, Encumbrance, Application> {
	/// A parcel, active or retired.
	#[method(name = "landRegistry_parcel")]
	fn parcel(&self, parcel: ParcelId, at: Option<BlockHash>) -> RpcResult<Option<Parcel>>;

	/// The current title of an active parcel.
	#[method(name = "landRegistry_title")]
	fn title(&self, parcel: ParcelId, at: Option<BlockHash>) -> RpcResult<Option<Title>>;

	/// Title versions from `fromVersion` (default 1) on, oldest first, at most `limit` (default
	/// and maximum 100), the current one included.
	#[method(name = "landRegistry_titleHistory")]
	fn title_history(
		&self,
		parcel: ParcelId,
		from_version: Option<TitleVersion>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<Title>>;

	/// The active parcels an account holds a share of, at most `limit` (capped at 100), in the
	/// owner index's storage order: pass a page's last id as `startAfter` for the next page; an
	/// empty page is the end.
	#[method(name = "landRegistry_parcelsOf")]
	fn parcels_of(
		&self,
		owner: AccountId,
		start_after: Option<ParcelId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<ParcelId>>;

	/// The open encumbrances on a parcel.
	#[method(name = "landRegistry_encumbrances")]
	fn encumbrances(&self, parcel: ParcelId, at: Option<BlockHash>) -> RpcResult<Vec<Encumbrance>>;

	/// The parcel registered under a cadastral reference in a jurisdiction.
	#[method(name = "landRegistry_parcelByReference")]
	fn parcel_by_reference(
		&self,
		jurisdiction: String,
		cadastral_reference: String,
		at: Option<BlockHash>,
	) -> RpcResult<Option<ParcelId>>;

	/// The pending applications on a parcel, oldest first, as `[id, application]` pairs: what
	/// an owner checks for changes proposed without their signature.
	#[method(name = "landRegistry_applications")]
	fn applications(
		&self,
		parcel: ParcelId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<(ApplicationId, Application)>>;
}

/// Serves [`LandRegistryApiServer`] from the client's runtime API.
pub struct LandRegistry<C, Block, AccountId, Parcel, Title, Encumbrance, Application> {
	client: Arc<C>,
	_types: PhantomData<(Block, AccountId, Parcel, Title, Encumbrance, Application)>,
}

impl<C, Block, AccountId, Parcel, Title, Encumbrance, Application>
	LandRegistry<C, Block, AccountId, Parcel, Title, Encumbrance, Application>
{
	/// Serves the registry methods with `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _types: PhantomData }
	}
}

/// The runtime could not answer (e.g. the block is unknown or pruned).
fn runtime_error(error: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(1, "Runtime API call failed", Some(error.to_string()))
}

impl<C, Block, AccountId, Parcel, Title, Encumbrance, Application>
	LandRegistryApiServer<Block::Hash, AccountId, Parcel, Title, Encumbrance, Application>
	for LandRegistry<C, Block, AccountId, Parcel, Title, Encumbrance, Application>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: LandRegistryRuntimeApi<Block, AccountId, Parcel, Title, Encumbrance, Application>,
	AccountId: Codec + Send + Sync + 'static + serde::de::DeserializeOwned,
	Parcel: Codec + Serialize + Send + Sync + 'static,
	Title: Codec + Serialize + Send + Sync + 'static,
	Encumbrance: Codec + Serialize + Send + Sync + 'static,
	Application: Codec + Serialize + Send + Sync + 'static,
{
	fn parcel(&self, parcel: ParcelId, at: Option<Block::Hash>) -> RpcResult<Option<Parcel>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().parcel(at, parcel).map_err(runtime_error)
	}

	fn title(&self, parcel: ParcelId, at: Option<Block::Hash>) -> RpcResult<Option<Title>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().title(at, parcel).map_err(runtime_error)
	}

	fn title_history(
		&self,
		parcel: ParcelId,
		from_version: Option<TitleVersion>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<Title>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.title_history(at, parcel, from_version.unwrap_or(1), limit.unwrap_or(MAX_PAGE))
			.map_err(runtime_error)
	}

	fn parcels_of(
		&self,
		owner: AccountId,
		start_after: Option<ParcelId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<ParcelId>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.parcels_of(at, owner, start_after, limit.unwrap_or(MAX_PAGE))
			.map_err(runtime_error)
	}

	fn encumbrances(
		&self,
		parcel: ParcelId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<Encumbrance>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().encumbrances(at, parcel).map_err(runtime_error)
	}

	fn parcel_by_reference(
		&self,
		jurisdiction: String,
		cadastral_reference: String,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<ParcelId>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.parcel_by_reference(at, jurisdiction.into_bytes(), cadastral_reference.into_bytes())
			.map_err(runtime_error)
	}

	fn applications(
		&self,
		parcel: ParcelId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<(ApplicationId, Application)>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().applications(at, parcel).map_err(runtime_error)
	}
}

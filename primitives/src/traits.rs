//! How the Landchain pallets see one another. The conveyance reaches the registry only through
//! [`TitleRegistry`] and the escrow only through [`EscrowManager`]; the registry reaches open
//! dealings only through [`OpenDealings`]; whoever grants title or a charge asks the party
//! register through [`PartyCheck`]. Each trait carries the bounds that tie the pallets
//! together as associated types, so that a pallet can assert them (`integrity_test`) instead of
//! stating them in a comment.

use crate::types::{
	DealingId, EncumbranceId, EscrowId, MortgageSummary, NewMortgage, Owner, ParcelId, Source,
};
use alloc::vec::Vec;
use sp_core::Get;
use sp_runtime::{DispatchError, DispatchResult};
use sp_weights::Weight;

/// The registry as a dealing (e.g. a sale) sees it: check a parcel is free, lock it while the
/// dealing is open, discharge its mortgages and move its title at settlement.
pub trait TitleRegistry<AccountId, Balance> {
	/// The most owners a title may have: a dealing must have room for every one of them.
	type MaxOwners: Get<u32>;

	/// The most open encumbrances a parcel may carry, hence the most mortgages a dealing
	/// discharges.
	type MaxEncumbrances: Get<u32>;

	/// The current owners and shares of an active parcel.
	fn owners(parcel: ParcelId) -> Result<Vec<Owner<AccountId>>, DispatchError>;

	/// Checks that a new dealing may start on the parcel: active, not locked, no caveat.
	fn ensure_free_to_deal(parcel: ParcelId) -> DispatchResult;

	/// Locks the parcel for `dealing`: no other dealing may touch it until unlocked.
	fn lock(parcel: ParcelId, dealing: DealingId) -> DispatchResult;

	/// Releases `dealing`'s lock on the parcel.
	fn unlock(parcel: ParcelId, dealing: DealingId) -> DispatchResult;

	/// The open mortgages on the parcel, in rank order (rank 1 first).
	fn mortgages(parcel: ParcelId) -> Vec<MortgageSummary<AccountId, Balance>>;

	/// Checks that `dealing` could move the title now: it holds the lock, no caveat is in force,
	/// and no lien is open (mortgages are discharged by the dealing itself).
	fn ensure_can_transfer(parcel: ParcelId, dealing: DealingId) -> DispatchResult;

	/// Discharges a mortgage paid off by `dealing`, which must hold the parcel's lock.
	fn discharge_mortgage(
		parcel: ParcelId,
		dealing: DealingId,
		encumbrance: EncumbranceId,
	) -> DispatchResult;

	/// Moves the title to `new_owners` as a sale at `price` under `deed`, records
	/// `new_mortgages` on the new title (recorded by `registrar`, who holds their deposits), and
	/// releases the lock, all or nothing. Every old mortgage and lien must be gone by then. The
	/// dealing vouches that every new owner consented to each new mortgage's terms.
	fn transfer_title(
		parcel: ParcelId,
		dealing: DealingId,
		new_owners: Vec<Owner<AccountId>>,
		deed: Source,
		price: Balance,
		new_mortgages: Vec<NewMortgage<AccountId, Balance>>,
		registrar: &AccountId,
	) -> DispatchResult;
}

/// The dealings (e.g. sales) that may hold a parcel's lock, as the registry sees them when a
/// transfer by operation of law (a court order, an inheritance) is enacted over them.
pub trait OpenDealings {
	/// Ends `dealing` on `parcel` because the law moves the title: whoever paid is refunded,
	/// deposits return, and the dealing releases its lock through [`TitleRegistry::unlock`].
	fn close_for_operation_of_law(parcel: ParcelId, dealing: DealingId) -> DispatchResult;

	/// The most weight [`Self::close_for_operation_of_law`] takes.
	fn close_weight() -> Weight;
}

/// No dealings at all: a locked parcel cannot be closed over.
impl OpenDealings for () {
	fn close_for_operation_of_law(_: ParcelId, _: DealingId) -> DispatchResult {
		Err(DispatchError::Other("no dealings are configured to close"))
	}

	fn close_weight() -> Weight {
		Weight::zero()
	}
}

/// What other pallets may do with escrows they open: the escrow's funds follow only their word.
pub trait EscrowManager<AccountId, Balance, BlockNumber> {
	/// The most parts one release may pay out: a dealing's payouts must fit.
	type MaxParts: Get<u32>;

	/// Holds `amount` from `payer` until `deadline`; returns the escrow's id.
	fn open(
		payer: &AccountId,
		amount: Balance,
		deadline: BlockNumber,
	) -> Result<EscrowId, DispatchError>;

	/// Pays the escrow out in exactly these parts, which must sum to the amount held, and closes it.
	fn release(escrow: EscrowId, parts: Vec<(AccountId, Balance)>) -> DispatchResult;

	/// Returns the funds to the payer and closes the escrow.
	fn refund(escrow: EscrowId) -> DispatchResult;

	/// The payer and amount of an open escrow.
	fn held(escrow: EscrowId) -> Option<(AccountId, Balance)>;
}

/// Whether an account may take title or a charge under the chain's party policy: with the policy
/// on, only a party whose attestation is current (the party register); with it off, anyone.
pub trait PartyCheck<AccountId> {
	/// `Ok` when `who` may be granted title or a charge now; otherwise the register's own error
	/// (`PartyNotVerified`, `AttestationExpired`).
	fn ensure_may_hold(who: &AccountId) -> DispatchResult;

	/// `Ok` when `replacement` may take the place of `lost`, a key its party lost: whatever the
	/// policy, `replacement` must hold a current attestation (`PartyNotVerified`,
	/// `AttestationExpired`), and when `lost` was attested too, of the same kind of party
	/// (`PartyKindMismatch`). That both accounts belong to one party is the offices' finding,
	/// off-chain: the commitments bind each account, so the chain cannot compare them.
	fn ensure_may_replace(lost: &AccountId, replacement: &AccountId) -> DispatchResult;

	/// The most weight one [`Self::ensure_may_hold`] takes ([`Self::ensure_may_replace`] takes at
	/// most two of it).
	fn check_weight() -> Weight;
}

/// No party register: everyone may hold, and any account may replace a lost key.
impl<AccountId> PartyCheck<AccountId> for () {
	fn ensure_may_hold(_: &AccountId) -> DispatchResult {
		Ok(())
	}

	fn ensure_may_replace(_: &AccountId, _: &AccountId) -> DispatchResult {
		Ok(())
	}

	fn check_weight() -> Weight {
		Weight::zero()
	}
}

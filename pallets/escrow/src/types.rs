//! Escrow records.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, traits::fungible::Inspect, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

pub use landchain_primitives::types::EscrowId;

/// An amount of the chain's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Who decides what happens to the funds.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum Control<AccountId> {
	/// Opened by a signed call: the payer (or the arbiter) releases to the payee; the payee (or
	/// the arbiter) refunds the payer; after the deadline anyone may refund it.
	Direct {
		/// Who is paid on release.
		payee: AccountId,
		/// A third party who may release or refund, if named.
		arbiter: Option<AccountId>,
	},
	/// Opened by another pallet through [`crate::EscrowManager`], which alone releases and
	/// refunds it (e.g. the conveyance, at settlement, cancellation or expiry).
	Managed,
}

/// Funds held from a payer until released or refunded.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Escrow<T: Config> {
	/// Whose funds are held.
	pub payer: T::AccountId,
	/// How much is held.
	pub amount: BalanceOf<T>,
	/// After this block the escrow may be refunded (by anyone, for a direct escrow).
	pub deadline: BlockNumberFor<T>,
	/// Who decides.
	pub control: Control<T::AccountId>,
	/// The block it was opened in.
	pub opened_at: BlockNumberFor<T>,
	/// The storage deposit held from the payer under [`crate::HoldReason::StorageDeposit`] until
	/// the escrow closes: [`crate::Config::EscrowDeposit`] for a direct escrow, zero for a managed
	/// one (the managing pallet's own record carries a deposit). Added in storage version 2.
	pub deposit: BalanceOf<T>,
}

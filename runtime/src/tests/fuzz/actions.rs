//! The fuzzer's vocabulary: what participants do, as abstract steps whose targets are *picks*,
//! indices taken modulo whatever exists when the step runs (participants, registrars, parcels,
//! applications, offers, escrows). A random sequence therefore stays mostly valid as the state
//! changes under it, and proptest can shrink it freely: removing a step only changes what later
//! picks land on. Each step is turned into signed calls by [`super::world::World::calls_of`].

use proptest::prelude::*;

/// An index into what exists when the step runs, taken modulo its length.
pub type Pick = u8;

/// One thing a participant does in a block.
#[derive(Clone, Debug)]
pub struct Step {
	/// What is done.
	pub action: Action,
	/// `Some`: signed by this participant instead of the one entitled to it (an attack or a
	/// mistake the runtime must refuse without changing anything).
	pub impostor: Option<Pick>,
}

/// A block of steps, after `skip` empty blocks (time passing: deadlines, notice periods).
#[derive(Clone, Debug)]
pub struct Block {
	/// Blocks that pass before this one.
	pub skip: u8,
	/// The steps in order.
	pub steps: Vec<Step>,
}

/// How the owners' shares are written.
#[derive(Clone, Copy, Debug)]
pub enum Shares {
	/// Each of n owners holds 1/n.
	Even,
	/// Valid but unequal (1/2, then the rest split evenly).
	Uneven,
	/// Not summing to the whole (refused with `SharesDoNotSumToWhole`).
	Broken,
}

/// The kind of encumbrance a registrar records directly (a mortgage's usual path is the owners'
/// consents, see [`Action::RecordMortgage`]).
#[derive(Clone, Copy, Debug)]
pub enum EncumbranceChoice {
	/// A lien of `holder`.
	Lien,
	/// An easement for another parcel.
	Easement,
	/// A lease to `holder`.
	Lease,
	/// A court caveat.
	Caveat,
	/// A mortgage nobody consented to (refused with `MortgageConsentMissing`).
	UnconsentedMortgage,
}

/// The change an application proposes.
#[derive(Clone, Copy, Debug)]
pub enum ChangeChoice {
	/// Rectify the title to the picked owners.
	RectifyTitle,
	/// Inheritance by the picked owners.
	Inheritance,
	/// A court order in favour of the picked owners.
	CourtOrder,
	/// Release one of the parcel's encumbrances (or lift its caveat).
	ReleaseEncumbrance,
	/// Correct the parcel's area.
	RectifyParcel,
	/// Replace an owner's or holder's key (the first pick) by another participant's (the
	/// second).
	RecoverKey,
}

/// What a council motion would do.
#[derive(Clone, Debug)]
pub enum Governance {
	/// Set the notice periods (a zero confirmation period is refused).
	NoticePeriods { notice: u8, court_order_notice: u8, confirmation: u8 },
	/// Set the transfer duty rate (percent), keeping the treasury.
	TransferDuty { percent: u8 },
	/// Set one of the deposits to `milli` thousandths of a LAND.
	Deposit { which: u8, milli: u16 },
	/// Admit a participant as a registrar.
	AddRegistrar { who: Pick },
	/// Remove a registrar.
	RemoveRegistrar { who: Pick },
	/// Decide an objected application.
	DecideObjection { application: Pick, enact: bool },
	/// Authorize a runtime upgrade (never applied: no code follows).
	AuthorizeUpgrade { seed: u8 },
}

/// Everything the participants do. Amounts are in whole LAND.
#[derive(Clone, Debug)]
pub enum Action {
	/// A balance transfer (`transfer_keep_alive`).
	Transfer { from: Pick, to: Pick, land: u16 },
	/// First registration by a registrar.
	Register {
		registrar: Pick,
		owners: Vec<Pick>,
		shares: Shares,
		leasehold: bool,
		reference: u16,
		area: u32,
	},
	/// An owner consents to a mortgage (copying a co-owner's terms when there are some).
	ConsentToMortgage { parcel: Pick, owner: Pick, lender: Pick, land: u16, rank: u8 },
	/// An owner withdraws a consent.
	WithdrawConsent { parcel: Pick, owner: Pick },
	/// A registrar records the mortgage the owners of a parcel consented to.
	RecordMortgage { registrar: Pick, parcel: Pick },
	/// A registrar records a lien, easement, lease or caveat.
	RecordEncumbrance {
		registrar: Pick,
		parcel: Pick,
		kind: EncumbranceChoice,
		holder: Pick,
		land: u16,
	},
	/// A holder gives up its mortgage, lien or lease.
	Discharge { parcel: Pick, encumbrance: Pick },
	/// A registrar splits a parcel; `wrong_areas` makes the children's areas miss the parent's.
	Split { registrar: Pick, parcel: Pick, children: u8, wrong_areas: bool },
	/// A registrar merges a parcel with another (one with the same title when there is one).
	Merge { registrar: Pick, parcel: Pick, other: Pick },
	/// A registrar proposes an application.
	Propose { registrar: Pick, parcel: Pick, change: ChangeChoice, owners: Vec<Pick> },
	/// A registrar confirms an application.
	Confirm { registrar: Pick, application: Pick },
	/// An affected party objects.
	Object { application: Pick, party: Pick },
	/// Anyone enacts an application.
	Enact { application: Pick, signer: Pick },
	/// The proposer withdraws an application.
	WithdrawApplication { application: Pick },
	/// A recovery's lost key (or, for a refusal, another participant) vetoes it.
	VetoRecovery { application: Pick, signer: Pick, by_lost_key: bool },
	/// Anyone expires an unconfirmed application.
	ExpireApplication { application: Pick, signer: Pick },
	/// An owner places a restriction.
	PlaceRestriction { parcel: Pick, owner: Pick },
	/// An owner removes their restriction.
	RemoveRestriction { parcel: Pick },
	/// An owner offers a parcel to a buyer (price 0: a gift).
	Offer {
		parcel: Pick,
		seller: Pick,
		buyer: Pick,
		co_grantees: Vec<Pick>,
		land: u16,
		deadline: u8,
	},
	/// A co-owner or co-grantee consents to an offer.
	Consent { offer: Pick, party: Pick },
	/// The buyer accepts and funds.
	AcceptAndFund { offer: Pick },
	/// The buyer accepts naming a lender for `percent` of the price, at rank 1.
	AcceptWithFinance { offer: Pick, lender: Pick, percent: u8 },
	/// A named lender funds its advance as the buyer named it.
	FundAdvance { offer: Pick },
	/// A grantee consents to a funded lender's terms.
	ConsentToAdvance { offer: Pick, grantee: Pick },
	/// A named lender withdraws its funded advance.
	WithdrawAdvance { offer: Pick },
	/// The lender of a mortgage on a parcel for sale lodges a redemption figure.
	LodgeRedemption { offer: Pick, land: u16 },
	/// A registrar approves (settles) a funded offer.
	Approve { registrar: Pick, offer: Pick },
	/// A registrar rejects an offer.
	Reject { registrar: Pick, offer: Pick },
	/// A seller or the buyer cancels.
	Cancel { offer: Pick, by_buyer: bool },
	/// Anyone expires an offer past its deadline.
	ExpireOffer { offer: Pick, signer: Pick },
	/// A direct escrow between participants.
	OpenEscrow { payer: Pick, payee: Pick, land: u16, deadline: u8, arbiter: Option<Pick> },
	/// The payer (or arbiter) releases a direct escrow.
	ReleaseEscrow { escrow: Pick, by_arbiter: bool },
	/// The payee (or arbiter) refunds a direct escrow.
	RefundEscrow { escrow: Pick, by_arbiter: bool },
	/// Anyone refunds an expired direct escrow.
	RefundExpiredEscrow { escrow: Pick, signer: Pick },
	/// A council member proposes a motion with `threshold` ayes; the members in `ayes` (bits)
	/// vote aye, then the proposer closes it.
	Motion { motion: Governance, threshold: u8, ayes: u8 },
}

fn picks(max: usize) -> impl Strategy<Value = Vec<Pick>> {
	prop::collection::vec(any::<Pick>(), 0..=max)
}

fn shares() -> impl Strategy<Value = Shares> {
	prop_oneof![8 => Just(Shares::Even), 3 => Just(Shares::Uneven), 1 => Just(Shares::Broken)]
}

fn governance() -> impl Strategy<Value = Governance> {
	prop_oneof![
		1 => (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(
			|(notice, court_order_notice, confirmation)| Governance::NoticePeriods {
				notice: notice % 12,
				court_order_notice: court_order_notice % 8,
				confirmation: confirmation % 40,
			}
		),
		1 => (0u8..=12).prop_map(|percent| Governance::TransferDuty { percent }),
		1 => (any::<u8>(), 0u16..3000).prop_map(|(which, milli)| Governance::Deposit { which, milli }),
		1 => any::<Pick>().prop_map(|who| Governance::AddRegistrar { who }),
		1 => any::<Pick>().prop_map(|who| Governance::RemoveRegistrar { who }),
		3 => (any::<Pick>(), any::<bool>())
			.prop_map(|(application, enact)| Governance::DecideObjection { application, enact }),
		1 => any::<u8>().prop_map(|seed| Governance::AuthorizeUpgrade { seed }),
	]
}

/// One action, weighted towards the dealings a registry sees most.
pub fn action() -> impl Strategy<Value = Action> {
	let p = any::<Pick>;
	prop_oneof![
		3 => (p(), p(), 1u16..5000).prop_map(|(from, to, land)| Action::Transfer { from, to, land }),
		8 => (p(), prop::collection::vec(p(), 0..=3), shares(), prop::bool::weighted(0.2), 0u16..400, 0u32..100_000)
			.prop_map(|(registrar, owners, shares, leasehold, reference, area)| Action::Register {
				registrar, owners, shares, leasehold, reference, area,
			}),
		5 => (p(), p(), p(), 1u16..3000, 0u8..4).prop_map(|(parcel, owner, lender, land, rank)| {
			Action::ConsentToMortgage { parcel, owner, lender, land, rank }
		}),
		1 => (p(), p()).prop_map(|(parcel, owner)| Action::WithdrawConsent { parcel, owner }),
		5 => (p(), p()).prop_map(|(registrar, parcel)| Action::RecordMortgage { registrar, parcel }),
		4 => (p(), p(), prop_oneof![
				Just(EncumbranceChoice::Lien),
				Just(EncumbranceChoice::Easement),
				Just(EncumbranceChoice::Lease),
				Just(EncumbranceChoice::Caveat),
				Just(EncumbranceChoice::UnconsentedMortgage),
			], p(), 1u16..3000)
			.prop_map(|(registrar, parcel, kind, holder, land)| Action::RecordEncumbrance {
				registrar, parcel, kind, holder, land,
			}),
		3 => (p(), p()).prop_map(|(parcel, encumbrance)| Action::Discharge { parcel, encumbrance }),
		4 => (p(), p(), 2u8..=4, prop::bool::weighted(0.1)).prop_map(
			|(registrar, parcel, children, wrong_areas)| Action::Split {
				registrar, parcel, children, wrong_areas,
			}
		),
		4 => (p(), p(), p()).prop_map(|(registrar, parcel, other)| Action::Merge { registrar, parcel, other }),
		6 => (p(), p(), prop_oneof![
				Just(ChangeChoice::RectifyTitle),
				Just(ChangeChoice::Inheritance),
				Just(ChangeChoice::CourtOrder),
				Just(ChangeChoice::ReleaseEncumbrance),
				Just(ChangeChoice::RectifyParcel),
				Just(ChangeChoice::RecoverKey),
			], prop::collection::vec(p(), 1..=2))
			.prop_map(|(registrar, parcel, change, owners)| Action::Propose {
				registrar, parcel, change, owners,
			}),
		5 => (p(), p()).prop_map(|(registrar, application)| Action::Confirm { registrar, application }),
		2 => (p(), p()).prop_map(|(application, party)| Action::Object { application, party }),
		5 => (p(), p()).prop_map(|(application, signer)| Action::Enact { application, signer }),
		1 => p().prop_map(|application| Action::WithdrawApplication { application }),
		1 => (p(), p(), prop::bool::weighted(0.8)).prop_map(|(application, signer, by_lost_key)| {
			Action::VetoRecovery { application, signer, by_lost_key }
		}),
		1 => (p(), p()).prop_map(|(application, signer)| Action::ExpireApplication { application, signer }),
		2 => (p(), p()).prop_map(|(parcel, owner)| Action::PlaceRestriction { parcel, owner }),
		1 => p().prop_map(|parcel| Action::RemoveRestriction { parcel }),
		10 => (p(), p(), p(), picks(2), prop_oneof![1 => Just(0u16), 12 => 1u16..5000], 0u8..30)
			.prop_map(|(parcel, seller, buyer, co_grantees, land, deadline)| Action::Offer {
				parcel, seller, buyer, co_grantees, land, deadline,
			}),
		6 => (p(), p()).prop_map(|(offer, party)| Action::Consent { offer, party }),
		8 => p().prop_map(|offer| Action::AcceptAndFund { offer }),
		4 => (p(), p(), 1u8..=100)
			.prop_map(|(offer, lender, percent)| Action::AcceptWithFinance { offer, lender, percent }),
		5 => p().prop_map(|offer| Action::FundAdvance { offer }),
		5 => (p(), p()).prop_map(|(offer, grantee)| Action::ConsentToAdvance { offer, grantee }),
		1 => p().prop_map(|offer| Action::WithdrawAdvance { offer }),
		2 => (p(), 1u16..5000).prop_map(|(offer, land)| Action::LodgeRedemption { offer, land }),
		8 => (p(), p()).prop_map(|(registrar, offer)| Action::Approve { registrar, offer }),
		1 => (p(), p()).prop_map(|(registrar, offer)| Action::Reject { registrar, offer }),
		2 => (p(), any::<bool>()).prop_map(|(offer, by_buyer)| Action::Cancel { offer, by_buyer }),
		2 => (p(), p()).prop_map(|(offer, signer)| Action::ExpireOffer { offer, signer }),
		3 => (p(), p(), 1u16..3000, 0u8..20, prop::option::weighted(0.4, p()))
			.prop_map(|(payer, payee, land, deadline, arbiter)| Action::OpenEscrow {
				payer, payee, land, deadline, arbiter,
			}),
		2 => (p(), any::<bool>()).prop_map(|(escrow, by_arbiter)| Action::ReleaseEscrow { escrow, by_arbiter }),
		1 => (p(), any::<bool>()).prop_map(|(escrow, by_arbiter)| Action::RefundEscrow { escrow, by_arbiter }),
		1 => (p(), p()).prop_map(|(escrow, signer)| Action::RefundExpiredEscrow { escrow, signer }),
		3 => (governance(), 1u8..=3, any::<u8>())
			.prop_map(|(motion, threshold, ayes)| Action::Motion { motion, threshold, ayes }),
	]
}

/// A step: usually by whoever is entitled to it, one in ten by an impostor.
pub fn step() -> impl Strategy<Value = Step> {
	(action(), prop::option::weighted(0.1, any::<Pick>()))
		.prop_map(|(action, impostor)| Step { action, impostor })
}

/// A block: mostly right after the previous one, sometimes after a pause.
pub fn block() -> impl Strategy<Value = Block> {
	(prop_oneof![6 => Just(0u8), 1 => 1u8..=12], prop::collection::vec(step(), 1..=32))
		.prop_map(|(skip, steps)| Block { skip, steps })
}

/// A run of blocks from genesis.
pub fn blocks() -> impl Strategy<Value = Vec<Block>> {
	prop::collection::vec(block(), 1..=10)
}

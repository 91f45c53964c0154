//! The fuzzer's participants and how a [`Step`] becomes signed calls against today's state.
//!
//! Sixteen participants sign: the six dev accounts of the `development` preset (Alice and Bob
//! are registrars, Alice, Bob and Charlie the council; Charlie to Ferdie own its demo parcels)
//! and ten generated accounts, the first of which is a third registrar. Every pick is resolved
//! when its step runs, so the calls fit the registry as it is then.

use super::actions::{Action, ChangeChoice, EncumbranceChoice, Governance, Pick, Shares, Step};
use crate::{
	configs::{dynamic_params::deposits, CouncilInstance, RegistrarsInstance, RuntimeParameters},
	genesis_config_presets::{treasury_account, ENDOWMENT},
	AccountId, Runtime, RuntimeCall, UNIT,
};
use codec::Encode;
use frame_support::{dispatch::GetDispatchInfo, BoundedVec};
use landchain_primitives::{Owner, Share};
use pallet_land_registry::{
	ApplicationStatus, ChildParcel, EncumbranceKind, LandUse, LawfulTransferReason, NoticeSchedule,
	ParcelAttributes, ProposedChange, SourceKind, Tenure,
};
use sp_core::{sr25519, Pair as _, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Hash as _, BuildStorage, Permill};
use std::collections::BTreeMap;

/// How many generated accounts join the dev accounts.
const GENERATED: u8 = 10;
/// A leasehold's or lease's end: 2100-01-01.
const FAR_FUTURE: u64 = 4_102_444_800;

/// The participants and their keys.
pub struct World {
	pairs: Vec<sr25519::Pair>,
	accounts: Vec<AccountId>,
	index: BTreeMap<AccountId, usize>,
}

impl World {
	/// The dev accounts and the generated ones.
	pub fn new() -> Self {
		use Sr25519Keyring::*;
		let pairs: Vec<sr25519::Pair> = [Alice, Bob, Charlie, Dave, Eve, Ferdie]
			.into_iter()
			.map(|keyring| keyring.pair())
			.chain((0..GENERATED).map(|i| sr25519::Pair::from_seed(&[0xF0 ^ i; 32])))
			.collect();
		let accounts: Vec<AccountId> =
			pairs.iter().map(|pair| AccountId::from(pair.public())).collect();
		let index = accounts.iter().cloned().enumerate().map(|(i, a)| (a, i)).collect();
		World { pairs, accounts, index }
	}

	/// The `development` preset with the generated accounts funded and the first of them a
	/// registrar.
	pub fn genesis(&self) -> sp_runtime::Storage {
		let mut config = super::super::preset_config("development");
		let generated = &self.accounts[6..];
		config.balances.balances.extend(generated.iter().map(|a| (a.clone(), ENDOWMENT)));
		// Every participant is a verified person (the policy stays off): a recovery's
		// replacement must be.
		config.party_register.parties = self
			.accounts
			.iter()
			.map(|party| pallet_party_register::GenesisAttestation {
				party: party.clone(),
				commitment: H256::repeat_byte(0xA7),
				kind: pallet_party_register::PartyKind::Person,
				office: Sr25519Keyring::Alice.to_account_id(),
				expires_at: 1_000_000,
			})
			.collect();
		config
			.registrars
			.members
			.try_push(generated[0].clone())
			.expect("room for a third registrar");
		config.build_storage().expect("the fuzzer's genesis builds")
	}

	/// How many participants there are.
	fn count(&self) -> usize {
		self.pairs.len()
	}

	/// The key pair of participant `who`.
	pub fn pair(&self, who: usize) -> &sr25519::Pair {
		&self.pairs[who]
	}

	/// The account of participant `who`.
	pub fn account(&self, who: usize) -> AccountId {
		self.accounts[who].clone()
	}

	fn participant(&self, pick: Pick) -> usize {
		usize::from(pick) % self.count()
	}

	/// The participant holding `account`, if it is one.
	fn signer_of(&self, account: &AccountId) -> Option<usize> {
		self.index.get(account).copied()
	}

	/// A participant among `accounts` (the ones that are participants).
	fn among(&self, accounts: &[AccountId], pick: Pick) -> Option<usize> {
		let signers: Vec<usize> = accounts.iter().filter_map(|a| self.signer_of(a)).collect();
		pick_from(&signers, pick)
	}

	fn registrar(&self, pick: Pick) -> Option<usize> {
		let members = pallet_membership::Members::<Runtime, RegistrarsInstance>::get();
		self.among(&members, pick)
	}

	fn council(&self) -> Vec<usize> {
		pallet_collective::Members::<Runtime, CouncilInstance>::get()
			.iter()
			.filter_map(|a| self.signer_of(a))
			.collect()
	}

	/// The owners the picks name, with the shares asked for.
	fn owners(&self, picks: &[Pick], shares: Shares) -> pallet_land_registry::OwnersOf<Runtime> {
		let mut accounts: Vec<AccountId> = Vec::new();
		for pick in picks {
			let account = self.account(self.participant(*pick));
			if !accounts.contains(&account) {
				accounts.push(account);
			}
		}
		let n = accounts.len() as u32;
		let share_of = |i: usize| match shares {
			Shares::Even => Share { numerator: 1, denominator: n },
			Shares::Uneven if n > 1 && i == 0 => Share { numerator: 1, denominator: 2 },
			Shares::Uneven if n > 1 => Share { numerator: 1, denominator: 2 * (n - 1) },
			Shares::Uneven => Share::WHOLE,
			Shares::Broken => Share { numerator: 1, denominator: n + 1 },
		};
		let owners = accounts
			.into_iter()
			.enumerate()
			.map(|(i, account)| Owner { account, share: share_of(i) })
			.collect::<Vec<_>>();
		BoundedVec::truncate_from(owners)
	}

	/// The signed calls a step makes: `(signer, call)` in order; none when there is nothing to
	/// act on (no parcel, offer, … to pick).
	pub fn calls_of(&self, step: &Step) -> Vec<(usize, RuntimeCall)> {
		let calls = self.rightful_calls(&step.action).unwrap_or_default();
		match step.impostor {
			Some(pick) => {
				let impostor = self.participant(pick);
				calls.into_iter().map(|(_, call)| (impostor, call)).collect()
			}
			None => calls,
		}
	}

	fn rightful_calls(&self, action: &Action) -> Option<Vec<(usize, RuntimeCall)>> {
		use pallet_conveyance::Call as Conveyance;
		use pallet_escrow::Call as Escrow;
		use pallet_land_registry::Call as LandRegistry;
		let now = frame_system::Pallet::<Runtime>::block_number();
		let one = |signer: usize, call: RuntimeCall| Some(vec![(signer, call)]);
		match action.clone() {
			Action::Transfer { from, to, land } => one(
				self.participant(from),
				RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
					dest: self.account(self.participant(to)).into(),
					value: u128::from(land) * UNIT,
				}),
			),
			Action::Register { registrar, owners, shares, leasehold, reference, area } => one(
				self.registrar(registrar)?,
				RuntimeCall::LandRegistry(LandRegistry::register_parcel {
					jurisdiction: bounded(jurisdiction(area)),
					cadastral_reference: bounded(format!("F-{reference}").as_bytes()),
					attributes: ParcelAttributes {
						area_m2: u64::from(area),
						land_use: LandUse::Residential,
						geometry_hash: H256::repeat_byte(reference as u8),
					},
					source: source(SourceKind::Survey, reference as u8),
					owners: self.owners(&owners, shares),
					tenure: if leasehold {
						Tenure::Leasehold { expires_at: FAR_FUTURE }
					} else {
						Tenure::Freehold
					},
				}),
			),
			Action::ConsentToMortgage { parcel, owner, lender, land, rank } => {
				let parcel = pick_from(&active_parcels(), parcel)?;
				let signer = self.among(&owners_of(parcel), owner)?;
				// Co-owners consent to the same terms, or no mortgage can be recorded.
				let agreed = pallet_land_registry::MortgageConsents::<Runtime>::iter_prefix(parcel)
					.next()
					.map(|(_, consent)| (consent.lender, consent.amount, consent.rank));
				let (lender, amount, rank) = agreed.unwrap_or((
					self.account(self.participant(lender)),
					u128::from(land) * UNIT,
					u32::from(rank),
				));
				one(
					signer,
					RuntimeCall::LandRegistry(LandRegistry::consent_to_mortgage {
						parcel,
						lender,
						amount,
						rank,
					}),
				)
			}
			Action::WithdrawConsent { parcel, owner } => {
				let consents: Vec<_> =
					pallet_land_registry::MortgageConsents::<Runtime>::iter_keys().collect();
				let (parcel, owner_account) = pick_from(&consents, parcel.wrapping_add(owner))?;
				one(
					self.signer_of(&owner_account)?,
					RuntimeCall::LandRegistry(LandRegistry::withdraw_mortgage_consent { parcel }),
				)
			}
			Action::RecordMortgage { registrar, parcel } => {
				let consents: Vec<_> =
					pallet_land_registry::MortgageConsents::<Runtime>::iter().collect();
				let (parcel, _, consent) = pick_from(&consents, parcel)?;
				one(
					self.registrar(registrar)?,
					RuntimeCall::LandRegistry(LandRegistry::record_encumbrance {
						parcel,
						kind: EncumbranceKind::Mortgage {
							lender: consent.lender,
							amount: consent.amount,
							rank: consent.rank,
						},
						source: source(SourceKind::MortgageInstrument, consent.rank as u8),
					}),
				)
			}
			Action::RecordEncumbrance { registrar, parcel, kind, holder, land } => {
				let parcels = active_parcels();
				let target = pick_from(&parcels, parcel)?;
				let holder_account = self.account(self.participant(holder));
				let amount = u128::from(land) * UNIT;
				let (kind, document) = match kind {
					EncumbranceChoice::Lien => (
						EncumbranceKind::Lien { holder: holder_account, amount },
						SourceKind::Statutory,
					),
					EncumbranceChoice::Easement => (
						EncumbranceKind::Easement {
							dominant_parcel: pick_from(&parcels, holder),
							terms_hash: H256::repeat_byte(holder),
						},
						SourceKind::Deed,
					),
					EncumbranceChoice::Lease => (
						EncumbranceKind::Lease { lessee: holder_account, expires_at: FAR_FUTURE },
						SourceKind::LeaseAgreement,
					),
					EncumbranceChoice::Caveat => (
						EncumbranceKind::Caveat {
							court_reference: bounded(format!("CASE-{land}").as_bytes()),
						},
						SourceKind::CourtOrder,
					),
					EncumbranceChoice::UnconsentedMortgage => (
						EncumbranceKind::Mortgage { lender: holder_account, amount, rank: 1 },
						SourceKind::MortgageInstrument,
					),
				};
				one(
					self.registrar(registrar)?,
					RuntimeCall::LandRegistry(LandRegistry::record_encumbrance {
						parcel: target,
						kind,
						source: source(document, holder),
					}),
				)
			}
			Action::Discharge { parcel, encumbrance } => {
				let encumbered: Vec<_> = pallet_land_registry::Encumbrances::<Runtime>::iter()
					.filter(|(_, list)| !list.is_empty())
					.collect();
				let (parcel, list) = pick_from(&encumbered, parcel)?;
				let target = pick_from(&list, encumbrance)?;
				let holder = target.kind.holder().and_then(|h| self.signer_of(h)).unwrap_or(0);
				one(
					holder,
					RuntimeCall::LandRegistry(LandRegistry::discharge {
						parcel,
						encumbrance: target.id,
					}),
				)
			}
			Action::Split { registrar, parcel, children, wrong_areas } => {
				let parcel = pick_from(&active_parcels(), parcel)?;
				let area =
					pallet_land_registry::Parcels::<Runtime>::get(parcel)?.attributes.area_m2;
				let count = u64::from(children);
				let next = pallet_land_registry::NextParcelId::<Runtime>::get();
				let children: Vec<ChildParcel> = (0..count)
					.map(|i| {
						let mut area_m2 = area / count;
						if i + 1 == count {
							area_m2 = area - area / count * (count - 1) + u64::from(wrong_areas);
						}
						ChildParcel {
							cadastral_reference: bounded(format!("S{next}-{i}").as_bytes()),
							attributes: ParcelAttributes {
								area_m2,
								land_use: LandUse::Residential,
								geometry_hash: H256::repeat_byte(i as u8),
							},
						}
					})
					.collect();
				one(
					self.registrar(registrar)?,
					RuntimeCall::LandRegistry(LandRegistry::split_parcel {
						parcel,
						children: BoundedVec::truncate_from(children),
						source: source(SourceKind::Survey, 3),
					}),
				)
			}
			Action::Merge { registrar, parcel, other } => {
				let parcels = active_parcels();
				let first = pick_from(&parcels, parcel)?;
				// A parcel with the same title and district merges; any other is refused.
				let same_title: Vec<_> = parcels
					.iter()
					.copied()
					.filter(|p| *p != first && same_title(first, *p))
					.collect();
				let second =
					pick_from(&same_title, other).or_else(|| pick_from(&parcels, other))?;
				let next = pallet_land_registry::NextParcelId::<Runtime>::get();
				one(
					self.registrar(registrar)?,
					RuntimeCall::LandRegistry(LandRegistry::merge_parcels {
						parcels: BoundedVec::truncate_from(vec![first, second]),
						cadastral_reference: bounded(format!("M{next}").as_bytes()),
						geometry_hash: H256::repeat_byte(9),
						land_use: LandUse::Mixed,
						source: source(SourceKind::Survey, 4),
					}),
				)
			}
			Action::Propose { registrar, parcel, change, owners } => {
				let parcel = pick_from(&active_parcels(), parcel)?;
				let title = pallet_land_registry::Titles::<Runtime>::get(parcel)?;
				let new_owners = self.owners(&owners, Shares::Even);
				let (change, document) = match change {
					ChangeChoice::RectifyTitle => (
						ProposedChange::RectifyTitle { owners: new_owners, tenure: title.tenure },
						SourceKind::Statutory,
					),
					ChangeChoice::Inheritance => (
						ProposedChange::TransferByOperationOfLaw {
							owners: new_owners,
							tenure: title.tenure,
							reason: LawfulTransferReason::Inheritance,
						},
						SourceKind::Probate,
					),
					ChangeChoice::CourtOrder => (
						ProposedChange::TransferByOperationOfLaw {
							owners: new_owners,
							tenure: title.tenure,
							reason: LawfulTransferReason::CourtOrder,
						},
						SourceKind::CourtOrder,
					),
					ChangeChoice::ReleaseEncumbrance => {
						let list = pallet_land_registry::Encumbrances::<Runtime>::get(parcel);
						let id = pick_from(&list, owners[0]).map(|e| e.id).unwrap_or(u64::MAX);
						(
							ProposedChange::ReleaseEncumbrance { encumbrance: id },
							SourceKind::Discharge,
						)
					}
					ChangeChoice::RectifyParcel => {
						let mut attributes =
							pallet_land_registry::Parcels::<Runtime>::get(parcel)?.attributes;
						attributes.area_m2 =
							attributes.area_m2.saturating_add(1 + u64::from(owners[0]));
						(ProposedChange::RectifyParcel { attributes }, SourceKind::Survey)
					}
					ChangeChoice::RecoverKey => {
						let mut on_parcel = owners_of(parcel);
						on_parcel.extend(
							pallet_land_registry::Encumbrances::<Runtime>::get(parcel)
								.iter()
								.filter_map(|open| open.kind.holder().cloned()),
						);
						let lost = self.account(self.among(&on_parcel, owners[0])?);
						let replacement =
							self.account(self.participant(*owners.last().unwrap_or(&owners[0])));
						(ProposedChange::RecoverKey { lost, replacement }, SourceKind::Other)
					}
				};
				one(
					self.registrar(registrar)?,
					RuntimeCall::LandRegistry(LandRegistry::propose_application {
						parcel,
						change,
						source: source(document, 5),
					}),
				)
			}
			Action::Confirm { registrar, application } => {
				let application = application_where(application, |status| {
					matches!(status, ApplicationStatus::Proposed { .. })
				})?;
				one(
					self.registrar(registrar)?,
					RuntimeCall::LandRegistry(LandRegistry::confirm_application { application }),
				)
			}
			Action::Object { application, party } => {
				let id = application_where(application, |_| true)?;
				let affected =
					pallet_land_registry::Applications::<Runtime>::get(id)?.affected.into_inner();
				one(
					self.among(&affected, party)?,
					RuntimeCall::LandRegistry(LandRegistry::object {
						application: id,
						grounds: H256::repeat_byte(party),
					}),
				)
			}
			Action::Enact { application, signer } => {
				let application = application_where(application, |status| {
					matches!(status, ApplicationStatus::InNotice { .. })
				})?;
				one(
					self.participant(signer),
					RuntimeCall::LandRegistry(LandRegistry::enact_application { application }),
				)
			}
			Action::WithdrawApplication { application } => {
				let id = application_where(application, |_| true)?;
				let proposer = pallet_land_registry::Applications::<Runtime>::get(id)?.proposed_by;
				one(
					self.signer_of(&proposer)?,
					RuntimeCall::LandRegistry(LandRegistry::withdraw_application {
						application: id,
					}),
				)
			}
			Action::VetoRecovery { application, signer, by_lost_key } => {
				let id = application_where(application, |_| true)?;
				let change = pallet_land_registry::Applications::<Runtime>::get(id)?.change;
				let signer = match change {
					ProposedChange::RecoverKey { lost, .. } if by_lost_key => {
						self.signer_of(&lost)?
					}
					_ => self.participant(signer),
				};
				one(
					signer,
					RuntimeCall::LandRegistry(LandRegistry::veto_recovery { application: id }),
				)
			}
			Action::ExpireApplication { application, signer } => {
				let application = application_where(application, |status| {
					matches!(status, ApplicationStatus::Proposed { .. })
				})?;
				one(
					self.participant(signer),
					RuntimeCall::LandRegistry(LandRegistry::expire_application { application }),
				)
			}
			Action::PlaceRestriction { parcel, owner } => {
				let parcel = pick_from(&active_parcels(), parcel)?;
				one(
					self.among(&owners_of(parcel), owner)?,
					RuntimeCall::LandRegistry(LandRegistry::place_restriction { parcel }),
				)
			}
			Action::RemoveRestriction { parcel } => {
				let restrictions: Vec<_> =
					pallet_land_registry::Restrictions::<Runtime>::iter_keys().collect();
				let (parcel, owner) = pick_from(&restrictions, parcel)?;
				one(
					self.signer_of(&owner)?,
					RuntimeCall::LandRegistry(LandRegistry::remove_restriction { parcel }),
				)
			}
			Action::Offer { parcel, seller, buyer, co_grantees, land, deadline } => {
				let parcel = pick_from(&active_parcels(), parcel)?;
				let seller = self.among(&owners_of(parcel), seller)?;
				let mut grantees = vec![buyer];
				grantees.extend(co_grantees);
				one(
					seller,
					RuntimeCall::Conveyance(Conveyance::offer {
						parcel,
						buyer: self.account(self.participant(buyer)),
						grantees: self.owners(&grantees, Shares::Even),
						price: u128::from(land) * UNIT,
						deadline: now + 1 + u32::from(deadline),
						deed: source(SourceKind::Deed, land as u8),
					}),
				)
			}
			Action::Consent { offer, party } => {
				let (id, offer) = offer_where(offer, |_| true)?;
				let parties: Vec<AccountId> = offer
					.sellers
					.iter()
					.chain(offer.grantees.iter())
					.map(|p| p.account.clone())
					.filter(|a| *a != offer.buyer)
					.collect();
				let waiting: Vec<AccountId> =
					parties.iter().filter(|a| !offer.consents.contains(a)).cloned().collect();
				let signer = self.among(&waiting, party).or_else(|| self.among(&parties, party))?;
				one(signer, RuntimeCall::Conveyance(Conveyance::consent { offer: id }))
			}
			Action::AcceptAndFund { offer } => {
				let (id, offer) = offer_where(offer, |status| {
					matches!(status, pallet_conveyance::OfferStatus::Open)
				})?;
				one(
					self.signer_of(&offer.buyer)?,
					RuntimeCall::Conveyance(Conveyance::accept_and_fund { offer: id }),
				)
			}
			Action::AcceptWithFinance { offer, lender, percent } => {
				let (id, offer) = offer_where(offer, |status| {
					matches!(status, pallet_conveyance::OfferStatus::Open)
				})?;
				let advance = offer.price.saturating_mul(u128::from(percent)) / 100;
				let request = pallet_conveyance::AdvanceRequest {
					lender: self.account(self.participant(lender)),
					amount: advance,
					rank: 1,
				};
				one(
					self.signer_of(&offer.buyer)?,
					RuntimeCall::Conveyance(Conveyance::accept_with_finance {
						offer: id,
						advances: BoundedVec::truncate_from(vec![request]),
					}),
				)
			}
			Action::FundAdvance { offer } => {
				let (id, offer) =
					offer_matching(offer, |o| o.advances.iter().any(|a| a.funding.is_none()))?;
				let advance = offer
					.advances
					.iter()
					.find(|a| a.funding.is_none())
					.or_else(|| offer.advances.first())?;
				one(
					self.signer_of(&advance.lender)?,
					RuntimeCall::Conveyance(Conveyance::fund_advance {
						offer: id,
						amount: advance.amount,
						rank: advance.rank,
						deed: source(SourceKind::MortgageInstrument, 7),
					}),
				)
			}
			Action::ConsentToAdvance { offer, grantee } => {
				let (id, offer) =
					offer_matching(offer, |o| o.advances.iter().any(|a| a.funding.is_some()))?;
				let advance = offer.advances.iter().find(|a| a.funding.is_some())?;
				let grantees: Vec<AccountId> =
					offer.grantees.iter().map(|g| g.account.clone()).collect();
				let waiting: Vec<AccountId> =
					grantees.iter().filter(|g| !advance.consents.contains(g)).cloned().collect();
				let signer =
					self.among(&waiting, grantee).or_else(|| self.among(&grantees, grantee))?;
				one(
					signer,
					RuntimeCall::Conveyance(Conveyance::consent_to_advance {
						offer: id,
						lender: advance.lender.clone(),
						deed_hash: advance.funding.as_ref()?.deed.document_hash,
					}),
				)
			}
			Action::WithdrawAdvance { offer } => {
				let (id, offer) =
					offer_matching(offer, |o| o.advances.iter().any(|a| a.funding.is_some()))?;
				let advance = offer.advances.iter().find(|a| a.funding.is_some())?;
				one(
					self.signer_of(&advance.lender)?,
					RuntimeCall::Conveyance(Conveyance::withdraw_advance { offer: id }),
				)
			}
			Action::LodgeRedemption { offer, land } => {
				let mortgaged = |o: &pallet_conveyance::Offer<Runtime>| {
					pallet_land_registry::Encumbrances::<Runtime>::get(o.parcel)
						.iter()
						.any(|open| matches!(open.kind, EncumbranceKind::Mortgage { .. }))
				};
				let (id, offer) = offer_matching(offer, mortgaged)?;
				let (encumbrance, lender) =
					pallet_land_registry::Encumbrances::<Runtime>::get(offer.parcel)
						.into_iter()
						.find_map(|open| match open.kind {
							EncumbranceKind::Mortgage { lender, .. } => Some((open.id, lender)),
							_ => None,
						})?;
				one(
					self.signer_of(&lender)?,
					RuntimeCall::Conveyance(Conveyance::lodge_redemption {
						offer: id,
						encumbrance,
						amount: u128::from(land) * UNIT,
					}),
				)
			}
			Action::Approve { registrar, offer } => {
				let (id, _) = offer_where(offer, |status| {
					matches!(status, pallet_conveyance::OfferStatus::Funded { .. })
				})?;
				one(
					self.registrar(registrar)?,
					RuntimeCall::Conveyance(Conveyance::approve { offer: id }),
				)
			}
			Action::Reject { registrar, offer } => {
				let (id, _) = offer_where(offer, |_| true)?;
				one(
					self.registrar(registrar)?,
					RuntimeCall::Conveyance(Conveyance::reject {
						offer: id,
						reason: pallet_conveyance::RejectionReason::DocumentsIncomplete,
					}),
				)
			}
			Action::Cancel { offer, by_buyer } => {
				let (id, offer) = offer_where(offer, |_| true)?;
				let who =
					if by_buyer { offer.buyer } else { offer.sellers.first()?.account.clone() };
				one(
					self.signer_of(&who)?,
					RuntimeCall::Conveyance(Conveyance::cancel { offer: id }),
				)
			}
			Action::ExpireOffer { offer, signer } => {
				let (id, _) = offer_where(offer, |_| true)?;
				one(
					self.participant(signer),
					RuntimeCall::Conveyance(Conveyance::expire { offer: id }),
				)
			}
			Action::OpenEscrow { payer, payee, land, deadline, arbiter } => one(
				self.participant(payer),
				RuntimeCall::Escrow(Escrow::open {
					payee: self.account(self.participant(payee)),
					amount: u128::from(land) * UNIT,
					deadline: now + 1 + u32::from(deadline),
					arbiter: arbiter.map(|pick| self.account(self.participant(pick))),
				}),
			),
			Action::ReleaseEscrow { escrow, by_arbiter } => {
				let (id, payer, _, arbiter) = direct_escrow(escrow)?;
				let who = if by_arbiter { arbiter.unwrap_or(payer) } else { payer };
				one(self.signer_of(&who)?, RuntimeCall::Escrow(Escrow::release { escrow: id }))
			}
			Action::RefundEscrow { escrow, by_arbiter } => {
				let (id, _, payee, arbiter) = direct_escrow(escrow)?;
				let who = if by_arbiter { arbiter.unwrap_or(payee) } else { payee };
				one(self.signer_of(&who)?, RuntimeCall::Escrow(Escrow::refund { escrow: id }))
			}
			Action::RefundExpiredEscrow { escrow, signer } => {
				let (id, ..) = direct_escrow(escrow)?;
				one(
					self.participant(signer),
					RuntimeCall::Escrow(Escrow::refund_expired { escrow: id }),
				)
			}
			Action::Motion { motion, threshold, ayes } => self.motion(motion, threshold, ayes),
		}
	}

	/// A council motion: propose, the aye votes, close, release the deposit, each signed by its
	/// member.
	fn motion(
		&self,
		motion: Governance,
		threshold: u8,
		ayes: u8,
	) -> Option<Vec<(usize, RuntimeCall)>> {
		let members = self.council();
		let proposer = pick_from(&members, ayes >> 4)?;
		let call = self.governance_call(motion)?;
		let length = call.encoded_size() as u32;
		let weight = call.get_dispatch_info().call_weight;
		let hash = sp_runtime::traits::BlakeTwo256::hash_of(&call);
		let index = pallet_collective::ProposalCount::<Runtime, CouncilInstance>::get();
		let mut calls = vec![(
			proposer,
			RuntimeCall::Council(pallet_collective::Call::propose {
				threshold: u32::from(threshold),
				proposal: Box::new(call),
				length_bound: length,
			}),
		)];
		for (bit, member) in members.iter().enumerate() {
			if ayes & (1 << (bit % 8)) != 0 {
				calls.push((
					*member,
					RuntimeCall::Council(pallet_collective::Call::vote {
						proposal: hash,
						index,
						approve: true,
					}),
				));
			}
		}
		calls.push((
			proposer,
			RuntimeCall::Council(pallet_collective::Call::close {
				proposal_hash: hash,
				index,
				proposal_weight_bound: weight,
				length_bound: length,
			}),
		));
		// As `landchain council close` does: the proposer's deposit back, if one was held and the
		// motion is closed (refused while it is still open, or when none was held).
		calls.push((
			proposer,
			RuntimeCall::Council(pallet_collective::Call::release_proposal_cost {
				proposal_hash: hash,
			}),
		));
		Some(calls)
	}

	fn governance_call(&self, motion: Governance) -> Option<RuntimeCall> {
		Some(match motion {
			Governance::NoticePeriods { notice, court_order_notice, confirmation } => {
				RuntimeCall::LandRegistry(pallet_land_registry::Call::set_notice_periods {
					periods: NoticeSchedule {
						notice: notice.into(),
						court_order_notice: court_order_notice.into(),
						confirmation: confirmation.into(),
					},
				})
			}
			Governance::TransferDuty { percent } => {
				RuntimeCall::Conveyance(pallet_conveyance::Call::set_transfer_duty {
					rate: Permill::from_percent(percent.into()),
					treasury: treasury_account(),
				})
			}
			Governance::Deposit { which, milli } => {
				let value = Some(u128::from(milli) * crate::MILLI_UNIT);
				use deposits::Parameters as P;
				let parameter = match which % 6 {
					0 => P::Encumbrance(deposits::Encumbrance, value),
					1 => P::MortgageConsent(deposits::MortgageConsent, value),
					2 => P::Offer(deposits::Offer, value),
					3 => P::DirectEscrow(deposits::DirectEscrow, value),
					4 => P::Application(deposits::Application, value),
					_ => P::Restriction(deposits::Restriction, value),
				};
				RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
					key_value: RuntimeParameters::Deposits(parameter),
				})
			}
			Governance::AddRegistrar { who } => {
				RuntimeCall::Registrars(pallet_membership::Call::add_member {
					who: self.account(self.participant(who)).into(),
				})
			}
			Governance::RemoveRegistrar { who } => {
				RuntimeCall::Registrars(pallet_membership::Call::remove_member {
					who: self.account(self.registrar(who)?).into(),
				})
			}
			Governance::DecideObjection { application, enact } => {
				let application = application_where(application, |status| {
					matches!(status, ApplicationStatus::Objected { .. })
				})?;
				RuntimeCall::LandRegistry(pallet_land_registry::Call::decide_objection {
					application,
					enact,
				})
			}
			Governance::AuthorizeUpgrade { seed } => {
				RuntimeCall::UpgradeGate(pallet_upgrade_gate::Call::authorize_upgrade {
					code_hash: H256::repeat_byte(seed),
				})
			}
		})
	}
}

/// `list[pick % len]`, or `None` for an empty list.
fn chosen<T>(list: &[T], pick: Pick) -> Option<&T> {
	(!list.is_empty()).then(|| &list[usize::from(pick) % list.len()])
}

fn pick_from<T: Clone>(list: &[T], pick: Pick) -> Option<T> {
	chosen(list, pick).cloned()
}

fn bounded<S: sp_core::Get<u32>>(bytes: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(bytes.to_vec())
}

fn jurisdiction(area: u32) -> &'static [u8] {
	if area % 3 == 0 {
		b"LC-RIVERSIDE"
	} else {
		b"LC-CENTRAL"
	}
}

fn source(kind: SourceKind, byte: u8) -> pallet_land_registry::Source {
	super::super::doc(kind, byte)
}

/// The active parcels, oldest first.
fn active_parcels() -> Vec<pallet_land_registry::ParcelId> {
	let mut parcels: Vec<_> = pallet_land_registry::Parcels::<Runtime>::iter_values()
		.filter(|parcel| parcel.is_active())
		.map(|parcel| parcel.id)
		.collect();
	parcels.sort();
	parcels
}

fn owners_of(parcel: pallet_land_registry::ParcelId) -> Vec<AccountId> {
	pallet_land_registry::Titles::<Runtime>::get(parcel)
		.map(|title| title.owners.into_iter().map(|owner| owner.account).collect())
		.unwrap_or_default()
}

/// Whether two parcels could merge: one district, the same owners, shares and tenure.
fn same_title(a: pallet_land_registry::ParcelId, b: pallet_land_registry::ParcelId) -> bool {
	use pallet_land_registry::ParcelId;
	let district =
		|p: ParcelId| pallet_land_registry::Parcels::<Runtime>::get(p).map(|p| p.jurisdiction);
	let title =
		|p: ParcelId| pallet_land_registry::Titles::<Runtime>::get(p).map(|t| (t.owners, t.tenure));
	district(a) == district(b) && title(a) == title(b)
}

/// An application in a status `wanted` accepts, or any application when none is.
fn application_where(
	pick: Pick,
	wanted: impl Fn(&ApplicationStatus<Runtime>) -> bool,
) -> Option<pallet_land_registry::ApplicationId> {
	let mut all: Vec<_> = pallet_land_registry::Applications::<Runtime>::iter()
		.map(|(id, application)| (id, wanted(&application.status)))
		.collect();
	all.sort();
	let preferred: Vec<_> = all.iter().filter(|(_, w)| *w).map(|(id, _)| *id).collect();
	let any: Vec<_> = all.iter().map(|(id, _)| *id).collect();
	pick_from(&preferred, pick).or_else(|| pick_from(&any, pick))
}

/// An offer in a status `wanted` accepts, or any offer when none is.
fn offer_where(
	pick: Pick,
	wanted: impl Fn(&pallet_conveyance::OfferStatus) -> bool,
) -> Option<(pallet_conveyance::OfferId, pallet_conveyance::Offer<Runtime>)> {
	offer_matching(pick, |offer| wanted(&offer.status))
}

/// An offer `wanted` accepts, or any offer when none is.
fn offer_matching(
	pick: Pick,
	wanted: impl Fn(&pallet_conveyance::Offer<Runtime>) -> bool,
) -> Option<(pallet_conveyance::OfferId, pallet_conveyance::Offer<Runtime>)> {
	let mut all: Vec<_> = pallet_conveyance::Offers::<Runtime>::iter().collect();
	all.sort_by_key(|(id, _)| *id);
	let preferred: Vec<_> = all.iter().filter(|(_, o)| wanted(o)).cloned().collect();
	pick_from(&preferred, pick).or_else(|| pick_from(&all, pick))
}

/// A direct escrow: `(id, payer, payee, arbiter)`.
fn direct_escrow(
	pick: Pick,
) -> Option<(pallet_escrow::EscrowId, AccountId, AccountId, Option<AccountId>)> {
	let mut direct: Vec<_> = pallet_escrow::Escrows::<Runtime>::iter()
		.filter_map(|(id, escrow)| match escrow.control {
			pallet_escrow::Control::Direct { payee, arbiter } => {
				Some((id, escrow.payer, payee, arbiter))
			}
			pallet_escrow::Control::Managed => None,
		})
		.collect();
	direct.sort_by_key(|(id, ..)| *id);
	pick_from(&direct, pick)
}

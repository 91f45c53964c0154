//! First registration of parcels and their titles.

use crate::{pallet::*, types::*, PartyCheck};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};

impl<T: Config> Pallet<T> {
	/// Registers a new parcel with its first title. Returns the parcel's id.
	pub(crate) fn do_register_parcel(
		registrar: Option<T::AccountId>,
		jurisdiction: Jurisdiction,
		cadastral_reference: CadastralReference,
		attributes: ParcelAttributes,
		source: Source,
		owners: OwnersOf<T>,
		tenure: Tenure,
	) -> Result<ParcelId, DispatchError> {
		Self::ensure_reference_free(&jurisdiction, &cadastral_reference)?;
		ensure!(attributes.area_m2 > 0, Error::<T>::ZeroArea);
		Self::check_owners(&owners)?;
		for owner in owners.iter() {
			T::Parties::ensure_may_hold(&owner.account)?;
		}
		if let Some(registrar) = &registrar {
			ensure!(
				!owners.iter().any(|owner| owner.account == *registrar),
				Error::<T>::ConflictOfInterest
			);
		}

		let id = Self::next_parcel_ids(1)?;
		Self::insert_parcel(Parcel {
			id,
			jurisdiction,
			cadastral_reference,
			attributes,
			source: source.clone(),
			revision: 0,
			origin: ParcelOrigin::FirstRegistration,
			status: ParcelStatus::Active,
			registered_at: frame_system::Pallet::<T>::block_number(),
		});
		Self::record_title(id, owners, tenure, source, TitleChange::FirstRegistration, registrar)?;
		Ok(id)
	}
}

impl<T: Config> Pallet<T> {
	/// Registers a parcel given in the genesis config (no registrar: `recorded_by` is `None`).
	/// Public for genesis storage built outside the runtime's genesis config: the node's
	/// national-scale chain specs (`--chain national:<N>`) register millions of parcels with it.
	pub fn do_register_genesis_parcel(
		parcel: &GenesisParcel<T::AccountId>,
	) -> Result<ParcelId, DispatchError> {
		let jurisdiction = Jurisdiction::try_from(parcel.jurisdiction.as_bytes().to_vec())
			.map_err(|_| Error::<T>::EmptyReference)?;
		let reference =
			CadastralReference::try_from(parcel.cadastral_reference.as_bytes().to_vec())
				.map_err(|_| Error::<T>::EmptyReference)?;
		let owners: OwnersOf<T> = parcel
			.owners
			.iter()
			.map(|(account, numerator, denominator)| Owner {
				account: account.clone(),
				share: Share { numerator: *numerator, denominator: *denominator },
			})
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| Error::<T>::TooManyOwners)?;
		let tenure = match parcel.leasehold_expires_at {
			Some(expires_at) => Tenure::Leasehold { expires_at },
			None => Tenure::Freehold,
		};
		Self::do_register_parcel(
			None,
			jurisdiction,
			reference,
			ParcelAttributes {
				area_m2: parcel.area_m2,
				land_use: parcel.land_use,
				geometry_hash: parcel.geometry_hash,
			},
			Source { kind: SourceKind::Deed, document_hash: parcel.deed_hash, uri: None },
			owners,
			tenure,
		)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Benchmark set-up for other pallets (the conveyance): registers a parcel held by `owners`
	/// in equal shares carrying `mortgages` mortgages of `amount` each (ranks 1, 2, …, lenders
	/// derived from the rank, no deposits), and returns its id.
	pub fn benchmark_parcel(
		owners: &[T::AccountId],
		mortgages: u32,
		amount: BalanceOf<T>,
	) -> ParcelId {
		let id = NextParcelId::<T>::get();
		let reference =
			CadastralReference::truncate_from(alloc::format!("BENCH-{id}").into_bytes());
		let count = owners.len() as u32;
		let owners: OwnersOf<T> = owners
			.iter()
			.map(|account| Owner {
				account: account.clone(),
				share: Share { numerator: 1, denominator: count },
			})
			.collect::<Vec<_>>()
			.try_into()
			.expect("benchmarks register at most MaxOwners owners");
		let source =
			Source { kind: SourceKind::Survey, document_hash: Default::default(), uri: None };
		let attributes = ParcelAttributes {
			area_m2: 1_000,
			land_use: LandUse::Mixed,
			geometry_hash: Default::default(),
		};
		let jurisdiction = Jurisdiction::truncate_from(b"BENCH".to_vec());
		let parcel = Self::do_register_parcel(
			None,
			jurisdiction,
			reference,
			attributes,
			source.clone(),
			owners,
			Tenure::Freehold,
		)
		.expect("benchmark parcels are valid");
		let mut encumbrances = Encumbrances::<T>::get(parcel);
		for rank in 1..=mortgages {
			let id = NextEncumbranceId::<T>::get();
			NextEncumbranceId::<T>::put(id + 1);
			let lender: T::AccountId = frame_benchmarking::account("lender", rank, 0);
			encumbrances
				.try_push(Encumbrance {
					id,
					kind: EncumbranceKind::Mortgage { lender, amount, rank },
					source: source.clone(),
					recorded_at: frame_system::Pallet::<T>::block_number(),
					recorded_by: owners_first::<T>(parcel),
					deposit: Default::default(),
				})
				.expect("benchmarks ask for at most MaxEncumbrances mortgages");
			Self::cite(&source, Citation::EncumbranceRecorded { parcel, encumbrance: id });
		}
		Encumbrances::<T>::insert(parcel, encumbrances);
		parcel
	}
}

#[cfg(feature = "runtime-benchmarks")]
fn owners_first<T: Config>(parcel: ParcelId) -> T::AccountId {
	Titles::<T>::get(parcel)
		.and_then(|title| title.owners.first().map(|owner| owner.account.clone()))
		.expect("benchmark parcels have owners")
}

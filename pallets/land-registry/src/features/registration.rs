//! First registration of parcels and their titles.

use crate::{pallet::*, types::*};
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
		owners: Vec<Owner<T::AccountId>>,
		tenure: Tenure,
	) -> Result<ParcelId, DispatchError> {
		Self::ensure_reference_free(&jurisdiction, &cadastral_reference)?;
		ensure!(attributes.area_m2 > 0, Error::<T>::ZeroArea);
		let owners = Self::validated_owners(owners)?;

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
	pub(crate) fn do_register_genesis_parcel(
		parcel: &GenesisParcel<T::AccountId>,
	) -> Result<ParcelId, DispatchError> {
		let jurisdiction = Jurisdiction::try_from(parcel.jurisdiction.as_bytes().to_vec())
			.map_err(|_| Error::<T>::EmptyReference)?;
		let reference =
			CadastralReference::try_from(parcel.cadastral_reference.as_bytes().to_vec())
				.map_err(|_| Error::<T>::EmptyReference)?;
		let owners = parcel
			.owners
			.iter()
			.map(|(account, numerator, denominator)| Owner {
				account: account.clone(),
				share: Share { numerator: *numerator, denominator: *denominator },
			})
			.collect();
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

//! Benchmarks of every call, each in its worst case.

use super::*;
use crate::Pallet as LandRegistry;
use alloc::{format, vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::Inspect;
use frame_support::traits::{fungible::Mutate, EnsureOrigin, Get};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::Saturating;

const SEED: u32 = 0;

/// A registrar's origin and account, funded for deposits.
fn registrar<T: Config>() -> (T::RuntimeOrigin, T::AccountId) {
	let origin = T::RegistrarOrigin::try_successful_origin()
		.expect("the registrar origin can be made for benchmarks");
	let account = T::RegistrarOrigin::ensure_origin(origin.clone())
		.expect("a successful origin yields its account");
	fund::<T>(&account);
	(origin, account)
}

/// Enough for a thousand deposits of any kind.
fn fund<T: Config>(account: &T::AccountId) {
	let unit = T::EncumbranceDeposit::get()
		.max(T::ConsentDeposit::get())
		.max(T::Currency::minimum_balance());
	T::Currency::set_balance(account, unit.saturating_mul(1_000u32.into()));
}

/// `count` funded owners with equal shares summing to the whole.
fn owners<T: Config>(count: u32, salt: u32) -> Vec<Owner<T::AccountId>> {
	(0..count)
		.map(|index| {
			let account: T::AccountId = account("owner", index + salt * 1_000, SEED);
			fund::<T>(&account);
			Owner { account, share: Share { numerator: 1, denominator: count } }
		})
		.collect()
}

fn reference(name: &str, number: u32) -> CadastralReference {
	format!("{name}-{number}").into_bytes().try_into().expect("short references fit")
}

fn jurisdiction() -> Jurisdiction {
	b"BENCH".to_vec().try_into().expect("fits")
}

fn source() -> Source {
	Source {
		kind: SourceKind::Survey,
		document_hash: H256::repeat_byte(1),
		uri: Some(vec![b'u'; MAX_URI_LEN as usize].try_into().expect("fits")),
	}
}

fn attributes(area_m2: u64) -> ParcelAttributes {
	ParcelAttributes { area_m2, land_use: LandUse::Mixed, geometry_hash: H256::repeat_byte(2) }
}

fn register<T: Config>(number: u32, area_m2: u64, owners: Vec<Owner<T::AccountId>>) -> ParcelId {
	let (_, registrar) = registrar::<T>();
	LandRegistry::<T>::do_register_parcel(
		Some(registrar),
		jurisdiction(),
		reference("P", number),
		attributes(area_m2),
		source(),
		owners,
		Tenure::Freehold,
	)
	.expect("benchmark parcel registers")
}

/// Fills a parcel with liens up to `count`.
fn add_liens<T: Config>(parcel: ParcelId, count: u32) {
	let (_, registrar) = registrar::<T>();
	let holder: T::AccountId = account("holder", 0, SEED);
	for _ in 0..count {
		LandRegistry::<T>::do_record_encumbrance(
			registrar.clone(),
			parcel,
			EncumbranceKind::Lien { holder: holder.clone(), amount: 1u32.into() },
			source(),
		)
		.expect("room for liens");
	}
}

/// Every owner consents to a mortgage with these terms.
fn consent_all<T: Config>(
	parcel: ParcelId,
	owners: &[Owner<T::AccountId>],
	lender: &T::AccountId,
	rank: u32,
) {
	for owner in owners {
		LandRegistry::<T>::do_consent_to_mortgage(
			owner.account.clone(),
			parcel,
			lender.clone(),
			1_000u32.into(),
			rank,
		)
		.expect("owners consent");
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_parcel(o: Linear<1, { T::MaxOwners::get() }>) {
		let (origin, _) = registrar::<T>();
		let owners = owners::<T>(o, 0);
		let id = NextParcelId::<T>::get();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			jurisdiction(),
			reference("NEW", 0),
			attributes(1_000),
			source(),
			owners,
			Tenure::Freehold,
		);

		assert!(Parcels::<T>::contains_key(id));
	}

	#[benchmark]
	fn record_encumbrance(o: Linear<1, { T::MaxOwners::get() }>) {
		let (origin, _) = registrar::<T>();
		let owners = owners::<T>(o, 0);
		let parcel = register::<T>(0, 1_000, owners.clone());
		add_liens::<T>(parcel, T::MaxEncumbrances::get() - 1);
		let lender: T::AccountId = account("lender", 0, SEED);
		consent_all::<T>(parcel, &owners, &lender, 1);
		let kind = EncumbranceKind::Mortgage { lender, amount: 1_000u32.into(), rank: 1 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parcel, kind, source());

		assert_eq!(Encumbrances::<T>::get(parcel).len() as u32, T::MaxEncumbrances::get());
	}

	#[benchmark]
	fn release_encumbrance() {
		let (origin, _) = registrar::<T>();
		let parcel = register::<T>(0, 1_000, owners::<T>(1, 0));
		add_liens::<T>(parcel, T::MaxEncumbrances::get());
		let last = NextEncumbranceId::<T>::get() - 1;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parcel, last, source());

		assert_eq!(Encumbrances::<T>::get(parcel).len() as u32, T::MaxEncumbrances::get() - 1);
	}

	#[benchmark]
	fn split_parcel(
		c: Linear<2, { T::MaxSplitChildren::get() }>,
		o: Linear<1, { T::MaxOwners::get() }>,
	) {
		let (origin, _) = registrar::<T>();
		let owners = owners::<T>(o, 0);
		let parcel = register::<T>(0, u64::from(c) * 100, owners.clone());
		consent_all::<T>(parcel, &owners, &account("lender", 0, SEED), 1);
		let children: Vec<ChildParcel> = (0..c)
			.map(|index| ChildParcel {
				cadastral_reference: reference("CHILD", index),
				attributes: attributes(100),
			})
			.collect();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parcel, children, source());

		assert!(!Parcels::<T>::get(parcel).expect("kept").is_active());
	}

	#[benchmark]
	fn merge_parcels(
		p: Linear<2, { T::MaxMergeParcels::get() }>,
		o: Linear<1, { T::MaxOwners::get() }>,
	) {
		let (origin, _) = registrar::<T>();
		let owners = owners::<T>(o, 0);
		let parcels: Vec<ParcelId> =
			(0..p).map(|index| register::<T>(index, 100, owners.clone())).collect();
		let merged = NextParcelId::<T>::get();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			parcels,
			reference("MERGED", 0),
			H256::repeat_byte(3),
			LandUse::Mixed,
			source(),
		);

		assert_eq!(
			Parcels::<T>::get(merged).expect("merged").attributes.area_m2,
			u64::from(p) * 100
		);
	}

	#[benchmark]
	fn rectify_title(o: Linear<1, { T::MaxOwners::get() }>) {
		let (origin, _) = registrar::<T>();
		let old_owners = owners::<T>(T::MaxOwners::get(), 0);
		let parcel = register::<T>(0, 100, old_owners.clone());
		consent_all::<T>(parcel, &old_owners, &account("lender", 0, SEED), 1);
		let new_owners = owners::<T>(o, 1);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parcel, new_owners, Tenure::Freehold, source());

		assert_eq!(Titles::<T>::get(parcel).expect("titled").version, 2);
	}

	#[benchmark]
	fn rectify_parcel() {
		let (origin, _) = registrar::<T>();
		let parcel = register::<T>(0, 100, owners::<T>(1, 0));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parcel, attributes(101), source());

		assert_eq!(Parcels::<T>::get(parcel).expect("kept").revision, 1);
	}

	#[benchmark]
	fn transfer_by_operation_of_law(o: Linear<1, { T::MaxOwners::get() }>) {
		let (origin, _) = registrar::<T>();
		let old_owners = owners::<T>(T::MaxOwners::get(), 0);
		let parcel = register::<T>(0, 100, old_owners.clone());
		consent_all::<T>(parcel, &old_owners, &account("lender", 0, SEED), 1);
		let heirs = owners::<T>(o, 1);

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			parcel,
			heirs,
			Tenure::Freehold,
			LawfulTransferReason::Inheritance,
			source(),
		);

		assert_eq!(Titles::<T>::get(parcel).expect("titled").change, TitleChange::Inheritance);
	}

	#[benchmark]
	fn consent_to_mortgage() {
		let owners = owners::<T>(1, 0);
		let owner = owners[0].account.clone();
		let parcel = register::<T>(0, 100, owners);
		let lender: T::AccountId = account("lender", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), parcel, lender, 1_000u32.into(), 1);

		assert!(MortgageConsents::<T>::contains_key(parcel, owner));
	}

	#[benchmark]
	fn withdraw_mortgage_consent() {
		let owners = owners::<T>(1, 0);
		let owner = owners[0].account.clone();
		let parcel = register::<T>(0, 100, owners.clone());
		consent_all::<T>(parcel, &owners, &account("lender", 0, SEED), 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), parcel);

		assert!(!MortgageConsents::<T>::contains_key(parcel, owner));
	}

	impl_benchmark_test_suite!(
		LandRegistry,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}

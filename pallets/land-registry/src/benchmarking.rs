//! Benchmarks of every call, each in its worst case.

use super::*;
use crate::{
	migrations::v2::{IndexCitations, IndexCursor},
	Pallet as LandRegistry,
};
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

/// A second registrar, other than [`registrar`]'s, funded for deposits.
fn second_registrar<T: Config>() -> (T::RuntimeOrigin, T::AccountId) {
	let account = T::BenchmarkHelper::second_registrar();
	fund::<T>(&account);
	(RawOrigin::Signed(account.clone()).into(), account)
}

/// A charge's amount: the least a mortgage or lien may be (the existential deposit).
fn charge<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance()
}

/// Enough for a thousand deposits of any kind.
fn fund<T: Config>(account: &T::AccountId) {
	let unit = T::EncumbranceDeposit::get()
		.max(T::ConsentDeposit::get())
		.max(T::ApplicationDeposit::get())
		.max(T::RestrictionDeposit::get())
		.max(T::Currency::minimum_balance());
	T::Currency::set_balance(account, unit.saturating_mul(1_000u32.into()));
}

/// `count` funded owners with equal shares summing to the whole.
fn owners<T: Config>(count: u32, salt: u32) -> OwnersOf<T> {
	(0..count)
		.map(|index| {
			let account: T::AccountId = account("owner", index + salt * 1_000, SEED);
			fund::<T>(&account);
			Owner { account, share: Share { numerator: 1, denominator: count } }
		})
		.collect::<Vec<_>>()
		.try_into()
		.expect("benchmarks ask for at most MaxOwners owners")
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

fn register<T: Config>(number: u32, area_m2: u64, owners: OwnersOf<T>) -> ParcelId {
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
			EncumbranceKind::Lien { holder: holder.clone(), amount: charge::<T>() },
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
			charge::<T>(),
			rank,
		)
		.expect("owners consent");
	}
}

/// A parcel with `MaxOwners` owners, each with a mortgage consent and a restriction, and all
/// but one slot of its pending applications taken: the worst case for a title change.
fn crowded_parcel<T: Config>() -> (ParcelId, Vec<Owner<T::AccountId>>) {
	let old_owners = owners::<T>(T::MaxOwners::get(), 0);
	let parcel = register::<T>(0, 100, old_owners.clone());
	consent_all::<T>(parcel, &old_owners, &account("lender", 0, SEED), 1);
	let (_, proposer) = registrar::<T>();
	for index in 1..T::MaxApplicationsPerParcel::get() {
		LandRegistry::<T>::do_propose_application(
			proposer.clone(),
			parcel,
			ProposedChange::RectifyParcel { attributes: attributes(100 + u64::from(index)) },
			source(),
		)
		.expect("room for applications");
	}
	(parcel, old_owners.into_inner())
}

/// Every owner places a restriction.
fn restrict_all<T: Config>(parcel: ParcelId, owners: &[Owner<T::AccountId>]) {
	for owner in owners {
		LandRegistry::<T>::do_place_restriction(owner.account.clone(), parcel)
			.expect("owners may restrict");
	}
}

/// A court order moving `parcel` to `o` new owners.
fn court_order<T: Config>(o: u32) -> ProposedChange<T> {
	ProposedChange::TransferByOperationOfLaw {
		owners: owners::<T>(o, 1).try_into().expect("at most MaxOwners"),
		tenure: Tenure::Freehold,
		reason: LawfulTransferReason::CourtOrder,
	}
}

/// The application on `parcel` with `change`, proposed by the first registrar; its id.
fn propose<T: Config>(parcel: ParcelId, change: ProposedChange<T>) -> ApplicationId {
	let (_, proposer) = registrar::<T>();
	LandRegistry::<T>::do_propose_application(proposer, parcel, change, source())
		.expect("the application is proposed")
}

/// Proposes and confirms; returns the id once its notice period is over.
fn confirmed<T: Config>(parcel: ParcelId, change: ProposedChange<T>) -> ApplicationId {
	let id = propose::<T>(parcel, change);
	let (_, confirmer) = second_registrar::<T>();
	LandRegistry::<T>::do_confirm_application(confirmer, id).expect("confirmed");
	let ApplicationStatus::InNotice { notice_ends, .. } =
		Applications::<T>::get(id).expect("pending").status
	else {
		panic!("a confirmed application is in notice");
	};
	frame_system::Pallet::<T>::set_block_number(notice_ends);
	id
}

/// The worst case for a recovery: a crowded parcel (`MaxOwners` owners, all but one
/// application slot taken) whose first owner, the lost key, also holds every charge the parcel
/// can carry, is the lender in every owner's mortgage consent and has placed a restriction. The
/// lost key and an attested, funded replacement.
fn recovery_parcel<T: Config>() -> (ParcelId, T::AccountId, T::AccountId) {
	let old_owners = owners::<T>(T::MaxOwners::get(), 0);
	let lost = old_owners[0].account.clone();
	let parcel = register::<T>(0, 100, old_owners.clone());
	consent_all::<T>(parcel, &old_owners, &lost, 1);
	let (_, registrar) = registrar::<T>();
	for _ in 0..T::MaxEncumbrances::get() {
		LandRegistry::<T>::do_record_encumbrance(
			registrar.clone(),
			parcel,
			EncumbranceKind::Lien { holder: lost.clone(), amount: charge::<T>() },
			source(),
		)
		.expect("room for liens");
	}
	for index in 1..T::MaxApplicationsPerParcel::get() {
		LandRegistry::<T>::do_propose_application(
			registrar.clone(),
			parcel,
			ProposedChange::RectifyParcel { attributes: attributes(100 + u64::from(index)) },
			source(),
		)
		.expect("room for applications");
	}
	LandRegistry::<T>::do_place_restriction(lost.clone(), parcel).expect("the owner restricts");
	let replacement: T::AccountId = account("replacement", 0, SEED);
	fund::<T>(&replacement);
	T::BenchmarkHelper::attested_party(&replacement);
	(parcel, lost, replacement)
}

/// A recovery of `lost` by `replacement`.
fn recovery<T: Config>(lost: &T::AccountId, replacement: &T::AccountId) -> ProposedChange<T> {
	ProposedChange::RecoverKey { lost: lost.clone(), replacement: replacement.clone() }
}

/// Checks that `replacement` took `lost`'s place everywhere on `parcel`.
fn assert_recovered<T: Config>(parcel: ParcelId, lost: &T::AccountId, replacement: &T::AccountId) {
	let title = Titles::<T>::get(parcel).expect("titled");
	assert_eq!(title.change, TitleChange::KeyRecovery);
	assert_eq!(title.owners[0].account, *replacement);
	assert!(Encumbrances::<T>::get(parcel)
		.iter()
		.all(|open| open.kind.holder() == Some(replacement)));
	assert!(Restrictions::<T>::contains_key(parcel, replacement));
	assert!(!MortgageConsents::<T>::iter_prefix_values(parcel).any(|c| c.lender == *lost));
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
		let kind = EncumbranceKind::Mortgage { lender, amount: charge::<T>(), rank: 1 };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parcel, kind, source());

		assert_eq!(Encumbrances::<T>::get(parcel).len() as u32, T::MaxEncumbrances::get());
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
		let children: ChildParcelsOf<T> = (0..c)
			.map(|index| ChildParcel {
				cadastral_reference: reference("CHILD", index),
				attributes: attributes(100),
			})
			.collect::<Vec<_>>()
			.try_into()
			.expect("at most MaxSplitChildren children");

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
		let parcels: MergedIdsOf<T> = (0..p)
			.map(|index| register::<T>(index, 100, owners.clone()))
			.collect::<Vec<_>>()
			.try_into()
			.expect("at most MaxMergeParcels parcels");
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
	fn consent_to_mortgage() {
		let owners = owners::<T>(1, 0);
		let owner = owners[0].account.clone();
		let parcel = register::<T>(0, 100, owners);
		let lender: T::AccountId = account("lender", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), parcel, lender, charge::<T>(), 1);

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

	#[benchmark]
	fn propose_application(o: Linear<1, { T::MaxOwners::get() }>) {
		let (origin, _) = registrar::<T>();
		let (parcel, _) = crowded_parcel::<T>();
		let change = court_order::<T>(o);
		let id = NextApplicationId::<T>::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parcel, change, source());

		assert!(Applications::<T>::contains_key(id));
	}

	#[benchmark]
	fn confirm_application(o: Linear<1, { T::MaxOwners::get() }>) {
		let (parcel, _) = crowded_parcel::<T>();
		let id = propose::<T>(parcel, court_order::<T>(o));
		let (origin, _) = second_registrar::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(matches!(
			Applications::<T>::get(id).expect("pending").status,
			ApplicationStatus::InNotice { .. }
		));
	}

	#[benchmark]
	fn object() {
		let (parcel, owners) = crowded_parcel::<T>();
		let id = propose::<T>(parcel, court_order::<T>(1));
		let objector = owners.last().expect("owners").account.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(objector), id, H256::repeat_byte(4));

		assert!(matches!(
			Applications::<T>::get(id).expect("pending").status,
			ApplicationStatus::Objected { .. }
		));
	}

	#[benchmark]
	fn decide_objection(o: Linear<1, { T::MaxOwners::get() }>) {
		let (parcel, owners) = crowded_parcel::<T>();
		restrict_all::<T>(parcel, &owners);
		let id = propose::<T>(parcel, court_order::<T>(o));
		LandRegistry::<T>::do_object(owners[0].account.clone(), id, H256::repeat_byte(4))
			.expect("an owner objects");
		let origin = T::GovernanceOrigin::try_successful_origin()
			.expect("the governance origin can be made for benchmarks");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, true);

		assert_eq!(Titles::<T>::get(parcel).expect("titled").change, TitleChange::CourtOrder);
	}

	#[benchmark]
	fn enact_application(o: Linear<1, { T::MaxOwners::get() }>) {
		let (parcel, owners) = crowded_parcel::<T>();
		restrict_all::<T>(parcel, &owners);
		let id = confirmed::<T>(parcel, court_order::<T>(o));
		let anyone: T::AccountId = account("anyone", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), id);

		assert_eq!(Titles::<T>::get(parcel).expect("titled").change, TitleChange::CourtOrder);
		assert!(!Applications::<T>::contains_key(id));
	}

	#[benchmark]
	fn withdraw_application() {
		let (origin, _) = registrar::<T>();
		let (parcel, _) = crowded_parcel::<T>();
		let id = propose::<T>(parcel, court_order::<T>(1));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(!Applications::<T>::contains_key(id));
	}

	#[benchmark]
	fn expire_application() {
		let (parcel, _) = crowded_parcel::<T>();
		let id = propose::<T>(parcel, court_order::<T>(1));
		let ApplicationStatus::Proposed { confirm_by } =
			Applications::<T>::get(id).expect("pending").status
		else {
			panic!("a new application waits for confirmation");
		};
		frame_system::Pallet::<T>::set_block_number(confirm_by.saturating_add(1u32.into()));
		let anyone: T::AccountId = account("anyone", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), id);

		assert!(!Applications::<T>::contains_key(id));
	}

	#[benchmark]
	fn discharge() {
		let parcel = register::<T>(0, 1_000, owners::<T>(1, 0));
		add_liens::<T>(parcel, T::MaxEncumbrances::get());
		let last = NextEncumbranceId::<T>::get() - 1;
		let holder: T::AccountId = account("holder", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), parcel, last);

		assert_eq!(Encumbrances::<T>::get(parcel).len() as u32, T::MaxEncumbrances::get() - 1);
	}

	#[benchmark]
	fn place_restriction() {
		let owners = owners::<T>(1, 0);
		let owner = owners[0].account.clone();
		let parcel = register::<T>(0, 100, owners);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), parcel);

		assert!(Restrictions::<T>::contains_key(parcel, owner));
	}

	#[benchmark]
	fn remove_restriction() {
		let owners = owners::<T>(1, 0);
		let owner = owners[0].account.clone();
		let parcel = register::<T>(0, 100, owners.clone());
		restrict_all::<T>(parcel, &owners);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner.clone()), parcel);

		assert!(!Restrictions::<T>::contains_key(parcel, owner));
	}

	#[benchmark]
	fn set_notice_periods() {
		let origin = T::GovernanceOrigin::try_successful_origin()
			.expect("the governance origin can be made for benchmarks");
		let periods = NoticeSchedule {
			notice: 100u32.into(),
			court_order_notice: 50u32.into(),
			confirmation: 200u32.into(),
		};

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, periods.clone());

		assert_eq!(NoticePeriods::<T>::get(), periods);
	}

	#[benchmark]
	fn propose_recovery() {
		let (origin, _) = registrar::<T>();
		let (parcel, lost, replacement) = recovery_parcel::<T>();
		let id = NextApplicationId::<T>::get();

		#[extrinsic_call]
		propose_application(
			origin as T::RuntimeOrigin,
			parcel,
			recovery::<T>(&lost, &replacement),
			source(),
		);

		assert!(Applications::<T>::contains_key(id));
	}

	#[benchmark]
	fn confirm_recovery() {
		let (parcel, lost, replacement) = recovery_parcel::<T>();
		let id = propose::<T>(parcel, recovery::<T>(&lost, &replacement));
		let (origin, _) = second_registrar::<T>();

		#[extrinsic_call]
		confirm_application(origin as T::RuntimeOrigin, id);

		assert!(matches!(
			Applications::<T>::get(id).expect("pending").status,
			ApplicationStatus::InNotice { .. }
		));
	}

	#[benchmark]
	fn decide_recovery() {
		let (parcel, lost, replacement) = recovery_parcel::<T>();
		let id = propose::<T>(parcel, recovery::<T>(&lost, &replacement));
		LandRegistry::<T>::do_object(lost.clone(), id, H256::repeat_byte(4))
			.expect("the lost key's holder objects");
		let origin = T::GovernanceOrigin::try_successful_origin()
			.expect("the governance origin can be made for benchmarks");

		#[extrinsic_call]
		decide_objection(origin as T::RuntimeOrigin, id, true);

		assert_recovered::<T>(parcel, &lost, &replacement);
	}

	#[benchmark]
	fn enact_recovery() {
		let (parcel, lost, replacement) = recovery_parcel::<T>();
		let id = confirmed::<T>(parcel, recovery::<T>(&lost, &replacement));
		let anyone: T::AccountId = account("anyone", 0, SEED);

		#[extrinsic_call]
		enact_application(RawOrigin::Signed(anyone), id);

		assert_recovered::<T>(parcel, &lost, &replacement);
		assert!(!Applications::<T>::contains_key(id));
	}

	#[benchmark]
	fn veto_recovery() {
		let (parcel, lost, replacement) = recovery_parcel::<T>();
		let id = confirmed::<T>(parcel, recovery::<T>(&lost, &replacement));

		#[extrinsic_call]
		_(RawOrigin::Signed(lost), id);

		assert!(!Applications::<T>::contains_key(id));
	}

	/// The migration to storage version 2 indexing one record, in its largest case: a pending
	/// court order naming `MaxOwners` new owners on a parcel of `MaxOwners` owners. Every stage of
	/// single records is charged this.
	#[benchmark]
	fn migrate_index_record() {
		let parcel = register::<T>(0, 100, owners::<T>(T::MaxOwners::get(), 0));
		let id = propose::<T>(parcel, court_order::<T>(T::MaxOwners::get()));
		assert!(Citations::<T>::clear(u32::MAX, None).maybe_cursor.is_none());
		let next;

		#[block]
		{
			next = IndexCitations::<T>::index_next(IndexCursor::Applications(None));
		}

		assert_eq!(next, Some(IndexCursor::Applications(Some(id))));
		assert!(Citations::<T>::contains_key(
			source().document_hash,
			Citation::Application { parcel, application: id }
		));
	}

	/// The migration to storage version 2 indexing one parcel's open encumbrances, in the worst
	/// case: `MaxEncumbrances` of them.
	#[benchmark]
	fn migrate_index_encumbrances() {
		let parcel = register::<T>(0, 1_000, owners::<T>(1, 0));
		add_liens::<T>(parcel, T::MaxEncumbrances::get());
		assert!(Citations::<T>::clear(u32::MAX, None).maybe_cursor.is_none());
		let next;

		#[block]
		{
			next = IndexCitations::<T>::index_next(IndexCursor::Encumbrances(None));
		}

		assert_eq!(next, Some(IndexCursor::Encumbrances(Some(parcel))));
		assert_eq!(
			Citations::<T>::iter_prefix(source().document_hash).count() as u32,
			T::MaxEncumbrances::get()
		);
	}

	impl_benchmark_test_suite!(
		LandRegistry,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}

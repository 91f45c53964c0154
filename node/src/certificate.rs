//! `landchain-node certificate issue|verify`: certificates of title that anyone can verify
//! offline (`landchain_audit::certificate`; docs/CERTIFICATES.md).

use landchain_audit::{
	certificate::{self, Certificate, Verified},
	source::RpcClient,
	Hash,
};
use landchain_runtime::{registry, UNIT};
use sp_core::crypto::Ss58Codec;
use std::{
	path::PathBuf,
	time::{Duration, SystemTime, UNIX_EPOCH},
};

/// Certificates of title.
#[derive(Debug, clap::Subcommand)]
pub enum CertificateCmd {
	/// Issue a certificate of a parcel's title from a node: the records at a finalized block,
	/// with their storage proofs, the header and a GRANDPA justification.
	Issue(IssueCmd),
	/// Verify a certificate offline against a chain spec, and print the title in words.
	/// Exit 0 only if everything holds; 1 with what fails otherwise.
	Verify(VerifyCmd),
}

/// `certificate issue`.
#[derive(Debug, clap::Parser)]
pub struct IssueCmd {
	/// The node to ask (`ws://host:port`).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	pub url: String,
	/// The parcel.
	#[arg(long)]
	pub parcel: u64,
	/// A finalized block's hash (default: the finalized head).
	#[arg(long, value_name = "HASH")]
	pub at: Option<String>,
	/// Where to write the certificate (JSON).
	#[arg(long, value_name = "FILE")]
	pub out: PathBuf,
}

/// `certificate verify`.
#[derive(Debug, clap::Parser)]
pub struct VerifyCmd {
	/// The certificate (JSON).
	pub file: PathBuf,
	/// The chain spec to verify against: `dev`, `local`, or a chain spec file.
	#[arg(long)]
	pub chain: String,
	/// Print the verified records as JSON instead of words.
	#[arg(long)]
	pub json: bool,
}

/// Runs the subcommand; `Err` for bad input, exit code 1 (with `INVALID: …`) for a certificate
/// that does not verify.
pub fn run(cmd: &CertificateCmd) -> Result<(), String> {
	match cmd {
		CertificateCmd::Issue(issue) => {
			let at = issue
				.at
				.as_deref()
				.map(|text| {
					text.parse::<Hash>().map_err(|_| format!("--at: `{text}` is not a block hash"))
				})
				.transpose()?;
			let client = RpcClient::connect(&issue.url).map_err(|error| error.to_string())?;
			let certificate =
				certificate::issue(&client, issue.parcel, at).map_err(|error| error.to_string())?;
			let json = serde_json::to_string_pretty(&certificate).map_err(|e| e.to_string())?;
			std::fs::write(&issue.out, json)
				.map_err(|error| format!("cannot write {}: {error}", issue.out.display()))?;
			println!(
				"{}: certificate of parcel {} ({} bytes, {} proof nodes)",
				issue.out.display(),
				issue.parcel,
				std::fs::metadata(&issue.out).map(|m| m.len()).unwrap_or_default(),
				certificate.proof.len()
			);
			Ok(())
		}
		CertificateCmd::Verify(verify) => {
			let text = std::fs::read_to_string(&verify.file)
				.map_err(|error| format!("cannot read {}: {error}", verify.file.display()))?;
			let certificate: Certificate = serde_json::from_str(&text).map_err(|error| {
				format!("{} is not a certificate of title: {error}", verify.file.display())
			})?;
			let spec = crate::chain_spec::load(&verify.chain)?;
			let genesis = spec.as_storage_builder().build_storage().map_err(|error| {
				format!("cannot build the genesis state of chain spec {:?}: {error}", spec.id())
			})?;
			match certificate::verify(&certificate, &genesis) {
				Ok(verified) => {
					if verify.json {
						println!(
							"{}",
							serde_json::to_string_pretty(&verified).map_err(|e| e.to_string())?
						);
					} else {
						println!("{}", in_words(&certificate, &verified, spec.name()));
					}
					Ok(())
				}
				Err(error) => {
					eprintln!("INVALID: {error}");
					std::process::exit(1);
				}
			}
		}
	}
}

fn account(account: &landchain_runtime::AccountId) -> String {
	account.to_ss58check()
}

fn land(amount: u128) -> String {
	let whole = amount / UNIT;
	let fraction = amount % UNIT;
	if fraction == 0 {
		format!("{whole} LAND")
	} else {
		let digits = format!("{fraction:012}");
		format!("{whole}.{} LAND", digits.trim_end_matches('0'))
	}
}

fn title_line(title: &registry::Title) -> String {
	use landchain_runtime::pallets::land_registry::Tenure;
	let owners = title
		.owners
		.iter()
		.map(|owner| {
			format!(
				"{} ({}/{})",
				account(&owner.account),
				owner.share.numerator,
				owner.share.denominator
			)
		})
		.collect::<Vec<_>>()
		.join(", ");
	let tenure = match title.tenure {
		Tenure::Freehold => "freehold".to_string(),
		Tenure::Leasehold { expires_at } => format!("leasehold until Unix time {expires_at}"),
	};
	format!(
		"version {}: {owners}; {tenure}; recorded at block #{} ({:?})",
		title.version, title.recorded_at, title.change
	)
}

/// The verified certificate for people.
fn in_words(certificate: &Certificate, verified: &Verified, chain: &str) -> String {
	use landchain_runtime::pallets::land_registry::{EncumbranceKind, ParcelStatus};
	let mut lines = vec![format!(
		"VALID certificate of title — {chain} (genesis {:?})",
		certificate.genesis_hash
	)];
	match &verified.parcel {
		None => lines.push(format!("parcel {}: not registered at this block", certificate.parcel)),
		Some(parcel) => {
			let status = match &parcel.status {
				ParcelStatus::Active => "active".to_string(),
				ParcelStatus::SplitInto { children, at } => format!(
					"RETIRED: split at block #{at} into parcels {}",
					children.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
				),
				ParcelStatus::MergedInto { parcel, at } => {
					format!("RETIRED: merged into parcel {parcel} at block #{at}")
				}
			};
			lines.push(format!(
				"parcel {}: {} {}, {} m², {:?}, {status}",
				parcel.id,
				String::from_utf8_lossy(&parcel.jurisdiction),
				String::from_utf8_lossy(&parcel.cadastral_reference),
				parcel.attributes.area_m2,
				parcel.attributes.land_use,
			));
		}
	}
	match &verified.title {
		Some(title) => lines.push(format!("title {}", title_line(title))),
		None => lines.push("title: none".to_string()),
	}
	if verified.encumbrances.is_empty() {
		lines.push("encumbrances: none".to_string());
	}
	for encumbrance in &verified.encumbrances {
		let what = match &encumbrance.kind {
			EncumbranceKind::Mortgage { lender, amount, rank } => {
				format!("mortgage to {} of {}, rank {rank}", account(lender), land(*amount))
			}
			EncumbranceKind::Lien { holder, amount } => {
				format!("lien of {} for {}", account(holder), land(*amount))
			}
			other => format!("{other:?}"),
		};
		lines.push(format!("encumbrance {}: {what}", encumbrance.id));
	}
	lines.push(if verified.applications.is_empty() {
		"pending applications: none".to_string()
	} else {
		format!(
			"pending applications: {}",
			verified.applications.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(", ")
		)
	});
	for title in &verified.history {
		lines.push(format!("earlier title {}", title_line(title)));
	}
	let time = UNIX_EPOCH + Duration::from_millis(verified.time_ms);
	let age = SystemTime::now().duration_since(time).unwrap_or_default();
	lines.push(format!(
		"as of block #{} ({:?}), {} ({} ago); finalized at block #{} by {} of {} GRANDPA \
		 authorities of the chain spec",
		verified.block,
		verified.block_hash,
		humantime::format_rfc3339_seconds(time),
		humantime::format_duration(Duration::from_secs(age.as_secs())),
		verified.finalized,
		verified.signed_by.0,
		verified.signed_by.1,
	));
	lines.join("\n")
}

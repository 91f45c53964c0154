//! `landchain-node certificate issue|verify`: certificates of title that anyone can verify
//! offline (`landchain_audit::certificate`, printed by `landchain_audit::certificate_page`;
//! docs/CERTIFICATES.md).

use landchain_audit::{
	certificate::{self, Certificate},
	certificate_page::{self as page, Statement},
	source::RpcClient,
	Hash,
};
use std::path::PathBuf;

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
	/// The certificate: its JSON file, or an HTML rendering written by `--html` (the JSON it
	/// carries is verified).
	pub file: PathBuf,
	/// The chain spec to verify against: `dev`, `local`, or a chain spec file.
	#[arg(long)]
	pub chain: String,
	/// Print the verified records as JSON instead of words.
	#[arg(long)]
	pub json: bool,
	/// Also write the verified certificate as a page people read and print (HTML, with a QR
	/// code of the certificate's hash and the certificate itself inside; print it to PDF from
	/// a browser).
	#[arg(long, value_name = "FILE")]
	pub html: Option<PathBuf>,
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
			let json = page::embedded_certificate(&text).unwrap_or(text);
			let certificate: Certificate = serde_json::from_str(&json).map_err(|error| {
				format!("{} is not a certificate of title: {error}", verify.file.display())
			})?;
			let spec = crate::chain_spec::load(&verify.chain)?;
			let genesis = spec.as_storage_builder().build_storage().map_err(|error| {
				format!("cannot build the genesis state of chain spec {:?}: {error}", spec.id())
			})?;
			match certificate::verify(&certificate, &genesis) {
				Ok(verified) => {
					let statement = Statement::of(&certificate, &verified, spec.name());
					if verify.json {
						println!(
							"{}",
							serde_json::to_string_pretty(&verified).map_err(|e| e.to_string())?
						);
					} else {
						println!("{}", statement.text());
					}
					if let Some(path) = &verify.html {
						let page = page::page(&statement, &json, &verify.chain)?;
						std::fs::write(path, page)
							.map_err(|error| format!("cannot write {}: {error}", path.display()))?;
						eprintln!(
							"{}: the certificate as a page to read and print",
							path.display()
						);
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

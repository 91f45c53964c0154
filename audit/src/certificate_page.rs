//! A verified certificate of title for people: [`Statement`] says what it proves in labelled
//! lines, printed as words ([`Statement::text`]) or as a page to read and print ([`page`]) with a
//! QR code of the certificate's hash and the certificate itself inside (so the page verifies as
//! the JSON file does: [`embedded_certificate`] finds it).

use crate::certificate::{Certificate, Verified};
use landchain_runtime::{registry, UNIT};
use qrcode::{render::svg, EcLevel, QrCode};
use sp_core::crypto::Ss58Codec;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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

/// What a verified certificate says, for people: a heading and labelled sections of lines, printed
/// as words ([`Statement::text`]) or as a page ([`page`]).
pub struct Statement {
	/// `VALID certificate of title — <chain> (genesis …)`.
	pub heading: String,
	/// The parcel.
	pub parcel: u64,
	/// (label, lines): parcel, title, encumbrances, applications, earlier titles, block.
	pub sections: Vec<(&'static str, Vec<String>)>,
}

impl Statement {
	/// The statement of `verified`, a verification of `certificate` against chain spec `chain`.
	pub fn of(certificate: &Certificate, verified: &Verified, chain: &str) -> Self {
		use landchain_runtime::pallets::land_registry::{EncumbranceKind, ParcelStatus};
		let parcel = match &verified.parcel {
			None => format!("{} — not registered at this block", certificate.parcel),
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
				format!(
					"{} — {} {}, {} m², {:?}, {status}",
					parcel.id,
					String::from_utf8_lossy(&parcel.jurisdiction),
					String::from_utf8_lossy(&parcel.cadastral_reference),
					parcel.attributes.area_m2,
					parcel.attributes.land_use,
				)
			}
		};
		let title = match &verified.title {
			Some(title) => title_line(title),
			None => "none".to_string(),
		};
		let mut encumbrances: Vec<String> = verified
			.encumbrances
			.iter()
			.map(|encumbrance| {
				let what = match &encumbrance.kind {
					EncumbranceKind::Mortgage { lender, amount, rank } => {
						format!("mortgage to {} of {}, rank {rank}", account(lender), land(*amount))
					}
					EncumbranceKind::Lien { holder, amount } => {
						format!("lien of {} for {}", account(holder), land(*amount))
					}
					other => format!("{other:?}"),
				};
				format!("#{} {what}", encumbrance.id)
			})
			.collect();
		if encumbrances.is_empty() {
			encumbrances.push("none".to_string());
		}
		let applications = if verified.applications.is_empty() {
			"none".to_string()
		} else {
			verified.applications.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(", ")
		};
		let mut history: Vec<String> = verified.history.iter().map(title_line).collect();
		if history.is_empty() {
			history.push("none carried".to_string());
		}
		let time = UNIX_EPOCH + Duration::from_millis(verified.time_ms);
		let age = SystemTime::now().duration_since(time).unwrap_or_default();
		let block = format!(
			"as of block #{} ({:?}), {} ({} ago); finalized at block #{} by {} of {} GRANDPA \
			 authorities of the chain spec's authority set",
			verified.block,
			verified.block_hash,
			humantime::format_rfc3339_seconds(time),
			humantime::format_duration(Duration::from_secs(age.as_secs())),
			verified.finalized,
			verified.signed_by.0,
			verified.signed_by.1,
		);
		Statement {
			heading: format!(
				"VALID certificate of title — {chain} (genesis {:?})",
				certificate.genesis_hash
			),
			parcel: certificate.parcel,
			sections: vec![
				("parcel", vec![parcel]),
				("title", vec![title]),
				("encumbrances", encumbrances),
				("pending applications", vec![applications]),
				("earlier titles", history),
				("block", vec![block]),
			],
		}
	}

	/// The statement in words, a line per fact.
	pub fn text(&self) -> String {
		let mut lines = vec![self.heading.clone()];
		for (label, rows) in &self.sections {
			for row in rows {
				lines.push(format!("{label}: {row}"));
			}
		}
		lines.join("\n")
	}
}

/// The `id` of the `<script>` element that carries the certificate's JSON.
const EMBEDDED_ID: &str = "landchain-certificate";

/// What the QR code says: the format, the parcel and the certificate's BLAKE2-256 hash.
pub fn qr_payload(parcel: u64, certificate_json: &str) -> String {
	let hash = sp_io::hashing::blake2_256(certificate_json.as_bytes());
	format!(
		"landchain-certificate/1 parcel={parcel} blake2-256={}",
		sp_core::bytes::to_hex(&hash, false)
	)
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
	text.replace('&', "&amp;")
		.replace('<', "&lt;")
		.replace('>', "&gt;")
		.replace('"', "&quot;")
		.replace('\'', "&#39;")
}

/// The page of `statement`, verified against `chain`, carrying `certificate_json` (the exact
/// text whose hash the QR code holds).
pub fn page(statement: &Statement, certificate_json: &str, chain: &str) -> Result<String, String> {
	let payload = qr_payload(statement.parcel, certificate_json);
	let qr = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
		.map_err(|error| format!("cannot make the QR code: {error}"))?
		.render::<svg::Color>()
		.min_dimensions(240, 240)
		.quiet_zone(true)
		.build();
	let mut sections = String::new();
	for (label, rows) in &statement.sections {
		sections.push_str(&format!("<section><h2>{}</h2><ul>", escape(label)));
		for row in rows {
			sections.push_str(&format!("<li>{}</li>", escape(row)));
		}
		sections.push_str("</ul></section>\n");
	}
	// Inside <script>, only `</` could end the element early: JSON allows `<\/` for it.
	let embedded = certificate_json.replace("</", "<\\/");
	Ok(format!(
		r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Certificate of title — parcel {parcel}</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; max-width: 52rem; margin: 2rem auto; color: #111; }}
h1 {{ font-size: 1.6rem; margin-bottom: .2rem; }}
.verdict {{ border: 2px solid #1a6b2f; background: #eef8f0; padding: .6rem .8rem; font-weight: bold; }}
h2 {{ font-size: 1.05rem; margin: 1.1rem 0 .3rem; text-transform: capitalize; }}
ul {{ margin: 0; padding-left: 1.2rem; }}
li {{ margin: .15rem 0; overflow-wrap: anywhere; }}
.check {{ display: flex; gap: 1.2rem; align-items: center; margin-top: 1.5rem; border-top: 1px solid #999; padding-top: 1rem; }}
.check p {{ margin: .3rem 0; overflow-wrap: anywhere; }}
code {{ font-size: .85rem; }}
</style>
</head>
<body>
<h1>Certificate of title — parcel {parcel}</h1>
<p class="verdict">{heading}</p>
{sections}<div class="check">
<div aria-label="QR code of the certificate's hash">{qr}</div>
<div>
<p>The QR code holds <code>{payload}</code>: the BLAKE2-256 hash of the certificate this page carries.</p>
<p>To check it offline, with only the chain spec: <code>landchain-node certificate verify &lt;this page or the JSON&gt; --chain {chain}</code>.</p>
<p>The certificate shows only what the public chain shows: accounts, shares, amounts and document hashes, no names.</p>
</div>
</div>
<script type="application/json" id="{id}">{embedded}</script>
</body>
</html>
"#,
		parcel = statement.parcel,
		heading = escape(&statement.heading),
		sections = sections,
		qr = qr,
		payload = escape(&payload),
		chain = escape(chain),
		id = EMBEDDED_ID,
		embedded = embedded,
	))
}

/// The certificate JSON a page written by [`page`] carries, if `text` is such a page.
pub fn embedded_certificate(text: &str) -> Option<String> {
	let open = format!(r#"<script type="application/json" id="{EMBEDDED_ID}">"#);
	let start = text.find(&open)? + open.len();
	let end = start + text[start..].find("</script>")?;
	Some(text[start..end].replace("<\\/", "</"))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_page_carries_the_certificate_unchanged_and_escapes_what_it_shows() {
		let statement = Statement {
			heading: "VALID <b>".into(),
			parcel: 7,
			sections: vec![("title", vec!["a & b".into()])],
		};
		let json = r#"{"x":"</script><script>alert(1)</script>"}"#;
		let page = page(&statement, json, "dev").expect("renders");
		assert!(page.contains("VALID &lt;b&gt;") && page.contains("a &amp; b"));
		assert_eq!(
			page.matches("</script").count(),
			1,
			"only the page's own closing tag ends the element: the embedded JSON cannot"
		);
		assert_eq!(embedded_certificate(&page).as_deref(), Some(json));
		assert!(page.contains(&qr_payload(7, json)));
		assert_eq!(embedded_certificate("{}"), None);
	}
}

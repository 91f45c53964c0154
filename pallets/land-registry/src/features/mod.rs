//! The logic behind each call, as `do_*` functions on the pallet, grouped by topic.

mod consent;
mod encumbrances;
mod lineage;
mod records;
mod registration;
mod title_changes;

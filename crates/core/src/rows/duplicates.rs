//! P010: the first row of each accepted number wins; a later row with the
//! same number is a duplicate. Shared by the split's merge and the
//! record-at-a-time checker, so both decide duplicates alike.

use crate::input::first_rows::FirstRows;
use crate::phone::E164;
use crate::rows::validate::{RecordValidator, RowVerdict};
use crate::rules::Code;

/// The first row of each accepted number, for P010.
#[derive(Debug, Default)]
pub(crate) struct Duplicates {
    /// E.164 number → the row that claimed it.
    seen: FirstRows,
}

impl Duplicates {
    /// Claims the number of a row that is otherwise valid, or marks the row
    /// a duplicate of the row that claimed it first. Returns whether a P010
    /// finding was recorded (the rule may be off).
    pub(crate) fn check(&mut self, validator: &RecordValidator, verdict: &mut RowVerdict) -> bool {
        // Only rows that are otherwise valid claim their number: a later row
        // with the same number is then the duplicate.
        verdict.is_valid() && self.claim(validator, verdict)
    }

    /// [`Duplicates::check`] of a row its caller already knows is valid.
    pub(crate) fn claim(&mut self, validator: &RecordValidator, verdict: &mut RowVerdict) -> bool {
        let Some(number) = verdict.phone else {
            return false;
        };
        let Some(first) = self.seen.first_or_insert(number, verdict.row) else {
            return false;
        };
        let message = format!("{number} already appears on row {first}");
        let phone_column = validator.header().phone;
        validator.add_finding(verdict, Code::P010, message, phone_column);
        verdict
            .findings
            .last()
            .is_some_and(|f| f.code == Code::P010)
    }

    /// Makes room for `numbers` numbers at once (see [`FirstRows::reserve`]).
    pub(crate) fn reserve(&mut self, numbers: usize) {
        self.seen.reserve(numbers);
    }

    /// Reads ahead where `numbers` would be looked up, so that a batch's
    /// lookups find them in the cache (see [`FirstRows::warm_up`]).
    pub(crate) fn warm_up(&self, numbers: impl Iterator<Item = E164>) {
        self.seen.warm_up(numbers);
    }
}

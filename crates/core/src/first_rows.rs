//! The first valid row of each phone number, for duplicate detection in
//! the ordered merge: a compact open-addressing table of E.164 numbers.
//!
//! A general-purpose map of `u64` to `u64` costs 16 bytes a number plus
//! control bytes and hashes with SipHash; this table stores 12 bytes a
//! number (rows as `u32`, the rare row past `u32::MAX` kept aside) and
//! hashes with one multiplication, which is enough for keys that are
//! already well spread digits. A million numbers fit in 24 MiB.

use std::collections::HashMap;

use crate::phone::E164;

/// E.164 digits → the first row that holds them.
#[derive(Debug, Default)]
pub(crate) struct FirstRows {
    /// Numbers plus one, so that 0 marks an empty slot. (E.164 has at most
    /// 15 digits: the addition never overflows.)
    numbers: Vec<u64>,
    /// The row of the number in the same slot, or `FAR_ROW` when it is
    /// kept in `far_rows`.
    rows: Vec<u32>,
    len: usize,
    /// Rows that do not fit in a `u32`.
    far_rows: HashMap<u64, u64>,
}

const FAR_ROW: u32 = u32::MAX;
const INITIAL_SLOTS: usize = 1 << 10;
/// [`FirstRows::reserve`] sizes the table up to this (24 MiB, room for
/// 1.5 million numbers); a larger file grows it as it goes.
const MAX_RESERVED_SLOTS: usize = 1 << 21;

impl FirstRows {
    /// The first row of `number` if an earlier row holds it; otherwise
    /// records `row` as its first and returns `None`.
    pub(crate) fn first_or_insert(&mut self, number: E164, row: u64) -> Option<u64> {
        // Grow at 3/4 load: linear probing stays short.
        if (self.len + 1) * 4 > self.numbers.len() * 3 {
            self.grow();
        }
        let key = number.digits().wrapping_add(1);
        let slot = self.find_slot(key);
        if self.numbers[slot] == key {
            let first = self.rows[slot];
            return Some(if first == FAR_ROW {
                self.far_rows.get(&key).copied().unwrap_or(u64::MAX)
            } else {
                u64::from(first)
            });
        }
        self.numbers[slot] = key;
        self.rows[slot] = match u32::try_from(row) {
            Ok(near) if near != FAR_ROW => near,
            _ => {
                self.far_rows.insert(key, row);
                FAR_ROW
            }
        };
        self.len += 1;
        None
    }

    /// Reads the slot where each of `numbers` would go, so that the
    /// lookups that follow find them in the cache: the loads are
    /// independent, so the processor overlaps their latencies, which one
    /// lookup at a time between other work cannot.
    pub(crate) fn warm_up(&self, numbers: impl Iterator<Item = E164>) {
        if self.numbers.is_empty() {
            return;
        }
        let touched = numbers.fold(0u64, |touched, number| {
            let slot = self.home_slot(number.digits().wrapping_add(1));
            touched ^ self.numbers[slot] ^ u64::from(self.rows[slot])
        });
        std::hint::black_box(touched);
    }

    /// Numbers recorded.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Where `key`'s probe starts. Fibonacci hashing: the high bits of one
    /// multiplication.
    fn home_slot(&self, key: u64) -> usize {
        let shift = 64 - self.numbers.len().trailing_zeros();
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
    }

    /// The slot holding `key`, or the empty slot where it belongs.
    fn find_slot(&self, key: u64) -> usize {
        let mask = self.numbers.len() - 1;
        let mut slot = self.home_slot(key);
        loop {
            let found = self.numbers[slot];
            if found == key || found == 0 {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Makes room for `numbers` numbers in all, up to
    /// `MAX_RESERVED_SLOTS`: growing rehashes every number and writes
    /// fresh memory, so a table sized once costs half as much.
    pub(crate) fn reserve(&mut self, numbers: usize) {
        let slots = numbers
            .saturating_mul(4)
            .div_ceil(3)
            .checked_next_power_of_two()
            .unwrap_or(MAX_RESERVED_SLOTS)
            .clamp(INITIAL_SLOTS, MAX_RESERVED_SLOTS);
        if slots > self.numbers.len() {
            self.grow_to(slots);
        }
    }

    fn grow(&mut self) {
        self.grow_to((self.numbers.len() * 2).max(INITIAL_SLOTS));
    }

    fn grow_to(&mut self, slots: usize) {
        let numbers = std::mem::replace(&mut self.numbers, written_zeros(slots));
        let rows = std::mem::replace(&mut self.rows, written_zeros(slots));
        for (key, row) in numbers.into_iter().zip(rows).filter(|(key, _)| *key != 0) {
            let slot = self.find_slot(key);
            self.numbers[slot] = key;
            self.rows[slot] = row;
        }
    }
}

/// `len` zeros, written rather than allocated zeroed: a zeroed allocation
/// maps the shared zero page, so the first write to each page faults again
/// and flushes every thread's TLB; lookups read before they write.
fn written_zeros<T: Copy + Default>(len: usize) -> Vec<T> {
    let mut zeros = Vec::with_capacity(len);
    zeros.resize(len, T::default());
    zeros
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_row_wins_and_is_returned_for_every_later_one() {
        let mut first_rows = FirstRows::default();
        let number = |text| E164::from_text(text).unwrap();
        assert_eq!(first_rows.first_or_insert(number("+919876543210"), 3), None);
        assert_eq!(first_rows.first_or_insert(number("+447400123456"), 4), None);
        assert_eq!(
            first_rows.first_or_insert(number("+919876543210"), 9),
            Some(3)
        );
        assert_eq!(
            first_rows.first_or_insert(number("+919876543210"), 12),
            Some(3)
        );
        assert_eq!(
            first_rows.first_or_insert(number("+447400123456"), 13),
            Some(4)
        );
        assert_eq!(first_rows.len(), 2);
    }

    #[test]
    fn a_reserved_table_holds_its_numbers_without_growing_and_is_capped() {
        let mut first_rows = FirstRows::default();
        first_rows.reserve(100_000);
        let slots = first_rows.numbers.len();
        assert_eq!(slots, 1 << 18, "100,000 numbers at 3/4 load");
        for digits in 0..100_000u64 {
            let number = E164::from_text(&format!("+91{}", 9_000_000_000 + digits * 7)).unwrap();
            assert_eq!(first_rows.first_or_insert(number, digits + 1), None);
        }
        assert_eq!(first_rows.numbers.len(), slots, "no growth");
        let repeat = E164::from_text("+919000000007").unwrap();
        assert_eq!(first_rows.first_or_insert(repeat, 200_000), Some(2));
        // A smaller reservation never shrinks it; a huge one is capped;
        // none is smaller than a new table.
        let mut small = FirstRows::default();
        small.reserve(0);
        assert_eq!(small.numbers.len(), INITIAL_SLOTS);
        assert_eq!(small.first_or_insert(repeat, 1), None);
        first_rows.reserve(10);
        assert_eq!(first_rows.numbers.len(), slots);
        first_rows.reserve(usize::MAX);
        assert_eq!(first_rows.numbers.len(), MAX_RESERVED_SLOTS);
        assert_eq!(first_rows.first_or_insert(repeat, 300_000), Some(2));
        assert_eq!(first_rows.len(), 100_000);
    }

    #[test]
    fn agrees_with_a_map_through_growth_and_far_rows() {
        let mut first_rows = FirstRows::default();
        let mut expected: HashMap<u64, u64> = HashMap::new();
        let mut state = 0x1234_5678_u64;
        for row in 1..60_000u64 {
            // Few distinct numbers among many rows: many repeats; some rows
            // beyond u32::MAX.
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let digits = 910_000_000_000 + (state >> 33) % 20_000;
            let number = E164::from_text(&format!("+{digits}")).unwrap();
            let row = if row % 7 == 0 {
                row + u64::from(u32::MAX)
            } else {
                row
            };
            let wanted = expected.get(&digits).copied();
            if wanted.is_none() {
                expected.insert(digits, row);
            }
            assert_eq!(first_rows.first_or_insert(number, row), wanted, "row {row}");
        }
        assert_eq!(first_rows.len(), expected.len());
        // The extremes of E.164 are numbers like any other.
        for text in ["+0", "+999999999999999"] {
            let extreme = E164::from_text(text).unwrap();
            assert_eq!(first_rows.first_or_insert(extreme, 1), None, "{text}");
            assert_eq!(first_rows.first_or_insert(extreme, 2), Some(1), "{text}");
        }
    }
}

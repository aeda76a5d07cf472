//! The first valid row of each phone number, for duplicate detection in
//! the ordered merge: a compact open-addressing table of E.164 numbers.
//!
//! A general-purpose map of `u64` to `u64` costs 16 bytes a number plus
//! control bytes and hashes with SipHash. This table keeps five numbers
//! and their rows (as `u32`; the rare row past `u32::MAX` is kept aside)
//! in each 64-byte bucket, one cache line, and hashes with one
//! multiplication, which is enough for keys that are already well spread
//! digits. A lookup or an insertion almost always touches one line, even
//! with the table 7/8 full, so a table sized for the rows expected stays
//! small: 100,000 numbers take 1.5 MiB, a million 15 MiB.

use std::collections::HashMap;

use crate::phone::E164;

/// E.164 digits → the first row that holds them.
#[derive(Debug, Default)]
pub(crate) struct FirstRows {
    buckets: Vec<Bucket>,
    len: usize,
    /// Rows that do not fit in a `u32`.
    far_rows: HashMap<u64, u64>,
}

/// Numbers per bucket: five `u64` keys and five `u32` rows fill a line.
const LANES: usize = 5;

/// Five numbers and their first rows, one cache line. A bucket fills from
/// its first lane, and nothing is ever removed, so the first empty lane
/// ends a search.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket {
    /// Numbers plus one, so that 0 marks an empty lane. (A stored number
    /// has at most `E164::MAX_DIGITS`, 19 digits: the addition never
    /// overflows.)
    keys: [u64; LANES],
    /// The row of the number in the same lane, or `FAR_ROW` when it is
    /// kept in `far_rows`.
    rows: [u32; LANES],
}

const FAR_ROW: u32 = u32::MAX;
const INITIAL_BUCKETS: usize = 1 << 8;
/// [`FirstRows::reserve`] sizes the table up to this (24 MiB, room for
/// 1.7 million numbers); a larger file grows it as it goes.
const MAX_RESERVED_BUCKETS: usize = 3 << 17;

/// Where a key is, or where it goes.
enum Lane {
    Found(usize, usize),
    Empty(usize, usize),
}

impl FirstRows {
    /// The first row of `number` if an earlier row holds it; otherwise
    /// records `row` as its first and returns `None`.
    pub(crate) fn first_or_insert(&mut self, number: E164, row: u64) -> Option<u64> {
        if self.is_full() {
            self.grow_to((self.buckets.len() * 2).max(INITIAL_BUCKETS));
        }
        let key = number.digits().wrapping_add(1);
        let (bucket, lane) = match self.find(key) {
            Lane::Found(bucket, lane) => {
                let first = self.buckets[bucket].rows[lane];
                return Some(if first == FAR_ROW {
                    self.far_rows.get(&key).copied().unwrap_or(u64::MAX)
                } else {
                    u64::from(first)
                });
            }
            Lane::Empty(bucket, lane) => (bucket, lane),
        };
        let slot = &mut self.buckets[bucket];
        slot.keys[lane] = key;
        slot.rows[lane] = match u32::try_from(row) {
            Ok(near) if near != FAR_ROW => near,
            _ => {
                self.far_rows.insert(key, row);
                FAR_ROW
            }
        };
        self.len += 1;
        None
    }

    /// Reads the bucket where each of `numbers` would go, so that the
    /// lookups that follow find them in the cache: the loads are
    /// independent, so the processor overlaps their latencies, which one
    /// lookup at a time between other work cannot.
    pub(crate) fn warm_up(&self, numbers: impl Iterator<Item = E164>) {
        if self.buckets.is_empty() {
            return;
        }
        let touched = numbers.fold(0u64, |touched, number| {
            let bucket = &self.buckets[self.home(number.digits().wrapping_add(1))];
            touched ^ bucket.keys[0]
        });
        std::hint::black_box(touched);
    }

    /// Numbers recorded.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Room for another number: at most 7/8 of the lanes are used.
    fn is_full(&self) -> bool {
        (self.len + 1) * 8 > self.buckets.len() * LANES * 7
    }

    /// The bucket where `key`'s search starts: the high bits of one
    /// multiplication (Fibonacci hashing), mapped onto the buckets by a
    /// multiply-shift, so their count need not be a power of two.
    fn home(&self, key: u64) -> usize {
        let hash = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        ((u128::from(hash) * self.buckets.len() as u128) >> 64) as usize
    }

    /// The lane holding `key`, or the empty lane where it belongs.
    fn find(&self, key: u64) -> Lane {
        let mut bucket = self.home(key);
        loop {
            let keys = &self.buckets[bucket].keys;
            for (lane, &found) in keys.iter().enumerate() {
                if found == key {
                    return Lane::Found(bucket, lane);
                }
                if found == 0 {
                    return Lane::Empty(bucket, lane);
                }
            }
            bucket += 1;
            if bucket == self.buckets.len() {
                bucket = 0;
            }
        }
    }

    /// Makes room for `numbers` numbers in all, up to
    /// `MAX_RESERVED_BUCKETS`: growing rehashes every number and writes
    /// fresh memory, so a table sized once costs half as much.
    pub(crate) fn reserve(&mut self, numbers: usize) {
        let buckets = numbers
            .saturating_mul(8)
            .div_ceil(7 * LANES)
            .clamp(INITIAL_BUCKETS, MAX_RESERVED_BUCKETS);
        if buckets > self.buckets.len() {
            self.grow_to(buckets);
        }
    }

    fn grow_to(&mut self, buckets: usize) {
        let old = std::mem::replace(&mut self.buckets, written_zeros(buckets));
        for bucket in old {
            let lanes = bucket.keys.into_iter().zip(bucket.rows);
            for (key, row) in lanes.filter(|(key, _)| *key != 0) {
                if let Lane::Empty(bucket, lane) = self.find(key) {
                    self.buckets[bucket].keys[lane] = key;
                    self.buckets[bucket].rows[lane] = row;
                }
            }
        }
    }
}

/// `len` empty buckets, written rather than allocated zeroed: a zeroed
/// allocation maps the shared zero page, so the first write to each page
/// faults again and flushes every thread's TLB; lookups read before they
/// write.
fn written_zeros(len: usize) -> Vec<Bucket> {
    let mut zeros = Vec::with_capacity(len);
    populate(&mut zeros);
    zeros.resize(len, Bucket::default());
    zeros
}

/// Tables from this size on have their pages backed in one call.
#[cfg(target_os = "linux")]
const POPULATED_BYTES: usize = 256 << 10;

/// Has the kernel back the spare capacity of `buckets` at once, as
/// writing each page would, but in one call instead of a page fault per
/// page: 360 of them for 100,000 numbers, 0.4 ms of a 26 ms split on a
/// machine whose faults are dear. A kernel without `MADV_POPULATE_WRITE`
/// (before Linux 5.14) refuses, and the pages fault in as they are
/// written.
#[cfg(target_os = "linux")]
fn populate(buckets: &mut Vec<Bucket>) {
    let spare = buckets.spare_capacity_mut();
    let bytes = std::mem::size_of_val(spare);
    if bytes < POPULATED_BYTES {
        return;
    }
    let start = spare.as_mut_ptr() as usize;
    // `madvise` takes whole pages: from the one the buffer starts in.
    let page_start = start & !(rustix::param::page_size() - 1);
    // SAFETY: the range is mapped and writable (it covers this vector's
    // buffer, and the start of the page that buffer begins in), and
    // `MADV_POPULATE_WRITE` only backs pages that are not yet backed: it
    // reads and writes no memory, so nothing in the range changes.
    let _ = unsafe {
        rustix::mm::madvise(
            page_start as *mut std::ffi::c_void,
            start + bytes - page_start,
            rustix::mm::Advice::LinuxPopulateWrite,
        )
    };
}

#[cfg(not(target_os = "linux"))]
fn populate(_: &mut Vec<Bucket>) {}

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
        let slots = first_rows.buckets.len();
        assert_eq!(slots, 22_858, "100,000 numbers at 7/8 load, 5 a bucket");
        assert_eq!(
            std::mem::size_of::<Bucket>(),
            64,
            "a bucket is a cache line"
        );
        for digits in 0..100_000u64 {
            let number = E164::from_text(&format!("+91{}", 9_000_000_000 + digits * 7)).unwrap();
            assert_eq!(first_rows.first_or_insert(number, digits + 1), None);
        }
        assert_eq!(first_rows.buckets.len(), slots, "no growth");
        let repeat = E164::from_text("+919000000007").unwrap();
        assert_eq!(first_rows.first_or_insert(repeat, 200_000), Some(2));
        // A smaller reservation never shrinks it; a huge one is capped;
        // none is smaller than a new table.
        let mut small = FirstRows::default();
        small.reserve(0);
        assert_eq!(small.buckets.len(), INITIAL_BUCKETS);
        assert_eq!(small.first_or_insert(repeat, 1), None);
        first_rows.reserve(10);
        assert_eq!(first_rows.buckets.len(), slots);
        first_rows.reserve(usize::MAX);
        assert_eq!(first_rows.buckets.len(), MAX_RESERVED_BUCKETS);
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
        for text in ["+0", "+999999999999999", "+9999999999999999999"] {
            let extreme = E164::from_text(text).unwrap();
            assert_eq!(first_rows.first_or_insert(extreme, 1), None, "{text}");
            assert_eq!(first_rows.first_or_insert(extreme, 2), Some(1), "{text}");
        }
    }
}

//! A region's number-type patterns compiled into one DFA over the ten
//! digits, as a table: `build.rs` compiles every region this way and writes
//! the tables into the binary, so a run never compiles a pattern; the
//! crate's tests compile them again and compare.
//!
//! This file is shared (`#[path]`) by the build script and the crate's
//! tests, so it depends on `regex-automata` alone.

use regex_automata::hybrid::dfa::DFA;
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};

/// States one region's table may have. Phone patterns over digits make a
/// few hundred at most (507 for the largest region); a region that needed
/// more would get no table and go to the full parse.
pub const MAX_STATES: usize = 1 << 12;

/// A DFA over ASCII digits, its states numbered from 0 (the start) in the
/// order a breadth-first walk finds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitDfa {
    /// `next[state * 10 + digit]`: the state after `digit`.
    pub next: Vec<u16>,
    /// Per state: bit `i` set when pattern `i` matches if the input ends
    /// there.
    pub matches_at_end: Vec<u16>,
}

/// Compiles `patterns` (at most 16, each anchored at both ends as
/// [`anchored_full`] gives them) into one table. `None` when a pattern
/// does not compile or the table would pass [`MAX_STATES`].
///
/// `regex-automata`'s lazy DFA determinises the patterns together (every
/// pattern that matches is reported, not only the first); its states are
/// then tabulated over the ten digits, the only bytes the fast path walks.
pub fn compile(patterns: &[&str]) -> Option<DigitDfa> {
    if patterns.len() > 16 {
        return None;
    }
    let dfa = DFA::builder()
        .configure(DFA::config().match_kind(MatchKind::All))
        .syntax(syntax::Config::new().unicode(false))
        .thompson(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
        .build_many(patterns)
        .ok()?;
    let mut cache = dfa.create_cache();
    let start = dfa
        .start_state_forward(&mut cache, &Input::new("").anchored(Anchored::Yes))
        .ok()?;
    let mut states = vec![start];
    let mut numbers = std::collections::HashMap::from([(start, 0u16)]);
    let mut table = DigitDfa {
        next: Vec::new(),
        matches_at_end: Vec::new(),
    };
    let mut index = 0;
    while let Some(&state) = states.get(index) {
        index += 1;
        for digit in b'0'..=b'9' {
            let to = dfa.next_state(&mut cache, state, digit).ok()?;
            if to.is_quit() {
                return None;
            }
            let number = match numbers.get(&to) {
                Some(&number) => number,
                None if states.len() < MAX_STATES => {
                    let number = u16::try_from(states.len()).ok()?;
                    numbers.insert(to, number);
                    states.push(to);
                    number
                }
                None => return None,
            };
            table.next.push(number);
        }
        // Matches show one step late: at the end of input.
        let end = dfa.next_eoi_state(&mut cache, state).ok()?;
        let matched = if end.is_match() {
            (0..dfa.match_len(&cache, end)).fold(0u16, |bits, index| {
                bits | 1 << dfa.match_pattern(&cache, end, index).as_usize()
            })
        } else {
            0
        };
        table.matches_at_end.push(matched);
    }
    Some(table)
}

/// A metadata pattern (libphonenumber wraps them as `^(?:…)$`) anchored at
/// both ends, as libphonenumber matches number patterns; a pattern too
/// short to be wrapped matches only the empty number, as there.
pub fn anchored_full(base: &str) -> &str {
    if base.len() >= 6 { base } else { "" }
}

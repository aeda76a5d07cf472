//! ## What it does
//! A date is real but written in another format than the column's: `2026-10-20` where `DD/MM/YYYY` is expected. The column's format is the one declared in `preflight.date_columns`, else `DD/MM/YYYY`; known formats are `DD/MM/YYYY`, `D/M/YYYY`, `MM/DD/YYYY`, `M/D/YYYY`, `YYYY-MM-DD`, `DD-MM-YYYY` and `DD.MM.YYYY`.
//!
//! A cell that reads as a date in the column's format is always taken in that format: `03/04/2026` in a `DD/MM/YYYY` column is 3 April, and is not flagged although it would be 4 March month first.
//!
//! With `split --fix` the cell is rewritten into the column's format in `valid.csv` and the finding becomes a warning ("repaired"). A cell that is day-first or month-first with two different readings (`03/04/2026` in a `YYYY-MM-DD` column) is never guessed: it stays an error.
//!
//! ## Why is this bad?
//! Mixed formats make `03/04/2026` mean two days; the agent may read out the wrong one, or the raw ISO text.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name,Renewal
//! +919876543211,Ravi,2026-10-20
//! ```
//! gives `` `2026-10-20` is YYYY-MM-DD; the column expects DD/MM/YYYY ``; under `--fix`, `` `2026-10-20` is YYYY-MM-DD; repaired to `20/10/2026` (DD/MM/YYYY) `` (a warning) and `valid.csv` holds `20/10/2026`.
//!
//! ## How to fix
//! Rewrite the date in the column's format, or run `split --fix` to rewrite it in `valid.csv`. If the whole column is in another format on purpose, declare it in `preflight.date_columns`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Rewrite the date in the column's format, or run `split --fix` to rewrite it in `valid.csv`. If the whole column is in another format on purpose, declare it in `preflight.date_columns`.";

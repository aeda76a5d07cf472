//! The header row: finds the phone column and the mapped columns, and
//! reports the header rules (H001–H006, F003).

use crate::campaign::Campaign;
use crate::findings::finding::Finding;
use crate::rows::dates::{self, DateColumn};
use crate::rules::Code;

/// The phone column's name when `variables_map` names none.
pub const DEFAULT_PHONE_COLUMN: &str = "Mobile Number";

/// What the header row says about where things are.
#[derive(Debug, Clone)]
pub struct Header {
    /// The column names, BOM removed.
    pub names: Vec<String>,
    /// The phone column's index, when found.
    pub phone: Option<usize>,
    /// Mapped columns other than the phone column, with their variable.
    pub mapped: Vec<MappedColumn>,
    /// Date columns known from the header and the campaign (declared or
    /// named); columns detected by content are added by
    /// [`crate::RecordValidator::detect_date_columns`].
    pub dates: Vec<DateColumn>,
    /// Header-level findings (each at line 1).
    pub findings: Vec<Finding>,
    /// The columns `valid.csv` carries, in order, when not every one
    /// (`preflight.send_columns: "mapped"`); see [`Header::send_only_mapped`].
    pub sent: Option<Vec<usize>>,
    /// Columns at the end of the header with no name (F012): not sent, and
    /// a row with a value in one is invalid (H003).
    pub unnamed_tail: usize,
}

/// A column that `variables_map` maps to an assistant variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedColumn {
    /// The column's index.
    pub index: usize,
    /// The variable it feeds.
    pub variable: String,
    /// Its cells may be empty (`preflight.optional_variables`).
    pub optional: bool,
}

impl Header {
    /// Reads the header's names (already UTF-8, BOM stripped) against the
    /// campaign, if any.
    pub fn analyse(names: Vec<String>, campaign: Option<&Campaign>) -> Header {
        let mut findings = Vec::new();
        let phone_name = campaign
            .and_then(|c| c.variables_map.column("mobile_number"))
            .unwrap_or(DEFAULT_PHONE_COLUMN);

        if names.len() == 1 && names[0].contains([';', '\t']) {
            let delimiter = if names[0].contains(';') {
                "`;`"
            } else {
                "a tab"
            };
            findings.push(Finding::new(
                Code::F003,
                format!("the header is one column that contains {delimiter}: the file is not comma-separated"),
            ));
        }

        // One finding per distinct problem, in one pass: a header of a
        // million copies of one name is one H002, not a million.
        // Each name's first column, and its entry in `repeated` once seen
        // again.
        let mut seen: std::collections::HashMap<&str, (usize, Option<usize>)> =
            std::collections::HashMap::with_capacity(names.len());
        let mut repeated: Vec<Positions> = Vec::new();
        let mut empty = Positions::default();
        // A spreadsheet exports the columns a sheet once used as empty
        // names at the end (`a,b,,`): those are dropped from the outputs
        // (F012), not H003; a value under one makes its row invalid.
        let unnamed_tail = match names
            .iter()
            .rev()
            .take_while(|n| n.trim().is_empty())
            .count()
        {
            all if all == names.len() => 0,
            tail => tail,
        };
        let named = names.len() - unnamed_tail;
        for (index, name) in names.iter().enumerate() {
            if name.trim().is_empty() {
                if index < named {
                    empty.add(index);
                }
                continue;
            }
            let (first, slot) = seen.entry(name.as_str()).or_insert((index, None));
            if *first == index {
                continue;
            }
            let slot = *slot.get_or_insert_with(|| {
                let mut positions = Positions::default();
                positions.add(*first);
                repeated.push(positions);
                repeated.len() - 1
            });
            repeated[slot].add(index);
        }
        if unnamed_tail > 0 {
            let columns = match unnamed_tail {
                1 => format!("the last column ({}) has no name", named + 1),
                n => format!(
                    "the last {n} columns ({}–{}) have no name",
                    named + 1,
                    names.len()
                ),
            };
            findings.push(Finding::new(
                Code::F012,
                format!("{columns}: left out of valid.csv, as no row may hold a value in them"),
            ));
        }
        let column_findings = findings.len();
        if empty.count == 1 {
            let index = empty.first[0];
            findings.push(column_finding(
                Code::H003,
                format!("column {} has an empty name", index + 1),
                index,
                &names[index],
            ));
        } else if empty.count > 1 {
            let index = empty.first[0];
            findings.push(column_finding(
                Code::H003,
                format!(
                    "{} columns have an empty name ({})",
                    empty.count,
                    empty.describe()
                ),
                index,
                &names[index],
            ));
        }
        for positions in &repeated {
            // The finding points at the first copy after the original.
            let index = positions.first[1];
            let name = &names[index];
            let times = match positions.count {
                2 => "twice".to_owned(),
                n => format!("{n} times"),
            };
            findings.push(column_finding(
                Code::H002,
                format!("column `{name}` appears {times} ({})", positions.describe()),
                index,
                name,
            ));
        }
        // In column order, as a reader meets them.
        findings[column_findings..].sort_by_key(|f| f.location.column);

        let phone = find_column(&names, phone_name, &mut findings);
        if phone.is_none() && !findings.iter().any(|f| f.code == Code::F003) {
            let suggestion = match phone_like(&names) {
                Some(name) => format!("; did you mean `{}`?", name.escape_debug()),
                None => did_you_mean(phone_name, &names),
            };
            findings.push(Finding::new(
                Code::H001,
                format!("no column is named `{phone_name}`{suggestion}"),
            ));
        }

        let mut mapped = Vec::new();
        if let Some(campaign) = campaign {
            for required in ["mobile_number", "callee_name"] {
                if campaign.variables_map.column(required).is_none() {
                    findings.push(
                        Finding::new(
                            Code::H006,
                            format!(
                                "`variables_map` does not map `{required}`, which Ringg requires"
                            ),
                        )
                        .at_field("variables_map"),
                    );
                }
            }
            for (variable, column) in campaign.variables_map.iter() {
                if variable == "mobile_number" {
                    continue;
                }
                match find_column(&names, column, &mut findings) {
                    Some(index) => mapped.push(MappedColumn {
                        index,
                        variable: variable.to_owned(),
                        optional: campaign.preflight.optional_variables.iter().any(|v| v == variable),
                    }),
                    None => findings.push(Finding::new(
                        Code::H004,
                        format!(
                            "`variables_map` maps `{variable}` to column `{column}`, which the header lacks{}",
                            did_you_mean(column, &names)
                        ),
                    )),
                }
            }
            if let Some(consent) = &campaign.preflight.consent
                && !names.contains(&consent.column)
            {
                findings.push(
                    Finding::new(
                        Code::H004,
                        format!(
                            "`preflight.consent` names column `{}`, which the header lacks{}",
                            consent.column,
                            did_you_mean(&consent.column, &names)
                        ),
                    )
                    .at_field("preflight.consent.column"),
                );
            }
            // An optional variable may be empty on every call, so it may
            // also be unmapped: H005's advice says so.
            let optional = &campaign.preflight.optional_variables;
            for variable in &campaign.preflight.assistant_variables {
                if campaign.variables_map.column(variable).is_none()
                    && !optional.iter().any(|v| v == variable)
                {
                    findings.push(
                        Finding::new(
                            Code::H005,
                            format!("the assistant uses `{{{{{variable}}}}}` but `variables_map` does not map it"),
                        )
                        .at_field("variables_map"),
                    );
                }
            }
        }
        let mapped_variables: Vec<(usize, &str)> = mapped
            .iter()
            .map(|column| (column.index, column.variable.as_str()))
            .collect();
        let (dates, date_findings) =
            dates::known_columns(&names, &mapped_variables, phone, campaign);
        findings.extend(date_findings);
        for finding in &mut findings {
            finding.location.line = Some(1);
        }
        Header {
            names,
            phone,
            mapped,
            dates,
            findings,
            sent: (unnamed_tail > 0).then(|| (0..named).collect()),
            unnamed_tail,
        }
    }

    /// The phone column's and the mapped columns' indices, in file order.
    pub fn mapped_indices(&self) -> Vec<usize> {
        let mut indices: Vec<usize> = self
            .phone
            .into_iter()
            .chain(self.mapped.iter().map(|column| column.index))
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices
    }

    /// Names of the columns that are neither the phone column nor mapped
    /// to a variable: what the assistant does not use.
    pub fn unmapped_names(&self) -> Vec<String> {
        let mapped = self.mapped_indices();
        self.names
            .iter()
            .enumerate()
            .filter(|(index, _)| !mapped.contains(index))
            .map(|(_, name)| name.clone())
            .collect()
    }

    /// Makes `valid.csv` carry only the phone column and the mapped ones.
    pub fn send_only_mapped(&mut self) {
        self.sent = Some(self.mapped_indices());
    }
}

/// The CSV header row a campaign implies: the phone column first, then
/// each mapped column in `variables_map` order, each once; ends in a line
/// break.
pub fn template_header(campaign: &Campaign) -> String {
    let phone = campaign
        .variables_map
        .column("mobile_number")
        .unwrap_or(DEFAULT_PHONE_COLUMN);
    let mut columns: Vec<&str> = vec![phone];
    for (_, column) in campaign.variables_map.iter() {
        if !columns.contains(&column) {
            columns.push(column);
        }
    }
    for column in campaign.preflight.date_columns.keys() {
        if !columns.contains(&column.as_str()) {
            columns.push(column);
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(&columns);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The columns where one header problem occurs: how many, and the first
/// few positions (0-based), so a message stays short however many there are.
#[derive(Debug, Default)]
struct Positions {
    count: usize,
    first: Vec<usize>,
}

impl Positions {
    /// Positions a message lists at most.
    const SHOWN: usize = 5;

    fn add(&mut self, index: usize) {
        self.count += 1;
        if self.first.len() < Self::SHOWN {
            self.first.push(index);
        }
    }

    /// `columns 1 and 3`, `columns 1, 2, 3, 4 and 5`, or `columns 1, 2, 3,
    /// 4, 5, …` when there are more (1-based, as a spreadsheet counts).
    fn describe(&self) -> String {
        let shown: Vec<String> = self.first.iter().map(|i| (i + 1).to_string()).collect();
        match shown.split_last() {
            Some((last, rest)) if self.count == shown.len() && !rest.is_empty() => {
                format!("columns {} and {last}", rest.join(", "))
            }
            Some((last, [])) if self.count == 1 => format!("column {last}"),
            _ => format!("columns {}, …", shown.join(", ")),
        }
    }
}

fn column_finding(code: Code, message: String, index: usize, name: &str) -> Finding {
    let mut finding = Finding::new(code, message);
    finding.location.column = Some(index + 1);
    finding.location.column_name = Some(name.into());
    finding
}

/// The column named `wanted`: exactly, else (with an H007 warning naming
/// both) the one that differs only in case or in spaces around it (NBSP
/// included), as spreadsheets and CRM exports write headers.
fn find_column(names: &[String], wanted: &str, findings: &mut Vec<Finding>) -> Option<usize> {
    if let Some(index) = names.iter().position(|n| n == wanted) {
        return Some(index);
    }
    let loose = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
            .to_lowercase()
    };
    let target = loose(wanted);
    let index = names.iter().position(|n| loose(n) == target)?;
    findings.push(column_finding(
        Code::H007,
        format!(
            "column `{}` is read as `{wanted}`, which the campaign names",
            names[index].escape_debug()
        ),
        index,
        &names[index],
    ));
    Some(index)
}

/// Names a phone column goes by in exports, squashed (lower case, no
/// spaces, `_`, `-` or `.`).
const PHONE_COLUMN_NAMES: [&str; 16] = [
    "phone",
    "phonenumber",
    "phoneno",
    "mobile",
    "mobilenumber",
    "mobileno",
    "contactnumber",
    "contactno",
    "cell",
    "cellphone",
    "cellnumber",
    "tel",
    "telephone",
    "whatsappnumber",
    "whatsapp",
    "msisdn",
];

/// The first column whose name is one a phone column goes by.
fn phone_like(names: &[String]) -> Option<&String> {
    names
        .iter()
        .find(|name| PHONE_COLUMN_NAMES.contains(&squash(name).as_str()))
}

/// `name` lower-cased without spaces, `_`, `-`, `.` or a BOM.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '\u{feff}') && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `; did you mean `x`?` for the closest header name, when one is close:
/// equal once case, spaces, underscores, dashes and BOMs are ignored, or
/// within a small edit distance.
fn did_you_mean(wanted: &str, names: &[String]) -> String {
    let target = squash(wanted);
    let best = names
        .iter()
        .map(|name| {
            let squashed = squash(name);
            let score = if squashed == target {
                1.0
            } else {
                strsim::jaro_winkler(&squashed, &target)
            };
            (score, name)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, name)) if score >= 0.85 => {
            format!("; did you mean `{}`?", name.escape_debug())
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn near_names_of_the_phone_column_get_a_suggestion() {
        for near in [
            "Mobile_Number",
            "MobileNumber",
            "Mobile  Number",
            "Mobile Numbr",
            "\u{feff}Mobile Number",
        ] {
            let header = Header::analyse(names(&[near, "Name"]), None);
            assert_eq!(header.phone, None);
            let finding = &header.findings[0];
            assert_eq!(finding.code, Code::H001);
            assert!(
                finding.message.contains("did you mean"),
                "{near}: {}",
                finding.message
            );
        }
        // What exports call a phone column is offered, in any spelling.
        for other in [
            "Phone",
            "Phone Number",
            "MOBILE",
            "Mobile No",
            "contact_number",
            "Cell",
            "Tel",
            "WhatsApp Number",
            "tele-phone",
        ] {
            let header = Header::analyse(names(&["Name", other]), None);
            assert_eq!(
                header.findings[0].message,
                format!("no column is named `Mobile Number`; did you mean `{other}`?")
            );
        }
        let header = Header::analyse(names(&["Fax", "Name"]), None);
        assert!(!header.findings[0].message.contains("did you mean"));
    }

    #[test]
    fn case_and_spaces_around_are_read_with_a_warning() {
        for spelling in ["mobile number", " Mobile Number\u{a0}", "MOBILE NUMBER"] {
            let header = Header::analyse(names(&[spelling, "Name"]), None);
            assert_eq!(header.phone, Some(0), "{spelling:?}");
            assert_eq!(header.findings.len(), 1);
            assert_eq!(header.findings[0].code, Code::H007);
            assert_eq!(header.findings[0].location.column, Some(1));
        }
    }

    #[test]
    fn duplicate_and_empty_names() {
        let header = Header::analyse(names(&["Mobile Number", "Name", "", "Name", ""]), None);
        let codes: Vec<_> = header.findings.iter().map(|f| f.code).collect();
        // The last column, unnamed, is F012; the one in the middle H003.
        assert_eq!(codes, [Code::F012, Code::H003, Code::H002]);
        assert_eq!((header.phone, header.unnamed_tail), (Some(0), 1));
        assert_eq!(header.sent, Some(vec![0, 1, 2, 3]));
    }

    #[test]
    fn semicolon_header_is_a_wrong_delimiter_not_a_missing_column() {
        let header = Header::analyse(names(&["Mobile Number;Name"]), None);
        let codes: Vec<_> = header.findings.iter().map(|f| f.code).collect();
        assert_eq!(codes, [Code::F003]);
    }
}

//! Assistant variables from the assistant's prompt text (`--prompt FILE`):
//! every `{{name}}` and `@{{name}}` placeholder.

/// The variables a prompt uses, each once, in order of first use.
///
/// A placeholder is `{{name}}` or `@{{name}}`; spaces inside the braces
/// are tolerated (`{{ callee_name }}`). Braces that hold nothing, a line
/// break or another brace are not a placeholder.
///
/// ```
/// let prompt = "Hello @{{callee_name}}, your policy {{ policy_id }} is due on {{due_date}}. \
///               Bye {{callee_name}}!";
/// assert_eq!(
///     ringg_preflight::prompt::assistant_variables(prompt),
///     ["callee_name", "policy_id", "due_date"]
/// );
/// ```
pub fn assistant_variables(prompt: &str) -> Vec<String> {
    // One pass over the bytes, so a prompt of a million braces costs no
    // more than its length: `start` is where the innermost open `{{`'s
    // text begins, and a `}}` closes it.
    let bytes = prompt.as_bytes();
    let mut variables: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => start = Some(i + 2),
            // The second brace of the pair that set `start`.
            b'{' if start == Some(i + 1) => {}
            // A lone brace inside: what follows is not a placeholder.
            b'{' => start = None,
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                if let Some(open) = start.take() {
                    let name = prompt[open..i].trim();
                    if !name.is_empty() && !name.contains(['\n', '\r', '}']) && seen.insert(name) {
                        variables.push(name.to_owned());
                    }
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    variables
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_placeholder_forms_with_spaces_each_once() {
        let prompt = "Hi {{callee_name}}! Policy @{{ policy_id }} is due {{due_date  }}.\n\
                      Remind {{callee_name}} of @{{policy_id}}.";
        assert_eq!(
            assistant_variables(prompt),
            ["callee_name", "policy_id", "due_date"]
        );
    }

    /// The first, quadratic reading (each `{{` searched for its `}}`
    /// afresh): the single pass must find the same variables.
    fn restarting_reading(prompt: &str) -> Vec<String> {
        let mut variables: Vec<String> = Vec::new();
        let mut rest = prompt;
        while let Some(open) = rest.find("{{") {
            let after = &rest[open + 2..];
            let Some(close) = after.find("}}") else {
                break;
            };
            let inside = &after[..close];
            if inside.contains('{') {
                rest = &rest[open + 1..];
                continue;
            }
            let name = inside.trim();
            if !name.is_empty()
                && !name.contains(['\n', '\r', '}'])
                && !variables.iter().any(|v| v == name)
            {
                variables.push(name.to_owned());
            }
            rest = &after[close + 2..];
        }
        variables
    }

    proptest::proptest! {
        #[test]
        fn one_pass_reads_as_the_restarting_search(prompt in "[{}ab @\n]{0,40}") {
            proptest::prop_assert_eq!(assistant_variables(&prompt), restarting_reading(&prompt));
        }
    }

    #[test]
    fn what_is_not_a_placeholder() {
        assert!(assistant_variables("no variables here").is_empty());
        assert!(assistant_variables("{{}} {{   }} {single} {{unclosed").is_empty());
        assert!(assistant_variables("{{two\nlines}}").is_empty());
        assert_eq!(assistant_variables("{{{tripled}}}"), ["tripled"]);
        assert_eq!(assistant_variables("{{ stray {{real}}"), ["real"]);
        assert_eq!(
            assistant_variables("JSON: {\"a\": {\"b\": 1}} {{x}}"),
            ["x"]
        );
    }
}

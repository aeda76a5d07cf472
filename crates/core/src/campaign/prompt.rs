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
    let mut variables: Vec<String> = Vec::new();
    let mut rest = prompt;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            break;
        };
        let inside = &after[..close];
        // `{{{name}}}`, or a stray `{{` before a real placeholder: look
        // again from the next brace on.
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

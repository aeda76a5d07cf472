//! The folders of `src/` are the pipeline's stages, and no two of them
//! import each other, directly or through others: the stages form a
//! graph without cycles. The crate's front (`lib.rs`, `preflight.rs`,
//! `checker.rs`) assembles the stages and may use them all; unit tests
//! (`mod tests`) are not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// Folder → the other folders its code names as `crate::folder`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut folders = BTreeMap::new();
    for entry in std::fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            folders.insert(name, path);
        }
    }
    let names: BTreeSet<String> = folders.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (name, path) in &folders {
        let mut files = Vec::new();
        rust_files(path, &mut files);
        let mut uses = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
            for (at, _) in code.match_indices("crate::") {
                let rest = &code[at + "crate::".len()..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let target = &rest[..end];
                if target != name && names.contains(target) {
                    uses.insert(target.to_owned());
                }
            }
        }
        graph.insert(name.clone(), uses);
    }
    graph
}

#[test]
fn the_stages_import_each_other_without_cycles() {
    let graph = imports();
    assert!(
        graph.contains_key("input") && graph.contains_key("rows"),
        "{graph:?}"
    );
    // Depth-first search for a back edge.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(start) = path.iter().position(|n| n == node) {
            panic!("import cycle: {} -> {node}", path[start..].join(" -> "));
        }
        path.push(node.to_owned());
        for next in &graph[node] {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(node.to_owned());
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn every_stage_says_what_enters_and_what_leaves() {
    for (name, _) in imports() {
        let module = src().join(&name).join("mod.rs");
        let text = std::fs::read_to_string(&module).unwrap_or_default();
        assert!(
            text.starts_with("//! "),
            "{} opens with a doc comment",
            module.display()
        );
    }
}

//! The shape of `src/` as its imports draw it (STYLE.md): no circle of modules, the database
//! layer a leaf over the domain, the outbox beneath every capability, the law beneath everything.
//! Read from the source text: each top-level module's `crate::…` paths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its files name through `crate::…`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).expect("under src");
            let first = relative.components().next().expect("a path");
            let module = first
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned();
            if module == "lib" || module == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            let names = graph.entry(module.clone()).or_default();
            for (at, _) in text.match_indices("crate::") {
                let rest = &text[at + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                // `crate::{a, b}` names several.
                if name.is_empty() && rest.starts_with('{') {
                    let group = &rest[1..rest.find('}').unwrap_or(1)];
                    for item in group.split(',') {
                        let item: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        if !item.is_empty() && item != module {
                            names.insert(item);
                        }
                    }
                } else if !name.is_empty() && name != module {
                    names.insert(name);
                }
            }
        }
    }
    graph
}

fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut next = vec![from.to_owned()];
    while let Some(module) = next.pop() {
        for target in graph.get(&module).into_iter().flatten() {
            if target == to {
                return true;
            }
            if seen.insert(target.clone()) {
                next.push(target.clone());
            }
        }
    }
    false
}

#[test]
fn no_module_imports_itself_through_others() {
    let graph = imports();
    let circles: Vec<&String> = graph
        .keys()
        .filter(|module| reaches(&graph, module, module))
        .collect();
    assert!(
        circles.is_empty(),
        "modules in a circle: {circles:?} in {graph:#?}"
    );
}

#[test]
fn the_kernel_imports_no_capability() {
    let graph = imports();
    let allowed = |module: &str| -> &[&str] {
        match module {
            "domain" => &["error"],
            "error" | "config" => &[],
            "db" => &["domain", "error", "config"],
            "notify" => &["db", "error", "config", "auth", "http", "domain", "clock"],
            _ => unreachable!(),
        }
    };
    for module in ["domain", "error", "config", "db", "notify"] {
        let extra: Vec<&String> = graph[module]
            .iter()
            .filter(|name| !allowed(module).contains(&name.as_str()))
            .collect();
        assert!(extra.is_empty(), "{module} imports {extra:?}");
    }
}

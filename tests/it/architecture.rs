//! The shape of `src/` as its imports draw it (STYLE.md, docs/architecture.md): capabilities side
//! by side over the kernel, no capability importing another, no circle of modules, the kernel
//! importing no capability, and at most eight floors from the law to the command line. Read from
//! the source text: each top-level module's `crate::…` paths (`leakdesk::…` in `main.rs`; `lib.rs`
//! declares every module).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The kernel: what every capability may use. A new module of `src/` must be placed in this list
/// or in [`CAPABILITIES`], or the test fails.
const KERNEL: &[&str] = &[
    "config",
    "error",
    "domain",
    "db",
    "telemetry",
    "clock",
    "http",
    "health",
    "openapi",
    "auth",
    "sheets",
    "files",
    "notify",
    "reads",
    "index",
    "records",
    "web",
];

/// The capabilities: each a room with its API, pages, commands, queries, mail, labels and import.
const CAPABILITIES: &[&str] = &[
    "accounts",
    "activities",
    "attachments",
    "audit",
    "hotline",
    "imports",
    "organizations",
    "outbox",
    "oversight",
    "registers",
    "reports",
    "search",
    "stats",
    "supervision",
    "work",
];

/// The one list of arrows allowed from a capability into another. Empty: what one capability
/// reads of another's records is a read model of `records/` (an organization, a report and its
/// incident, the related reports), what it shows on another's page goes through `web::parts`, and
/// the imports page finds each kind's importer among `sheets::importer::Importers`.
const ALLOWED_ACROSS: &[(&str, &str)] = &[];

/// Floors at most, from the law (`error`, `config`) to the command line (`main`).
const MOST_FLOORS: usize = 8;

/// Top-level module → the top-level modules its files name.
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
            let text = std::fs::read_to_string(&path).expect("a source file");
            let names = graph.entry(module.clone()).or_default();
            let prefix = if module == "main" {
                "leakdesk::"
            } else {
                "crate::"
            };
            for (at, _) in text.match_indices(prefix) {
                let rest = &text[at + prefix.len()..];
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
            if module == "lib" {
                for line in text.lines() {
                    if let Some(declared) = line.strip_prefix("pub mod ") {
                        names.insert(declared.trim_end_matches(';').to_owned());
                    }
                }
            }
        }
    }
    // `main` reaches the library's modules through the library.
    graph.entry("main".into()).or_default().insert("lib".into());
    // Only names of modules count (`crate::choices!` is a macro, `leakdesk::app` a function).
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for names in graph.values_mut() {
        names.retain(|name| modules.contains(name));
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

/// The floor of each module: 1 for one that imports none, else one above the highest it imports.
fn floors(graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeMap<String, usize> {
    fn floor(
        graph: &BTreeMap<String, BTreeSet<String>>,
        module: &str,
        known: &mut BTreeMap<String, usize>,
        path: &mut Vec<String>,
    ) -> usize {
        if let Some(floor) = known.get(module) {
            return *floor;
        }
        if path.iter().any(|m| m == module) {
            return 0; // a circle, which its own test reports
        }
        path.push(module.to_owned());
        let below = graph
            .get(module)
            .into_iter()
            .flatten()
            .map(|target| floor(graph, target, known, path))
            .max()
            .unwrap_or(0);
        path.pop();
        known.insert(module.to_owned(), below + 1);
        below + 1
    }
    let mut known = BTreeMap::new();
    for module in graph.keys() {
        floor(graph, module, &mut known, &mut Vec::new());
    }
    known
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
fn every_module_is_the_kernels_or_a_capability() {
    let graph = imports();
    let unplaced: Vec<&String> = graph
        .keys()
        .filter(|module| {
            !["lib", "main"].contains(&module.as_str())
                && !KERNEL.contains(&module.as_str())
                && !CAPABILITIES.contains(&module.as_str())
        })
        .collect();
    assert!(
        unplaced.is_empty(),
        "place {unplaced:?} in the kernel or among the capabilities (tests/it/architecture.rs)"
    );
}

#[test]
fn no_capability_imports_another() {
    let graph = imports();
    let mut across = Vec::new();
    for capability in CAPABILITIES {
        for target in graph.get(*capability).into_iter().flatten() {
            if CAPABILITIES.contains(&target.as_str())
                && !ALLOWED_ACROSS.contains(&(capability, target.as_str()))
            {
                across.push(format!("{capability} → {target}"));
            }
        }
    }
    assert!(
        across.is_empty(),
        "a capability imports another: {across:?}; read it through a read model of records/, \
         show it through web::parts, or name the arrow in ALLOWED_ACROSS"
    );
}

#[test]
fn the_kernel_imports_no_capability() {
    let graph = imports();
    for module in KERNEL {
        let up: Vec<&String> = graph
            .get(*module)
            .into_iter()
            .flatten()
            .filter(|target| !KERNEL.contains(&target.as_str()))
            .collect();
        assert!(up.is_empty(), "the kernel's {module} imports {up:?}");
    }
    // The bottom of the kernel: the law, the errors and the configuration, then the database.
    let allowed = |module: &str| -> &[&str] {
        match module {
            "domain" => &["error"],
            "error" | "config" => &[],
            "db" => &["domain", "error", "config"],
            _ => unreachable!(),
        }
    };
    for module in ["domain", "error", "config", "db"] {
        let extra: Vec<&String> = graph[module]
            .iter()
            .filter(|name| !allowed(module).contains(&name.as_str()))
            .collect();
        assert!(extra.is_empty(), "{module} imports {extra:?}");
    }
}

#[test]
fn the_house_stands_at_most_eight_floors_high() {
    let graph = imports();
    let floors = floors(&graph);
    let highest = floors.values().copied().max().unwrap_or(0);
    let mut by_floor: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    for (module, floor) in &floors {
        by_floor.entry(*floor).or_default().push(module);
    }
    assert!(
        highest <= MOST_FLOORS,
        "{highest} floors (at most {MOST_FLOORS}): {by_floor:#?}"
    );
    // The capabilities stand side by side, on one floor.
    let capability_floors: BTreeSet<usize> = CAPABILITIES
        .iter()
        .filter_map(|capability| floors.get(*capability).copied())
        .collect();
    assert_eq!(
        capability_floors.len(),
        1,
        "capabilities on several floors: {by_floor:#?}"
    );
}

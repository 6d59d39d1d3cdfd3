//! The type checker accepts the whole standard library of the pinned GOROOT (`rgo check std`):
//! every package type-checks without a single error. Skipped with a note when GOROOT is missing.

use std::collections::HashMap;
use std::time::Instant;

use frontend::ast::NodeIdGen;
use frontend::load::{self, LoadConfig};
use frontend::types::{self, ParsedPackage};

#[test]
fn std_type_checks_without_errors() {
    let Some(cfg) = LoadConfig::from_env() else {
        eprintln!("note: no GOROOT found; skipping");
        return;
    };
    let t0 = Instant::now();
    let mut ids = NodeIdGen::new();
    let loaded = match load::load_report(&cfg, &["std".to_string()], &mut ids) {
        Ok(l) => l,
        Err(e) => panic!("loading std failed:\n{}", e.render()),
    };
    let npkgs = loaded.packages.len();
    assert!(npkgs > 300, "only {npkgs} std packages loaded");
    let t_load = t0.elapsed();
    let pkgs: Vec<ParsedPackage> = loaded
        .packages
        .into_iter()
        .map(|p| ParsedPackage {
            path: p.path,
            files: p.files,
            import_map: p.import_map.into_iter().collect::<HashMap<_, _>>(),
        })
        .collect();
    let fset = loaded.fset.clone();
    let t1 = Instant::now();
    match types::check_program(loaded.fset, pkgs) {
        Ok(prog) => {
            // Spot checks that the program is complete: runtime and a vendored package are there,
            // and vendored imports were resolved through the import map.
            assert!(prog.package_by_path("runtime").is_some());
            assert!(
                prog.package_by_path("vendor/golang.org/x/net/dns/dnsmessage")
                    .is_some()
            );
            eprintln!(
                "checked {npkgs} packages: load {:.2?}, check {:.2?}",
                t_load,
                t1.elapsed()
            );
        }
        Err(errs) => {
            let text = frontend::diag::render(&fset, &errs);
            panic!("{} errors type-checking std:\n{text}", errs.len());
        }
    }
}

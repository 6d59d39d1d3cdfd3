//! Parses every `.go` file under a directory and reports throughput and failures.
//!
//! `cargo run --release -p frontend --example parse_goroot -- $GOROOT/src [-v]`
//! Files under `testdata/` directories may legitimately fail (they are often invalid on
//! purpose); failures elsewhere are listed with their first error.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use frontend::ast::NodeIdGen;
use frontend::parser::parse_text;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "go") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let verbose = args.iter().any(|a| a == "-v");
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut texts = Vec::new();
    for f in &files {
        if let Ok(b) = std::fs::read(f) {
            texts.push((f.clone(), String::from_utf8_lossy(&b).into_owned()));
        }
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    if args.iter().any(|a| a == "--lex") {
        // Lexer alone (with semicolon insertion), to see how the time splits.
        let t = Instant::now();
        let mut n = 0usize;
        for (_, text) in &texts {
            n += frontend::lexer::Lexer::new(text).count();
        }
        let el = t.elapsed().as_secs_f64();
        println!(
            "lexer only: {n} tokens in {el:.3}s, {:.1} MB/s",
            bytes as f64 / 1e6 / el
        );
    }
    let mut ids = NodeIdGen::new();
    let mut failed_testdata = 0;
    let mut failed_other = Vec::new();
    let mut elapsed = Duration::ZERO;
    for (path, text) in &texts {
        let t = Instant::now();
        let r = parse_text(text, 0, &mut ids);
        elapsed += t.elapsed();
        if let Err(diags) = r {
            let in_testdata = path.components().any(|c| c.as_os_str() == "testdata");
            if in_testdata {
                failed_testdata += 1;
            } else {
                let first = diags.first().map(|d| {
                    let line = text[..(d.pos.offset as usize).min(text.len())]
                        .matches('\n')
                        .count()
                        + 1;
                    format!("{}: {}", line, d.message)
                });
                failed_other.push((path.clone(), first.unwrap_or_default()));
            }
            if verbose {
                for d in diags.iter().take(3) {
                    let line = text[..(d.pos.offset as usize).min(text.len())]
                        .matches('\n')
                        .count()
                        + 1;
                    eprintln!("{}:{}: {}", path.display(), line, d.message);
                }
            }
        }
    }
    println!("files: {}", texts.len());
    println!("bytes: {bytes}");
    println!("parse time: {:.3}s", elapsed.as_secs_f64());
    println!(
        "throughput: {:.1} MB/s",
        bytes as f64 / 1e6 / elapsed.as_secs_f64()
    );
    println!("failures under testdata/: {failed_testdata}");
    println!("failures elsewhere: {}", failed_other.len());
    for (p, m) in &failed_other {
        println!("  {}:{}", p.display(), m);
    }
}

//! `rgo explain` on five end-to-end programs (tests/programs/99[1-5]_explain_*.go): closures,
//! interfaces, reflect.TypeOf, a method value and an escaping slice. The text and the SVG of
//! each (with `-stable`: no addresses) are insta snapshots; every SVG must be well-formed XML
//! whose blocks and arrows are where the picture says, and, when a Chromium is installed,
//! must render in it to a PNG of the SVG's size that is not blank.

use std::path::Path;
use std::process::Command;

use tests::{TempDir, locate_rgo, programs_dir};

/// Runs `rgo explain -stable -svg` and returns (text, svg).
fn explain(program: &str, name: &str, dir: &Path) -> (String, String) {
    let rgo = locate_rgo().expect("rgo");
    let svg = dir.join(format!("{}.svg", name.replace('.', "_")));
    let out = Command::new(rgo)
        .current_dir(programs_dir())
        .args(["explain", "-stable", "-svg"])
        .arg(&svg)
        .arg(program)
        .arg(name)
        .output()
        .expect("run rgo explain");
    assert!(
        out.status.success(),
        "rgo explain {program} {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8 text");
    let svg = std::fs::read_to_string(&svg).expect("the SVG file");
    check_svg(&svg, &text);
    render_in_browser(&svg, dir, name);
    (text, svg)
}

/// The SVG parses as XML, is an `<svg>` document with a size, and draws one group per block
/// of the text form (`[n] title` lines) and one arrow per `→ [n]` link.
fn check_svg(svg: &str, text: &str) {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    for attr in ["width", "height"] {
        let v: f64 = root
            .attribute(attr)
            .and_then(|v| v.parse().ok())
            .expect("numeric size");
        assert!(v > 0.0, "{attr} {v}");
    }
    let blocks = text.lines().filter(|l| l.starts_with('[')).count();
    let groups = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("g") && n.attribute("id").is_some_and(|i| i.starts_with("block"))
        })
        .count();
    assert_eq!(groups, blocks, "one <g> per block");
    let links = text.matches("→ [").count();
    let arrows = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("marker-end").is_some())
        .count();
    assert_eq!(arrows, links, "one arrow per link");
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

/// Renders the SVG with headless Chromium and checks the PNG: the SVG's size, and more than
/// one colour (a broken SVG renders as an error page or nothing). Skipped, with a message,
/// without a Chromium.
fn render_in_browser(svg: &str, dir: &Path, name: &str) {
    let Some(browser) = chromium() else {
        eprintln!("no Chromium installed: the SVG was only checked as XML");
        return;
    };
    let doc = roxmltree::Document::parse(svg).expect("xml");
    let size = |a: &str| -> u32 {
        doc.root_element()
            .attribute(a)
            .and_then(|v| v.parse().ok())
            .expect("size")
    };
    let (w, h) = (size("width"), size("height"));
    let file = dir.join(format!("{}.svg", name.replace('.', "_")));
    let png = dir.join(format!("{}.png", name.replace('.', "_")));
    let out = Command::new("timeout")
        .args([
            "120",
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
        ])
        .arg("--hide-scrollbars")
        .arg(format!("--window-size={w},{h}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("run chromium");
    assert!(
        png.exists(),
        "Chromium wrote no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).expect("png");
    // PNG signature and IHDR width/height (big-endian at 16 and 20).
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let be = |o: usize| u32::from_be_bytes(bytes[o..o + 4].try_into().expect("4 bytes"));
    assert_eq!((be(16), be(20)), (w, h), "screenshot size");
    // A blank page compresses to almost nothing; a drawn picture does not.
    assert!(
        bytes.len() > 8000,
        "the rendered PNG looks blank ({} bytes)",
        bytes.len()
    );
}

fn snapshot(program: &str, name: &str, tag: &str) {
    let tmp = TempDir::new("explain").expect("temp dir");
    let (text, svg) = explain(program, name, tmp.path());
    insta::assert_snapshot!(format!("{tag}_text"), text);
    insta::assert_snapshot!(format!("{tag}_svg"), svg);
}

#[test]
fn closures() {
    snapshot("991_explain_closures.go", "counter", "closures");
}

#[test]
fn interfaces() {
    snapshot("992_explain_interfaces.go", "Rect", "interfaces");
}

#[test]
fn reflect_type_of() {
    snapshot("993_explain_reflect.go", "Celsius", "reflect");
}

#[test]
fn method_value() {
    snapshot(
        "994_explain_method_value.go",
        "Account.Describe",
        "method_value",
    );
}

#[test]
fn escaping_slice() {
    snapshot(
        "995_explain_escaping_slice.go",
        "squares.out",
        "escaping_slice",
    );
}

#[test]
fn stack_slice() {
    snapshot("995_explain_escaping_slice.go", "sum.tmp", "stack_slice");
}

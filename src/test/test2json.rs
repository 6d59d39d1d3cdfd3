//! `go test -json`: the conversion of a test binary's `-test.v=test2json` output into JSON
//! events, with the behaviour of GOROOT/src/cmd/internal/test2json (the reference for every
//! rule here).
//!
//! The binary marks its framing lines (`=== RUN`, `--- PASS: ...`, `PASS`, `FAIL`) with a
//! leading ^V, wraps error output (t.Error and friends) in ^O ... ^N, and escapes other
//! occurrences of those bytes with ^[. Input is cut into lines by an input buffer of 4096
//! bytes; framing lines become `run`/`pause`/`cont`/`pass`/`fail`/`skip`/`bench` events (a
//! result is held back until the next line at its nesting depth, so that subtests' results come
//! first), and all text becomes `output` events, cut by an output buffer of 1024 bytes at UTF-8
//! boundaries, typed `frame`, `error` or `error-continue`. Lines longer than a buffer are sent
//! in parts; a benchmark's name followed by a tab is sent at once so that a slow benchmark shows
//! up while it runs. The final event is the package's `pass`, `fail` or `skip`, with the
//! elapsed time rounded to milliseconds.
//!
//! Events are encoded as Go's encoding/json encodes test2json's event struct: fields in
//! declaration order, empty ones omitted, strings with HTML-safe escaping. Times are UTC in
//! RFC 3339 with nanoseconds (Go prints the local zone; rgo's is UTC).

use std::io::Write;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

const MARK_FRAMING: u8 = b'V' & !b'@';
const MARK_ERR_BEGIN: u8 = b'O' & !b'@';
const MARK_ERR_END: u8 = b'N' & !b'@';
const MARK_ESCAPE: u8 = b'[' & !b'@';

const IN_BUFFER: usize = 4096;
const OUT_BUFFER: usize = 1024;

const UPDATES: &[&[u8]] = &[
    b"=== RUN   ",
    b"=== PAUSE ",
    b"=== CONT  ",
    b"=== NAME  ",
    b"=== PASS  ",
    b"=== FAIL  ",
    b"=== SKIP  ",
    b"=== ATTR  ",
    b"=== ARTIFACTS ",
];

const REPORTS: &[&[u8]] = &[b"--- PASS: ", b"--- FAIL: ", b"--- SKIP: ", b"--- BENCH: "];

/// One JSON event (test2json's `event`).
#[derive(Clone, Debug, Default)]
struct Event {
    action: String,
    test: String,
    elapsed: Option<f64>,
    output: Option<Vec<u8>>,
    output_type: &'static str,
    failed_build: String,
    key: String,
    value: String,
    path: String,
}

/// A line buffer: whole lines that fit go to `line`, longer ones to `part` in pieces.
#[derive(Default)]
struct LineBuffer {
    b: Vec<u8>,
    cap: usize,
    mid: bool,
    escaped: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Piece {
    Line,
    Part,
}

impl LineBuffer {
    fn new(cap: usize) -> LineBuffer {
        LineBuffer {
            b: Vec::with_capacity(cap),
            cap,
            mid: false,
            escaped: false,
        }
    }

    fn write(&mut self, mut data: &[u8], emit: &mut dyn FnMut(Piece, &[u8])) {
        while !data.is_empty() {
            let m = (self.cap - self.b.len()).min(data.len());
            self.b.extend_from_slice(&data[..m]);
            data = &data[m..];
            let mut i = 0;
            while i < self.b.len() {
                let Some((j, w)) = self.index_eol(i) else {
                    if !self.mid
                        && let Some(t) = self.b[i..].iter().position(|&c| c == b'\t')
                    {
                        let name = trim_right_spaces(&self.b[i..i + t]);
                        if is_benchmark_name(name) {
                            let piece = self.b[i..i + t + 1].to_vec();
                            emit(Piece::Part, &piece);
                            self.mid = true;
                            i += t + 1;
                        }
                    }
                    break;
                };
                let e = i + j + w;
                let piece = self.b[i..e].to_vec();
                if self.mid {
                    emit(Piece::Part, &piece);
                    self.mid = false;
                } else {
                    emit(Piece::Line, &piece);
                }
                i = e;
            }
            if i == 0 && self.b.len() == self.cap {
                let t = trim_utf8(&self.b);
                let piece = self.b[..t].to_vec();
                emit(Piece::Part, &piece);
                self.b.drain(..t);
                self.mid = true;
            }
            if i > 0 {
                self.b.drain(..i);
            }
        }
    }

    /// The end of the line starting at `from`: a `\n` (width 1), or just before a ^V that does
    /// not begin the line (width 0: it begins the next one).
    fn index_eol(&mut self, from: usize) -> Option<(usize, usize)> {
        for (i, &c) in self.b[from..].iter().enumerate() {
            if c == b'\n' {
                return Some((i, 1));
            }
            if self.escaped {
                self.escaped = false;
                continue;
            }
            if c == MARK_ESCAPE {
                self.escaped = true;
                continue;
            }
            if c == MARK_FRAMING && i > 0 {
                return Some((i, 0));
            }
        }
        None
    }

    fn flush(&mut self, emit: &mut dyn FnMut(Piece, &[u8])) {
        if !self.b.is_empty() {
            let piece = std::mem::take(&mut self.b);
            emit(Piece::Part, &piece);
        }
    }
}

fn trim_right_spaces(b: &[u8]) -> &[u8] {
    let n = b.iter().rposition(|&c| c != b' ').map_or(0, |i| i + 1);
    &b[..n]
}

/// `Benchmark` followed by nothing or by a rune that is not lower case.
fn is_benchmark_name(b: &[u8]) -> bool {
    let Some(rest) = b.strip_prefix(b"Benchmark") else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    let n = rest.len().min(4);
    let c = (1..=n)
        .find_map(|k| std::str::from_utf8(&rest[..k]).ok())
        .and_then(|s| s.chars().next())
        .unwrap_or('\u{fffd}');
    !c.is_lowercase()
}

/// The longest prefix of `b` that does not end inside a possibly valid UTF-8 sequence.
fn trim_utf8(b: &[u8]) -> usize {
    for i in 1..4.min(b.len() + 1) {
        let c = b[b.len() - i];
        if c & 0xc0 != 0x80 {
            if (c & 0xe0 == 0xc0 && i < 2)
                || (c & 0xf0 == 0xe0 && i < 3)
                || (c & 0xf8 == 0xf0 && i < 4)
            {
                return b.len() - i;
            }
            break;
        }
    }
    b.len()
}

/// The state of one package's conversion (test2json's `Converter`), writing events to stdout.
pub struct Converter {
    pkg: String,
    timestamps: bool,
    start: Instant,
    test_name: String,
    report: Vec<Event>,
    result: String,
    input: LineBuffer,
    output: LineBuffer,
    mark_framing: bool,
    mark_err_end: bool,
    mark_escape: bool,
    is_framing: bool,
    failed_build: String,
    /// Where events go; stdout unless testing.
    sink: Option<Vec<u8>>,
}

impl Converter {
    /// A converter for package `pkg`; writes the `start` event.
    pub fn new(pkg: &str, timestamps: bool) -> Converter {
        Converter::with_sink(pkg, timestamps, None)
    }

    fn with_sink(pkg: &str, timestamps: bool, sink: Option<Vec<u8>>) -> Converter {
        let mut c = Converter {
            pkg: pkg.to_string(),
            timestamps,
            start: Instant::now(),
            test_name: String::new(),
            report: Vec::new(),
            result: String::new(),
            input: LineBuffer::new(IN_BUFFER),
            output: LineBuffer::new(OUT_BUFFER),
            mark_framing: false,
            mark_err_end: false,
            mark_escape: false,
            is_framing: false,
            failed_build: String::new(),
            sink,
        };
        c.write_event(Event {
            action: "start".into(),
            ..Event::default()
        });
        c
    }

    /// Feeds test output.
    pub fn write(&mut self, data: &[u8]) {
        let mut input = std::mem::take(&mut self.input);
        input.write(data, &mut |piece, chunk| match piece {
            Piece::Line => self.handle_input_line(chunk),
            Piece::Part => self.output_write(chunk),
        });
        self.input = input;
    }

    /// Reports a failed build as the go command's `-json` does: the compiler's output as
    /// `build-output` events of the package, a `build-fail` event, and the package named as
    /// the cause in the final `fail` event.
    pub fn build_output(&mut self, text: &str) {
        let id = format!("{0} [{0}.test]", self.pkg);
        let mut out = std::io::stdout().lock();
        for line in text.split_inclusive('\n') {
            let mut s = String::from("{\"ImportPath\":");
            json_string(&mut s, id.as_bytes());
            s.push_str(",\"Action\":\"build-output\",\"Output\":");
            json_string(&mut s, line.as_bytes());
            s.push_str("}\n");
            emit(&mut self.sink, &mut out, &s);
        }
        let mut s = String::from("{\"ImportPath\":");
        json_string(&mut s, id.as_bytes());
        s.push_str(",\"Action\":\"build-fail\"}\n");
        emit(&mut self.sink, &mut out, &s);
        self.failed_build = id;
    }

    /// The binary exited (`failed`: not with status 0); flushes everything and writes the
    /// package's final event (test2json's `Exited` then `Close`).
    pub fn exited(mut self, failed: bool) -> Option<Vec<u8>> {
        if !failed {
            if self.result != "skip" {
                self.result = "pass".into();
            }
        } else {
            self.result = "fail".into();
        }
        let mut input = std::mem::take(&mut self.input);
        input.flush(&mut |_, chunk| self.output_write(chunk));
        self.input = input;
        self.output_flush();
        if !self.result.is_empty() {
            let mut e = Event {
                action: self.result.clone(),
                ..Event::default()
            };
            if self.timestamps {
                let ms = self.start.elapsed().as_secs_f64() * 1000.0;
                e.elapsed = Some(ms.round() / 1000.0);
            }
            if self.result == "fail" {
                e.failed_build = self.failed_build.clone();
            }
            self.write_event(e);
        }
        self.sink.take()
    }

    fn output_write(&mut self, data: &[u8]) {
        let mut output = std::mem::take(&mut self.output);
        output.write(data, &mut |_, chunk| self.write_output_event(chunk));
        self.output = output;
    }

    fn output_flush(&mut self) {
        let mut output = std::mem::take(&mut self.output);
        output.flush(&mut |_, chunk| self.write_output_event(chunk));
        self.output = output;
    }

    fn write_framing(&mut self, line: &[u8]) {
        self.is_framing = true;
        self.output_write(line);
        self.is_framing = false;
    }

    fn flush_report(&mut self, depth: usize) {
        self.test_name.clear();
        while self.report.len() > depth {
            if let Some(e) = self.report.pop() {
                self.write_event(e);
            }
        }
    }

    fn handle_input_line(&mut self, line: &[u8]) {
        if line.is_empty() {
            return;
        }
        let mut saw_marker = false;
        if self.mark_framing && line[0] != MARK_FRAMING {
            self.output_write(line);
            return;
        }
        let mut line = line.to_vec();
        if line[0] == MARK_FRAMING {
            self.output_flush();
            saw_marker = true;
            line.remove(0);
        }
        let mut trim: &[u8] = &line;
        if let Some(t) = trim.strip_suffix(b"\n") {
            trim = t.strip_suffix(b"\r").unwrap_or(t);
        }
        if trim == b"=== NAME" {
            line = b"=== NAME  \n".to_vec();
        }
        let trim: Vec<u8> = {
            let mut t: &[u8] = &line;
            if let Some(x) = t.strip_suffix(b"\n") {
                t = x.strip_suffix(b"\r").unwrap_or(x);
            }
            t.to_vec()
        };
        if trim == b"PASS" || trim == b"FAIL" || trim.starts_with(b"FAIL\t") {
            self.flush_report(0);
            self.test_name.clear();
            self.mark_framing = saw_marker;
            self.write_framing(&line);
            self.result = if trim == b"PASS" { "pass" } else { "fail" }.into();
            return;
        }
        if line.starts_with(b"?   \t")
            && trim.ends_with(b"\t[no test files]")
            && self.report.is_empty()
        {
            self.result = "skip".into();
        }
        let orig = line.clone();
        let mut rest: &[u8] = &line;
        let mut ok = UPDATES.iter().any(|m| rest.starts_with(m));
        let mut indent = 0;
        if !ok {
            while let Some(r) = rest.strip_prefix(b"    ") {
                rest = r;
                indent += 1;
            }
            ok = REPORTS.iter().any(|m| rest.starts_with(m));
        }
        if !ok {
            if indent > 0 && indent <= self.report.len() {
                self.test_name = self.report[indent - 1].test.clone();
            }
            self.output_write(&orig);
            return;
        }
        let text = String::from_utf8_lossy(&rest[4..]).into_owned();
        let (action, name) = text.split_once(' ').unwrap_or((text.as_str(), ""));
        let action = action.trim_end_matches(':').to_lowercase();
        let mut name = name.trim().to_string();
        let mut e = Event {
            action: action.clone(),
            ..Event::default()
        };
        if rest[0] == b'-' {
            if let Some(i) = name.find(" (") {
                if name.ends_with("s)")
                    && let Ok(t) = name[i + 2..name.len() - 2].parse::<f64>()
                    && self.timestamps
                {
                    e.elapsed = Some(t);
                }
                name.truncate(i);
            }
            if self.report.len() < indent {
                self.output_write(&orig);
                return;
            }
            self.mark_framing = saw_marker;
            self.flush_report(indent);
            e.test = name.clone();
            self.test_name = name;
            self.report.push(e);
            self.write_framing(&orig);
            return;
        }
        match action.as_str() {
            "artifacts" => {
                let (n, p) = name.split_once(' ').unwrap_or((name.as_str(), ""));
                e.path = p.to_string();
                name = n.to_string();
            }
            "attr" => {
                let (n, r) = name.split_once(' ').unwrap_or((name.as_str(), ""));
                let (k, v) = r.split_once(' ').unwrap_or((r, ""));
                e.key = k.to_string();
                e.value = v.to_string();
                name = n.to_string();
            }
            _ => {}
        }
        self.mark_framing = saw_marker;
        self.flush_report(0);
        self.test_name = name;
        if action == "name" {
            return;
        }
        if action == "pause" {
            self.write_framing(&orig);
        }
        self.write_event(e);
        if action != "pause" {
            self.write_framing(&orig);
        }
    }

    fn write_output_event(&mut self, data: &[u8]) {
        let mut typ: &'static str = if self.is_framing {
            "frame"
        } else if self.mark_err_end {
            "error-continue"
        } else {
            ""
        };
        let mut out = data.to_vec();
        let mut i = 0usize;
        while i < out.len() {
            if self.mark_escape {
                self.mark_escape = false;
                i += 1;
                continue;
            }
            match out[i] {
                MARK_ESCAPE => {
                    out.remove(i);
                    self.mark_escape = true;
                    // The escaped byte is now at i: the next iteration skips it.
                    continue;
                }
                MARK_ERR_BEGIN => {
                    if i > 0 {
                        let before = out[..i].to_vec();
                        self.output_event(before, typ);
                    }
                    self.mark_err_end = true;
                    typ = "error";
                    out.drain(..=i);
                    // As test2json's loop, the byte after the mark is not examined.
                    i = 1;
                    continue;
                }
                MARK_ERR_END => {
                    out.remove(i);
                    if i < out.len() && out[i] == b'\n' {
                        i += 1;
                    }
                    let err = out[..i].to_vec();
                    self.output_event(err, typ);
                    self.mark_err_end = false;
                    typ = "";
                    out.drain(..i);
                    i = 1;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        if !out.is_empty() {
            self.output_event(out, typ);
        }
    }

    fn output_event(&mut self, out: Vec<u8>, typ: &'static str) {
        self.write_event(Event {
            action: "output".into(),
            output: Some(out),
            output_type: typ,
            ..Event::default()
        });
    }

    fn write_event(&mut self, mut e: Event) {
        if e.test.is_empty() {
            e.test = self.test_name.clone();
        }
        let mut s = String::from("{");
        if self.timestamps {
            s.push_str("\"Time\":\"");
            s.push_str(&rfc3339_nano_now());
            s.push_str("\",");
        }
        s.push_str("\"Action\":");
        json_string(&mut s, e.action.as_bytes());
        if !self.pkg.is_empty() {
            s.push_str(",\"Package\":");
            json_string(&mut s, self.pkg.as_bytes());
        }
        if !e.test.is_empty() {
            s.push_str(",\"Test\":");
            json_string(&mut s, e.test.as_bytes());
        }
        if let Some(t) = e.elapsed {
            s.push_str(",\"Elapsed\":");
            s.push_str(&json_float(t));
        }
        if let Some(o) = &e.output {
            s.push_str(",\"Output\":");
            json_string(&mut s, o);
        }
        for (k, v) in [
            ("OutputType", e.output_type),
            ("FailedBuild", e.failed_build.as_str()),
            ("Key", e.key.as_str()),
            ("Value", e.value.as_str()),
            ("Path", e.path.as_str()),
        ] {
            if !v.is_empty() {
                s.push_str(&format!(",\"{k}\":"));
                json_string(&mut s, v.as_bytes());
            }
        }
        s.push_str("}\n");
        let mut out = std::io::stdout().lock();
        emit(&mut self.sink, &mut out, &s);
    }
}

fn emit(sink: &mut Option<Vec<u8>>, out: &mut std::io::StdoutLock, s: &str) {
    match sink {
        Some(buf) => buf.extend_from_slice(s.as_bytes()),
        None => {
            let _ = out.write_all(s.as_bytes());
            let _ = out.flush();
        }
    }
}

/// encoding/json's float encoding for the values test2json writes (seconds): the shortest
/// decimal that reads back as the same float, without an exponent.
fn json_float(f: f64) -> String {
    format!("{f}")
}

/// encoding/json's string encoding with HTML escaping: `"`, `\\`, \b \f \n \r \t escaped,
/// other control bytes and `<`, `>`, `&` as \u00XX, invalid UTF-8 bytes as \ufffd, U+2028
/// and U+2029 escaped.
fn json_string(out: &mut String, b: &[u8]) {
    out.push('"');
    let mut rest = b;
    while !rest.is_empty() {
        let (valid, bad) = match std::str::from_utf8(rest) {
            Ok(s) => (s, false),
            Err(e) => (
                // The prefix is valid UTF-8 by construction.
                std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
                true,
            ),
        };
        for c in valid.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\x08' => out.push_str("\\b"),
                '\x0c' => out.push_str("\\f"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '<' | '>' | '&' => out.push_str(&format!("\\u00{:02x}", c as u32)),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u00{:02x}", c as u32)),
                '\u{2028}' => out.push_str("\\u2028"),
                '\u{2029}' => out.push_str("\\u2029"),
                c => out.push(c),
            }
        }
        rest = &rest[valid.len()..];
        if bad {
            out.push_str("\\ufffd");
            // One byte at a time, as Go's decoder reports a width of 1 for a bad byte.
            rest = &rest[1..];
        }
    }
    out.push('"');
}

/// The current time as Go's time.Time marshals: RFC 3339 with up to nine fractional digits,
/// trailing zeros dropped, here always in UTC.
fn rfc3339_nano_now() -> String {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    rfc3339_nano(d.as_secs() as i64, d.subsec_nanos())
}

fn rfc3339_nano(secs: i64, nanos: u32) -> String {
    let days = secs.div_euclid(86400);
    let sod = secs.rem_euclid(86400);
    let (y, m, d) = civil_from_days(days);
    let mut s = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        sod / 3600,
        (sod / 60) % 60,
        sod % 60
    );
    if nanos != 0 {
        let frac = format!("{nanos:09}");
        s.push('.');
        s.push_str(frac.trim_end_matches('0'));
    }
    s.push('Z');
    s
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// civil_from_days: shift the era to start on March 1st so that leap days come last).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(input: &[u8], failed: bool) -> String {
        let mut c = Converter::with_sink("p", false, Some(Vec::new()));
        c.write(input);
        String::from_utf8(c.exited(failed).unwrap_or_default()).unwrap_or_default()
    }

    #[test]
    fn framing_lines_become_events() {
        let input = b"\x16=== RUN   TestA\n\x16--- PASS: TestA (0.00s)\n\x16PASS\n";
        let want = concat!(
            "{\"Action\":\"start\",\"Package\":\"p\"}\n",
            "{\"Action\":\"run\",\"Package\":\"p\",\"Test\":\"TestA\"}\n",
            "{\"Action\":\"output\",\"Package\":\"p\",\"Test\":\"TestA\",\"Output\":\"=== RUN   TestA\\n\",\"OutputType\":\"frame\"}\n",
            "{\"Action\":\"output\",\"Package\":\"p\",\"Test\":\"TestA\",\"Output\":\"--- PASS: TestA (0.00s)\\n\",\"OutputType\":\"frame\"}\n",
            "{\"Action\":\"pass\",\"Package\":\"p\",\"Test\":\"TestA\"}\n",
            "{\"Action\":\"output\",\"Package\":\"p\",\"Output\":\"PASS\\n\",\"OutputType\":\"frame\"}\n",
            "{\"Action\":\"pass\",\"Package\":\"p\"}\n",
        );
        assert_eq!(convert(input, false), want);
    }

    #[test]
    fn error_marks_split_output() {
        let input = b"\x16=== RUN   TestB\n\x0f    x_test.go:5: bad <1>\n\x0e\x16--- FAIL: TestB (0.00s)\n\x16FAIL\n";
        let got = convert(input, true);
        assert!(got.contains(
            "\"Output\":\"    x_test.go:5: bad \\u003c1\\u003e\\n\",\"OutputType\":\"error\""
        ));
        assert!(got.ends_with("{\"Action\":\"fail\",\"Package\":\"p\"}\n"));
    }

    #[test]
    fn times_are_rfc3339_nano() {
        assert_eq!(rfc3339_nano(0, 0), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339_nano(1_796_537_930, 66_233_400),
            "2026-12-06T06:18:50.0662334Z"
        );
    }
}

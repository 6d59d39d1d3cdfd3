//! A generator of random valid Go programs whose output is deterministic, for differential
//! testing of rgo against gc (`progen` writes one, `progen-diff` compares many; see
//! docs/progen.md).
//!
//! # How a program is made
//!
//! A seed drives a small SplitMix64 generator; the same seed always gives the same bytes. The
//! program is a list of independent *blocks*, each a function `bN()` called in order from
//! `main`. A block is drawn from a table of feature families (integer arithmetic, floats,
//! conversions, strings, slices, maps, structs and pointers, closures, interfaces, generics,
//! defer/recover, goroutines and channels, range forms, control flow, sorting, formatting)
//! and instantiated with random types, constants and expression shapes. Some programs end in an
//! uncaught run-time panic, so that crash reports are compared too.
//!
//! # Staying valid and deterministic
//!
//! The generator avoids everything the language leaves undefined or gc rejects:
//! * integer expressions never combine two constants (constant overflow and constant division
//!   by zero are compile errors); constants are typed (`int8(-5)`) and in range for their type;
//!   unary operators apply only to non-constant operands;
//! * division by a non-constant goes through `nz`, which maps 0 to 1; division by constant -1
//!   and the minimum value are kept (they wrap in Go);
//! * shift counts are non-negative, sometimes larger than the width;
//! * float-to-integer conversions are guarded to the representable range (outside it the
//!   result is implementation-defined);
//! * map contents are printed through fmt (which sorts keys) or via sorted key slices;
//!   goroutines report through channels in an order fixed by the program, never by timing;
//! * every imported package is referenced by a `var _ = ...` line, so no import is unused.

use std::fmt::Write as _;

/// SplitMix64: tiny, fast, and good enough to pick shapes.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5eed_1234_abcd_0000)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A Go integer type: its name, width in bits and signedness.
#[derive(Clone, Copy, PartialEq)]
struct IntTy {
    name: &'static str,
    bits: u32,
    signed: bool,
}

const INT_TYS: &[IntTy] = &[
    IntTy {
        name: "int8",
        bits: 8,
        signed: true,
    },
    IntTy {
        name: "int16",
        bits: 16,
        signed: true,
    },
    IntTy {
        name: "int32",
        bits: 32,
        signed: true,
    },
    IntTy {
        name: "int64",
        bits: 64,
        signed: true,
    },
    IntTy {
        name: "int",
        bits: 64,
        signed: true,
    },
    IntTy {
        name: "uint8",
        bits: 8,
        signed: false,
    },
    IntTy {
        name: "uint16",
        bits: 16,
        signed: false,
    },
    IntTy {
        name: "uint32",
        bits: 32,
        signed: false,
    },
    IntTy {
        name: "uint64",
        bits: 64,
        signed: false,
    },
    IntTy {
        name: "uint",
        bits: 64,
        signed: false,
    },
    IntTy {
        name: "uintptr",
        bits: 64,
        signed: false,
    },
];

impl IntTy {
    fn min(self) -> i128 {
        if self.signed {
            -(1i128 << (self.bits - 1))
        } else {
            0
        }
    }
    fn max(self) -> i128 {
        if self.signed {
            (1i128 << (self.bits - 1)) - 1
        } else {
            (1i128 << self.bits) - 1
        }
    }
    /// The variable names of this type every integer block declares.
    fn var(self, k: u64) -> String {
        format!("{}_{}", self.name, k)
    }
}

/// An interesting constant of type `ty`: edges, small numbers, or anything in range.
fn int_const(rng: &mut Rng, ty: IntTy, nonzero: bool) -> i128 {
    loop {
        let v = match rng.below(8) {
            0 => ty.min(),
            1 => ty.max(),
            2 => rng.range(-3, 9) as i128,
            3 => 1i128 << rng.below(ty.bits as u64),
            4 => (1i128 << rng.below(ty.bits as u64)) - 1,
            5 => -(rng.range(1, 1000) as i128),
            _ => {
                let span = (ty.max() - ty.min()) as u128;
                ty.min()
                    + (((rng.next_u64() as u128) << 64 | rng.next_u64() as u128) % (span + 1))
                        as i128
            }
        };
        if v < ty.min() || v > ty.max() || (nonzero && v == 0) {
            continue;
        }
        return v;
    }
}

/// Renders the constant `v` typed as `ty`.
fn typed(ty: IntTy, v: i128) -> String {
    format!("{}({})", ty.name, v)
}

/// The run-time errors `fault` makes happen (see its Go text in the prelude).
const FAULTS: &[&str] = &[
    "div",
    "index",
    "nilmap",
    "assert",
    "nilptr",
    "slice",
    "custom",
    "error",
    "closed",
    "conv",
    "negshift",
    "makeslice",
    "stringer",
    "struct",
    "int",
    "float",
    "nested",
    "repanic",
    "array",
    "string",
    "nilfunc",
    "sendclosed",
    "unhashable",
    "i8div",
];

/// Uncaught-only endings: a panic in another goroutine, a deadlock.
const FATALS: &[&str] = &["goroutine", "deadlock", "goexit"];

/// A parameter of a generated call: its type, an argument literal, how to print a variable
/// `p` of the type, and a transformed value of the same type computed from `p`.
type CallValue = (String, String, fn(&str) -> String, fn(&str) -> String);

/// The program being generated.
struct Gen {
    rng: Rng,
    /// Top-level declarations (types, helper functions, blocks).
    decls: String,
    /// Calls made by `main`, in order.
    calls: Vec<String>,
    blocks: usize,
}

/// One line of Go into `s` (the macro keeps the block writers readable).
macro_rules! w {
    ($s:expr, $($arg:tt)*) => {{
        let _ = writeln!($s, $($arg)*);
    }};
}

impl Gen {
    fn new_block(&mut self) -> (String, String) {
        self.blocks += 1;
        let name = format!("b{}", self.blocks);
        self.calls.push(format!("{name}()"));
        let mut s = String::new();
        w!(s, "func {name}() {{");
        w!(s, "\tfmt.Println(\"== {name}\")");
        (name, s)
    }

    fn end_block(&mut self, mut s: String) {
        s.push_str("}\n\n");
        self.decls.push_str(&s);
    }

    /// An integer expression of type `ty` over the block's variables; returns the text and
    /// whether it is a constant.
    fn int_expr(&mut self, ty: IntTy, depth: u32) -> (String, bool) {
        let r = &mut self.rng;
        if depth == 0 || r.chance(25) {
            return match r.below(10) {
                0..=5 => (ty.var(r.below(3)), false),
                6 | 7 => (typed(ty, int_const(r, ty, false)), true),
                _ => {
                    let from = *r.pick(INT_TYS);
                    (format!("{}({})", ty.name, from.var(r.below(3))), false)
                }
            };
        }
        match self.rng.below(17) {
            14 | 15 => {
                // A conversion of a sub-expression of another type: truncation and sign or
                // zero extension inside larger expressions.
                let from = *self.rng.pick(INT_TYS);
                let (e, _) = self.nonconst_int_expr(from, depth - 1);
                (format!("{}({e})", ty.name), false)
            }
            16 => {
                let other = *self.rng.pick(INT_TYS);
                let (a, _) = self.nonconst_int_expr(other, depth - 1);
                let (b, _) = self.int_expr(other, depth - 1);
                let op = *self.rng.pick(&["<", "<=", ">", ">=", "==", "!="]);
                (format!("{}(b2i({a} {op} {b}))", ty.name), false)
            }
            0 => {
                let (e, c) = self.int_expr(ty, depth - 1);
                if c {
                    (ty.var(0), false)
                } else {
                    let op = if ty.signed {
                        *self.rng.pick(&["-", "^", "+"])
                    } else {
                        *self.rng.pick(&["^", "+", "-"])
                    };
                    (format!("{op}({e})"), false)
                }
            }
            1 | 2 => {
                // Division and remainder: by a non-zero constant (exercising gc's magic-number
                // division) or by a guarded variable expression.
                let op = *self.rng.pick(&["/", "%"]);
                let (l, _) = self.nonconst_int_expr(ty, depth - 1);
                if self.rng.chance(60) {
                    let d = int_const(&mut self.rng, ty, true);
                    (format!("({l} {op} {})", typed(ty, d)), false)
                } else {
                    let (rr, _) = self.nonconst_int_expr(ty, depth - 1);
                    (format!("({l} {op} nz({rr}))"), false)
                }
            }
            3 | 4 => {
                let op = *self.rng.pick(&["<<", ">>"]);
                let (l, _) = self.nonconst_int_expr(ty, depth - 1);
                let count = match self.rng.below(4) {
                    0 => format!("{}", self.rng.below(ty.bits as u64 + 8)),
                    1 => {
                        let u = *self
                            .rng
                            .pick(&["uint8", "uint16", "uint32", "uint64", "uint"]);
                        format!("({}_{} & 127)", u, self.rng.below(3))
                    }
                    2 => format!("uint({} & 63)", ty.var(self.rng.below(3))),
                    _ => {
                        let s = *self.rng.pick(&["int8", "int", "int32"]);
                        format!("({}_{} & 31)", s, self.rng.below(3))
                    }
                };
                (format!("({l} {op} {count})"), false)
            }
            _ => {
                let op = *self
                    .rng
                    .pick(&["+", "-", "*", "&", "|", "^", "&^", "+", "-", "*"]);
                let (l, lc) = self.int_expr(ty, depth - 1);
                let (r, rc) = if lc {
                    self.nonconst_int_expr(ty, depth - 1)
                } else {
                    self.int_expr(ty, depth - 1)
                };
                (format!("({l} {op} {r})"), lc && rc)
            }
        }
    }

    fn nonconst_int_expr(&mut self, ty: IntTy, depth: u32) -> (String, bool) {
        let (e, c) = self.int_expr(ty, depth);
        if c {
            (format!("({e} + {})", ty.var(1)), false)
        } else {
            (e, false)
        }
    }

    /// Declares the three variables of every integer type with random values.
    fn int_vars(&mut self, s: &mut String) {
        // Half the blocks hide the values from the optimizers behind a call that is never
        // inlined, so the arithmetic happens at run time; the others let them fold constants.
        let hidden = self.rng.chance(50);
        for &ty in INT_TYS {
            let vals: Vec<String> = (0..3)
                .map(|_| {
                    let v = typed(ty, int_const(&mut self.rng, ty, false));
                    if hidden { format!("hide({v})") } else { v }
                })
                .collect();
            w!(
                s,
                "\t{}, {}, {} := {}, {}, {}",
                ty.var(0),
                ty.var(1),
                ty.var(2),
                vals[0],
                vals[1],
                vals[2]
            );
        }
        let names: Vec<String> = INT_TYS
            .iter()
            .flat_map(|t| (0..3).map(|k| t.var(k)))
            .collect();
        w!(s, "\tuse({})", names.join(", "));
    }

    fn block_int_arith(&mut self) {
        let (_, mut s) = self.new_block();
        self.int_vars(&mut s);
        let n = self.rng.range(6, 16);
        for k in 0..n {
            let ty = *self.rng.pick(INT_TYS);
            let depth = self.rng.range(2, 5) as u32;
            let (e, _) = self.nonconst_int_expr(ty, depth);
            match self.rng.below(4) {
                0 => w!(s, "\tfmt.Printf(\"%d %x %o\\n\", {e}, {e}, {e})"),
                1 => {
                    w!(
                        s,
                        "\t{{\n\t\tv := {e}\n\t\t{} += v\n\t\tfmt.Println(\"{k}\", v, {})\n\t}}",
                        ty.var(k as u64 % 3),
                        ty.var(k as u64 % 3)
                    )
                }
                _ => w!(s, "\tfmt.Println(\"{k}\", {e})"),
            }
        }
        // A loop accumulating with overflow.
        let ty = *self.rng.pick(INT_TYS);
        let mul = int_const(&mut self.rng, ty, true);
        w!(s, "\tacc := {}", ty.var(0));
        w!(s, "\tfor i := range {} {{", self.rng.range(3, 40));
        w!(
            s,
            "\t\tacc = acc*{} + {}(i) ^ (acc >> 3)",
            typed(ty, mul),
            ty.name
        );
        w!(s, "\t}}");
        w!(s, "\tfmt.Println(\"acc\", acc)");
        // Comparisons.
        let ty = *self.rng.pick(INT_TYS);
        let (a, _) = self.nonconst_int_expr(ty, 2);
        let (b, _) = self.int_expr(ty, 2);
        w!(s, "\tfmt.Println({a} < {b}, {a} >= {b}, {a} == {b})");
        self.end_block(s);
    }

    fn block_conversions(&mut self) {
        let (_, mut s) = self.new_block();
        self.int_vars(&mut s);
        for _ in 0..self.rng.range(3, 8) {
            let from = *self.rng.pick(INT_TYS);
            let to = *self.rng.pick(INT_TYS);
            let v = from.var(self.rng.below(3));
            w!(
                s,
                "\tfmt.Println(\"{}->{}\", {}({v}), {}({}({v})))",
                from.name,
                to.name,
                to.name,
                from.name,
                to.name
            );
        }
        let from = *self.rng.pick(INT_TYS);
        let v = from.var(self.rng.below(3));
        w!(
            s,
            "\tfmt.Println(float64({v}), float32({v}), f2i(float64({v})/3))"
        );
        w!(
            s,
            "\tfmt.Println(strconv.Itoa(int({v})), strconv.FormatInt(int64({v}), {}), strconv.FormatUint(uint64({v}), {}))",
            self.rng.range(2, 36),
            self.rng.range(2, 36)
        );
        let r = *self.rng.pick(&[
            "65", "0x4e16", "0x1F600", "-1", "0xD800", "0x10FFFF", "0x110000",
        ]);
        w!(s, "\tr := rune({r})");
        w!(
            s,
            "\tfmt.Println(string(r), len(string(r)), []byte(string(r)), strconv.QuoteRune(r))"
        );
        let lit = *self
            .rng
            .pick(&["\"héllo, 世界\"", "\"a\\xffb\\xc0\"", "\"plain\"", "\"\""]);
        w!(s, "\tstr := {lit}");
        w!(
            s,
            "\tfmt.Println([]byte(str), []rune(str), string([]rune(str)), len([]rune(str)))"
        );
        w!(s, "\tfmt.Printf(\"%q %+q %x % x\\n\", str, str, str, str)");
        let p = *self.rng.pick(&[
            "\"123\"",
            "\"-9223372036854775808\"",
            "\"99999999999999999999\"",
            "\"0x1f\"",
            "\"abc\"",
            "\"-0\"",
        ]);
        w!(
            s,
            "\tif n, err := strconv.ParseInt({p}, 0, 64); err != nil {{\n\t\tfmt.Println(\"err\", err)\n\t}} else {{\n\t\tfmt.Println(\"ok\", n)\n\t}}"
        );
        w!(
            s,
            "\tif n, err := strconv.Atoi({p}); err != nil {{\n\t\tfmt.Println(\"err\", err)\n\t}} else {{\n\t\tfmt.Println(\"ok\", n)\n\t}}"
        );
        let f = *self.rng.pick(&[
            "\"1.5\"",
            "\"1e400\"",
            "\"-0.1\"",
            "\"NaN\"",
            "\"0x1p-2\"",
            "\"x\"",
        ]);
        w!(
            s,
            "\tif f, err := strconv.ParseFloat({f}, 64); err != nil {{\n\t\tfmt.Println(\"err\", err)\n\t}} else {{\n\t\tfmt.Println(\"ok\", f, strconv.FormatFloat(f, 'e', 5, 64), strconv.FormatFloat(f, 'g', -1, 32))\n\t}}"
        );
        self.end_block(s);
    }

    /// A non-zero float literal that fits float32 (constant overflow is a compile error).
    fn float_lit(&mut self) -> String {
        match self.rng.below(8) {
            0 => "0.1".to_string(),
            1 => "1e30".to_string(),
            2 => "-2.5".to_string(),
            3 => "3".to_string(),
            4 => "1e-7".to_string(),
            5 => format!(
                "{}.{}",
                self.rng.range(1, 1000) * if self.rng.chance(30) { -1 } else { 1 },
                self.rng.below(1000)
            ),
            6 => "0.3333333333333333".to_string(),
            _ => format!("{}e{}", self.rng.range(1, 99), self.rng.range(-30, 30)),
        }
    }

    /// A float expression of type `ty`, never combining two constants (constant overflow).
    fn float_expr(&mut self, ty: &str, depth: u32) -> String {
        self.float_expr_c(ty, depth).0
    }

    fn float_expr_c(&mut self, ty: &str, depth: u32) -> (String, bool) {
        if depth == 0 || self.rng.chance(25) {
            return match self.rng.below(6) {
                0..=3 => (format!("{ty}_{}", self.rng.below(3)), false),
                4 => (format!("{ty}({})", self.float_lit()), true),
                _ => (format!("{ty}(int64_{})", self.rng.below(3)), false),
            };
        }
        match self.rng.below(10) {
            0 => {
                let (e, c) = self.float_expr_c(ty, depth - 1);
                (format!("(-{e})"), c)
            }
            1 if ty == "float64" => {
                let f = *self.rng.pick(&[
                    "math.Sqrt(math.Abs(",
                    "math.Floor((",
                    "math.Trunc((",
                    "math.Ceil((",
                    "math.Abs((",
                    "math.Exp((",
                    "math.Log(math.Abs(",
                    "math.Sin((",
                    "math.Atan((",
                    "math.Cbrt((",
                    "math.Log1p(math.Abs(",
                    "math.Tanh((",
                ]);
                (format!("{f}{}))", self.float_expr(ty, depth - 1)), false)
            }
            3 if ty == "float64" => {
                let f = *self.rng.pick(&[
                    "math.Pow",
                    "math.Hypot",
                    "math.Atan2",
                    "math.Max",
                    "math.Min",
                    "math.Remainder",
                    "math.Dim",
                ]);
                let (a, b) = (
                    self.float_expr(ty, depth - 1),
                    self.float_expr(ty, depth - 1),
                );
                (format!("{f}({a}, {b})"), false)
            }
            4 if ty == "float64" => {
                let a = self.float_expr(ty, depth - 1);
                let b = self.float_expr(ty, depth - 1);
                let c = self.float_expr(ty, depth - 1);
                (format!("math.FMA({a}, {b}, {c})"), false)
            }
            2 if ty == "float64" => (
                format!(
                    "math.Mod({}, {})",
                    self.float_expr(ty, depth - 1),
                    self.float_expr(ty, depth - 1)
                ),
                false,
            ),
            _ => {
                let op = *self.rng.pick(&["+", "-", "*", "/"]);
                let (l, lc) = self.float_expr_c(ty, depth - 1);
                let (r, rc) = self.float_expr_c(ty, depth - 1);
                if lc && rc {
                    (format!("({l} {op} {ty}_0)"), false)
                } else {
                    (format!("({l} {op} {r})"), false)
                }
            }
        }
    }

    fn block_floats(&mut self) {
        let (_, mut s) = self.new_block();
        for ty in ["float32", "float64"] {
            let vals: Vec<String> = (0..3).map(|_| self.float_lit()).collect();
            w!(
                s,
                "\t{ty}_0, {ty}_1, {ty}_2 := hide({ty}({})), {ty}({}), hide({ty}({}))",
                vals[0],
                vals[1],
                vals[2]
            );
        }
        let z = *self.rng.pick(&["0", "1", "-3"]);
        w!(
            s,
            "\tint64_0, int64_1, int64_2 := int64({}), int64({}), int64({z})",
            self.rng.range(-100000, 100000),
            self.rng.range(-50, 50)
        );
        w!(
            s,
            "\tuse(float32_0, float32_1, float32_2, float64_0, float64_1, float64_2, int64_0, int64_1, int64_2)"
        );
        for k in 0..self.rng.range(4, 9) {
            let ty = *self.rng.pick(&["float32", "float64"]);
            let e = self.float_expr(ty, 3);
            match self.rng.below(5) {
                0 => w!(
                    s,
                    "\tfmt.Printf(\"{k} %v %.3f %e %g\\n\", {e}, {e}, {e}, {e})"
                ),
                1 => w!(s, "\tfmt.Println(\"{k}\", f2i(float64({e})))"),
                2 => w!(
                    s,
                    "\tfmt.Println(\"{k}\", {e} < {}, math.IsNaN(float64({e})), math.IsInf(float64({e}), 0))",
                    self.float_expr(ty, 1)
                ),
                _ => w!(s, "\tfmt.Println(\"{k}\", {e})"),
            }
        }
        w!(s, "\tzero := float64(int64_2 - int64_2)");
        w!(
            s,
            "\tfmt.Println(1/zero, -1/zero, zero/zero, math.Copysign(0, -1), float32(1e39*float64_0/float64_0))"
        );
        w!(
            s,
            "\tfmt.Println(math.MaxFloat64, math.SmallestNonzeroFloat64, float32(math.MaxFloat32), math.Pi)"
        );
        self.end_block(s);
    }

    fn str_lit(&mut self) -> String {
        self.rng
            .pick(&[
                "\"alpha\"",
                "\"Beta gamma\"",
                "\"  spaced  out \"",
                "\"x,y,,z\"",
                "\"日本語\"",
                "\"ümlaut\"",
                "\"\"",
                "\"a\\tb\\nc\"",
                "\"GoLang\"",
            ])
            .to_string()
    }

    fn block_strings(&mut self) {
        let (_, mut s) = self.new_block();
        let a = self.str_lit();
        let b = self.str_lit();
        w!(s, "\ta, b := {a}, {b}");
        w!(s, "\tc := a + \"|\" + b");
        w!(
            s,
            "\tfmt.Println(c, len(c), a < b, a == b, strings.Compare(a, b))"
        );
        let ops = [
            "strings.ToUpper(c)",
            "strings.ToLower(c)",
            "strings.TrimSpace(c)",
            "strings.Repeat(a, 3)",
            "strings.Split(c, \",\")",
            "strings.Fields(c)",
            "strings.Contains(c, \"a\")",
            "strings.Index(c, \"a\")",
            "strings.LastIndex(c, \"a\")",
            "strings.ReplaceAll(c, \"a\", \"<A>\")",
            "strings.Title(b)",
            "strings.HasPrefix(c, a)",
            "strings.Join([]string{a, b, a}, \"-\")",
            "strings.Count(c, \"\")",
            "strings.Map(func(r rune) rune { if r == 'a' { return -1 }; return r + 1 }, c)",
            "strings.TrimLeft(c, \"ab \")",
            "strings.EqualFold(a, strings.ToUpper(a))",
            "strings.SplitN(c, \"a\", 2)",
            "strconv.Quote(c)",
            "strings.IndexRune(c, '語')",
            "strings.TrimFunc(c, unicode.IsLetter)",
        ];
        for _ in 0..self.rng.range(4, 9) {
            w!(s, "\tfmt.Printf(\"%q\\n\", {})", self.rng.pick(&ops));
        }
        w!(
            s,
            "\tfor i, r := range c {{\n\t\tif i%{} == 0 {{\n\t\t\tfmt.Print(i, \":\", string(r), \" \")\n\t\t}}\n\t}}\n\tfmt.Println()",
            self.rng.range(1, 4)
        );
        w!(
            s,
            "\tif len(c) > {} {{\n\t\tfmt.Println(c[1:len(c)-1], c[{}], c[:{}])\n\t}}",
            4,
            self.rng.range(0, 3),
            self.rng.range(0, 4)
        );
        w!(s, "\tvar sb strings.Builder");
        w!(
            s,
            "\tfor i := range {} {{\n\t\tfmt.Fprintf(&sb, \"%d:%s;\", i, a)\n\t\tsb.WriteByte('.')\n\t\tsb.WriteRune('é')\n\t}}",
            self.rng.range(1, 5)
        );
        w!(s, "\tfmt.Println(sb.String(), sb.Len())");
        w!(
            s,
            "\tbs := []byte(c)\n\tfor i := range bs {{\n\t\tbs[i] ^= {}\n\t}}\n\tfmt.Println(bs, string(bs) == c)",
            self.rng.range(0, 3)
        );
        self.end_block(s);
    }

    fn block_slices(&mut self) {
        let (_, mut s) = self.new_block();
        let ty = *self.rng.pick(&[
            "int", "int8", "string", "float64", "uint16", "[2]int", "*int",
        ]);
        let elem = |i: &str| match ty {
            "string" => format!("strconv.Itoa({i})"),
            "[2]int" => format!("[2]int{{{i}, -{i}}}"),
            "*int" => format!("func() *int {{ v := {i}; return &v }}()"),
            t => format!("{t}({i})"),
        };
        let show = if ty == "*int" { "derefs(s)" } else { "s" };
        w!(s, "\tvar s []{ty}");
        w!(s, "\tfmt.Println(s == nil, len(s), cap(s))");
        let n = self.rng.range(0, 40);
        w!(
            s,
            "\tfor i := range {n} {{\n\t\ts = append(s, {})\n\t\tif i%7 == 0 {{\n\t\t\tfmt.Println(len(s), cap(s))\n\t\t}}\n\t}}",
            elem("i")
        );
        w!(s, "\tfmt.Println({show}, len(s), cap(s))");
        let lo = self.rng.range(0, 5);
        let hi = lo + self.rng.range(0, 6);
        w!(s, "\tif len(s) >= {} {{", hi + 2);
        w!(s, "\t\tt := s[{lo}:{hi}]\n\t\tu := s[{lo}:{hi}:{}]", hi + 1);
        w!(
            s,
            "\t\tfmt.Println(len(t), cap(t) == len(s)-{lo}, len(u), cap(u))"
        );
        w!(
            s,
            "\t\tu = append(u, {})\n\t\tu = append(u, {})",
            elem("99"),
            elem("50")
        );
        w!(
            s,
            "\t\tn := copy(t, s[{}:])\n\t\tfmt.Println(n, len(u), cap(u) >= len(u))",
            self.rng.range(0, 3)
        );
        w!(s, "\t}}");
        w!(
            s,
            "\tm := make([]{ty}, {}, {})",
            self.rng.range(0, 5),
            self.rng.range(5, 12)
        );
        w!(s, "\tm = append(m, s...)\n\tfmt.Println(len(m), cap(m))");
        w!(
            s,
            "\tm2 := slices.Clone(m)\n\tfmt.Println(len(m2), slices.Equal(m, m2) || len(m) == 0)"
        );
        // Arrays are values.
        let n = self.rng.range(1, 6);
        w!(
            s,
            "\tvar arr [{n}]int\n\tarr2 := arr\n\tarr2[{}] = {}\n\tfmt.Println(arr, arr2, arr == arr2, len(arr))",
            self.rng.below(n as u64),
            self.rng.range(1, 9)
        );
        w!(
            s,
            "\tpa := &arr2\n\tfor i := range pa {{\n\t\tpa[i] += i * {}\n\t}}\n\tfmt.Println(*pa)",
            self.rng.range(1, 5)
        );
        w!(
            s,
            "\tgrid := [][]int{{}}\n\tfor i := range {} {{\n\t\trow := make([]int, i+1)\n\t\tfor j := range row {{\n\t\t\trow[j] = i*j - {}\n\t\t}}\n\t\tgrid = append(grid, row)\n\t}}\n\tfmt.Println(grid)",
            self.rng.range(1, 6),
            self.rng.range(0, 5)
        );
        w!(
            s,
            "\tclear(m)\n\tfmt.Println(len(m), slices.Index(s, {}), slices.Contains(s, {}))",
            elem("3"),
            elem("5")
        );
        self.end_block(s);
    }

    fn block_maps(&mut self) {
        let (_, mut s) = self.new_block();
        let kt = *self.rng.pick(&[
            "int", "string", "int8", "uint64", "[2]int", "pt", "float64", "bool", "any",
        ]);
        let key = |i: &str| match kt {
            "string" => format!("strconv.Itoa({i}*7%13)"),
            "[2]int" => format!("[2]int{{{i} % 5, {i} % 3}}"),
            "pt" => format!("pt{{{i} % 4, -{i} % 3}}"),
            "bool" => format!("{i}%3 == 0"),
            "any" => format!("anyKey({i})"),
            t => format!("{t}({i}*{i}%17)"),
        };
        let vt = *self.rng.pick(&["int", "string", "[]int"]);
        let val = |i: &str| match vt {
            "string" => format!("fmt.Sprint(\"v\", {i})"),
            "[]int" => format!("[]int{{{i}, {i} * 2}}"),
            _ => format!("{i} * 3"),
        };
        w!(s, "\tm := map[{kt}]{vt}{{}}");
        let n = self.rng.range(0, 30);
        w!(
            s,
            "\tfor i := range {n} {{\n\t\tm[{}] = {}\n\t}}",
            key("i"),
            val("i")
        );
        w!(s, "\tfmt.Println(len(m), m)");
        w!(s, "\tdelete(m, {})\n\tdelete(m, {})", key("3"), key("1000"));
        w!(
            s,
            "\tv, ok := m[{}]\n\tfmt.Println(v, ok, len(m))",
            key("2")
        );
        w!(s, "\tv2, ok2 := m[{}]\n\tfmt.Println(v2, ok2)", key("99"));
        if vt == "int" {
            w!(s, "\tm[{}]++\n\tm[{}] += 10", key("4"), key("5"));
            w!(
                s,
                "\tsum := 0\n\tfor _, v := range m {{\n\t\tsum += v\n\t}}\n\tfmt.Println(\"sum\", sum)"
            );
        }
        if matches!(kt, "int" | "string" | "int8" | "uint64" | "float64") {
            w!(
                s,
                "\tkeys := make([]{kt}, 0, len(m))\n\tfor k := range m {{\n\t\tkeys = append(keys, k)\n\t}}"
            );
            w!(
                s,
                "\tsort.Slice(keys, func(i, j int) bool {{ return keys[i] < keys[j] }})"
            );
            w!(
                s,
                "\tfor _, k := range keys {{\n\t\tfmt.Print(k, \"=\", m[k], \" \")\n\t}}\n\tfmt.Println()"
            );
            w!(s, "\tfmt.Println(slices.Sorted(maps.Keys(m)))");
        }
        w!(
            s,
            "\tvar nm map[string]int\n\tfmt.Println(nm[\"x\"], len(nm), nm == nil)"
        );
        w!(
            s,
            "\tcounts := map[rune]int{{}}\n\tfor _, r := range {} {{\n\t\tcounts[r]++\n\t}}\n\tfmt.Println(counts)",
            self.str_lit()
        );
        w!(s, "\tclear(m)\n\tfmt.Println(len(m))");
        self.end_block(s);
    }

    fn block_structs(&mut self) {
        let (_, mut s) = self.new_block();
        let (a, b, c) = (
            self.rng.range(-50, 50),
            self.rng.range(-50, 50),
            self.str_lit(),
        );
        w!(
            s,
            "\tr := rec{{id: {a}, name: {c}, pos: pt{{{b}, {}}}, tags: []string{{\"t1\"}}}}",
            self.rng.range(0, 9)
        );
        w!(s, "\tr2 := r\n\tr2.pos.x++\n\tr2.tags[0] = \"shared\"");
        w!(
            s,
            "\tfmt.Printf(\"%v\\n%+v\\n%v\\n\", r, r2, r.pos == r2.pos)"
        );
        w!(
            s,
            "\tp := &r\n\tp.bump({})\n\tp.pos.move({}, {})\n\tfmt.Println(r.id, r.pos, r.pos.dist())",
            self.rng.range(1, 9),
            self.rng.range(-5, 5),
            self.rng.range(-5, 5)
        );
        w!(
            s,
            "\te := emb{{pt: pt{{{}, {}}}, label: \"e\"}}\n\te.move(1, 1)\n\tfmt.Println(e.x, e.y, e.dist(), e)",
            self.rng.range(0, 9),
            self.rng.range(0, 9)
        );
        w!(s, "\tvar np *pt\n\tfmt.Println(np == nil, np.safe())");
        w!(
            s,
            "\tpp := &p\n\t(*pp).id = {}\n\tfmt.Println(r.id, (**pp).name)",
            self.rng.range(100, 200)
        );
        w!(
            s,
            "\tlist := []*rec{{}}\n\tfor i := range {} {{\n\t\tlist = append(list, &rec{{id: i, name: strconv.Itoa(i)}})\n\t}}",
            self.rng.range(1, 6)
        );
        w!(
            s,
            "\tfor _, x := range list {{\n\t\tx.bump(x.id)\n\t}}\n\tfor _, x := range list {{\n\t\tfmt.Print(x.id, \" \")\n\t}}\n\tfmt.Println()"
        );
        w!(
            s,
            "\tanon := struct {{\n\t\ta int\n\t\tb string\n\t}}{{{}, \"anon\"}}\n\tfmt.Printf(\"%v %+v %T\\n\", anon, anon, anon)",
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tvar ll *node\n\tfor i := range {} {{\n\t\tll = &node{{val: i * {}, next: ll}}\n\t}}\n\tfor n := ll; n != nil; n = n.next {{\n\t\tfmt.Print(n.val, \" \")\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 8),
            self.rng.range(1, 5)
        );
        self.end_block(s);
    }

    fn block_closures(&mut self) {
        let (_, mut s) = self.new_block();
        let step = self.rng.range(-3, 7);
        w!(
            s,
            "\tcounter := func(start int) func() int {{\n\t\tn := start\n\t\treturn func() int {{\n\t\t\tn += {step}\n\t\t\treturn n\n\t\t}}\n\t}}"
        );
        w!(
            s,
            "\tc1, c2 := counter({}), counter({})",
            self.rng.range(0, 10),
            self.rng.range(0, 10)
        );
        w!(s, "\tfmt.Println(c1(), c1(), c2(), c1())");
        let n = self.rng.range(1, 6);
        w!(
            s,
            "\tvar fs []func() int\n\tfor i := range {n} {{\n\t\tfs = append(fs, func() int {{ return i * i }})\n\t}}"
        );
        w!(
            s,
            "\tfor _, f := range fs {{\n\t\tfmt.Print(f(), \" \")\n\t}}\n\tfmt.Println()"
        );
        w!(
            s,
            "\tx := {}\n\tadd := func(d int) {{ x += d }}\n\tadd({})\n\tadd(x)\n\tfmt.Println(x)",
            self.rng.range(0, 10),
            self.rng.range(0, 10)
        );
        w!(
            s,
            "\tcompose := func(f, g func(int) int) func(int) int {{ return func(v int) int {{ return g(f(v)) }} }}"
        );
        w!(
            s,
            "\th := compose(func(v int) int {{ return v * {} }}, func(v int) int {{ return v - {} }})",
            self.rng.range(1, 5),
            self.rng.range(0, 5)
        );
        w!(s, "\tfmt.Println(h(3), h(-7), compose(h, h)(2))");
        w!(
            s,
            "\tvar fib func(int) int\n\tfib = func(n int) int {{\n\t\tif n < 2 {{\n\t\t\treturn n\n\t\t}}\n\t\treturn fib(n-1) + fib(n-2)\n\t}}\n\tfmt.Println(fib({}))",
            self.rng.range(0, 20)
        );
        w!(
            s,
            "\tmv := pt{{{}, {}}}.dist\n\tme := pt.dist\n\tfmt.Println(mv(), me(pt{{1, 2}}))",
            self.rng.range(0, 9),
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tacc := 0\n\tfunc() {{\n\t\tfor i := 0; i < {}; i++ {{\n\t\t\tdefer func() {{ acc = acc*2 + i }}()\n\t\t}}\n\t}}()\n\tfmt.Println(acc)",
            self.rng.range(0, 8)
        );
        self.end_block(s);
    }

    fn block_interfaces(&mut self) {
        let (_, mut s) = self.new_block();
        let n = self.rng.range(2, 7);
        w!(s, "\tvar shapes []shape");
        for i in 0..n {
            let sh = match self.rng.below(4) {
                0 => format!("circle{{r: {}}}", self.rng.range(0, 9)),
                1 => format!(
                    "&rect{{w: {}, h: {}}}",
                    self.rng.range(0, 9),
                    self.rng.range(0, 9)
                ),
                2 => format!("square({})", self.rng.range(0, 9)),
                _ => format!("named{{\"n{i}\", square({})}}", self.rng.range(0, 9)),
            };
            w!(s, "\tshapes = append(shapes, {sh})");
        }
        w!(s, "\tfor i, sh := range shapes {{");
        w!(
            s,
            "\t\tfmt.Printf(\"%d %T %.2f %v %s\\n\", i, sh, sh.area(), sh, sh.name())"
        );
        w!(
            s,
            "\t\tswitch v := sh.(type) {{\n\t\tcase circle:\n\t\t\tfmt.Println(\"circle\", v.r)\n\t\tcase *rect:\n\t\t\tv.w++\n\t\t\tfmt.Println(\"rect\", v.w, v.h)\n\t\tcase fmt.Stringer:\n\t\t\tfmt.Println(\"stringer\", v.String())\n\t\tdefault:\n\t\t\tfmt.Println(\"other\", v)\n\t\t}}"
        );
        w!(
            s,
            "\t\tif sc, ok := sh.(scaler); ok {{\n\t\t\tsc.scale({})\n\t\t\tfmt.Println(\"scaled\", sh.area())\n\t\t}}",
            self.rng.range(1, 4)
        );
        w!(s, "\t}}");
        w!(
            s,
            "\tvar e any = shapes[0]\n\t_, isC := e.(circle)\n\tfmt.Println(isC, e != nil, e == shapes[0])"
        );
        w!(
            s,
            "\tvar vals []any = []any{{{}, \"s\", {}, nil, []int{{1}}, pt{{1, 2}}, &pt{{3, 4}}, int8(-3), 2.5, errors.New(\"boom\"), true}}",
            self.rng.range(-9, 9),
            self.rng.range(0, 5)
        );
        w!(
            s,
            "\tfor _, v := range vals {{\n\t\tfmt.Println(describe(v))\n\t}}"
        );
        w!(
            s,
            "\tvar err error = myErr{{{}}}\n\tfmt.Println(err)\n\tvar me myErr\n\tfmt.Println(errors.As(fmt.Errorf(\"wrap: %w\", err), &me), me.code)",
            self.rng.range(0, 100)
        );
        w!(
            s,
            "\tvar nilShape shape\n\tfmt.Println(nilShape == nil)\n\tvar rp *rect\n\tnilShape = rp\n\tfmt.Println(nilShape == nil, nilShape != nil)"
        );
        self.end_block(s);
    }

    fn block_generics(&mut self) {
        let (_, mut s) = self.new_block();
        let n = self.rng.range(0, 12);
        let ty = *self
            .rng
            .pick(&["int", "int8", "uint32", "float64", "myInt"]);
        w!(
            s,
            "\txs := make([]{ty}, 0)\n\tfor i := range {n} {{\n\t\txs = append(xs, {ty}(i*{}-{}))\n\t}}",
            self.rng.range(1, 9),
            self.rng.range(0, 20)
        );
        w!(
            s,
            "\tfmt.Println(sum(xs), gmax(xs...), mapSlice(xs, func(v {ty}) string {{ return fmt.Sprint(v) }}))"
        );
        w!(
            s,
            "\tfmt.Println(filter(xs, func(v {ty}) bool {{ return v > {ty}({}) }}))",
            self.rng.range(0, 10)
        );
        w!(
            s,
            "\tfmt.Println(reduce(xs, {}, func(a int, v {ty}) int {{ return a*{} + int(v) }}))",
            self.rng.range(0, 5),
            self.rng.range(1, 4)
        );
        w!(
            s,
            "\tst := &stack[string]{{}}\n\tfor i := range {} {{\n\t\tst.push(strconv.Itoa(i))\n\t}}",
            self.rng.range(0, 6)
        );
        w!(
            s,
            "\tfor {{\n\t\tv, ok := st.pop()\n\t\tif !ok {{\n\t\t\tbreak\n\t\t}}\n\t\tfmt.Print(v, \" \")\n\t}}\n\tfmt.Println(st.len())"
        );
        w!(
            s,
            "\tp := pair[string, {ty}]{{\"k\", {ty}({})}}\n\tfmt.Printf(\"%v %+v %T\\n\", p, p.swap(), p)",
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tfmt.Println(keysSorted(map[string]int{{\"z\": 1, \"a\": 2, \"m\": {}}}))",
            self.rng.range(0, 3)
        );
        w!(
            s,
            "\tfmt.Println(gmin(3, {}), gmin(\"b\", \"a\"), gmin(2.5, {}.0))",
            self.rng.range(-5, 5),
            self.rng.range(-5, 5)
        );
        w!(
            s,
            "\tfmt.Println(min({}, {}, -1), max(\"x\", \"yz\"), min(1.5, 2))",
            self.rng.range(-5, 5),
            self.rng.range(-5, 5)
        );
        self.end_block(s);
    }

    fn block_defer(&mut self) {
        let (_, mut s) = self.new_block();
        w!(
            s,
            "\tfor i := range {} {{\n\t\tdefer fmt.Println(\"deferred\", i)\n\t}}",
            self.rng.range(0, 4)
        );
        w!(s, "\tfmt.Println(namedResult({}))", self.rng.range(-5, 5));
        let kinds = FAULTS;
        for _ in 0..self.rng.range(1, 5) {
            let k = *self.rng.pick(kinds);
            w!(
                s,
                "\tfmt.Println(\"recovered:\", try(func() {{ fault(\"{k}\", {}) }}))",
                self.rng.range(0, 4)
            );
        }
        w!(
            s,
            "\tfmt.Println(\"nested:\", try(func() {{\n\t\tdefer func() {{\n\t\t\tr := recover()\n\t\t\tpanic(fmt.Sprint(\"re-\", r))\n\t\t}}()\n\t\tpanic(\"first\")\n\t}}))"
        );
        w!(s, "\tfmt.Println(\"none:\", try(func() {{}}))");
        self.end_block(s);
    }

    fn block_goroutines(&mut self) {
        let (_, mut s) = self.new_block();
        let n = self.rng.range(1, 8);
        let w = self.rng.range(1, 4);
        w!(
            s,
            "\tjobs := make(chan int, {n})\n\tresults := make([]int, {n})\n\tvar wg sync.WaitGroup"
        );
        w!(
            s,
            "\tfor range {w} {{\n\t\twg.Add(1)\n\t\tgo func() {{\n\t\t\tdefer wg.Done()\n\t\t\tfor j := range jobs {{\n\t\t\t\tresults[j] = j * j * {}\n\t\t\t}}\n\t\t}}()\n\t}}",
            self.rng.range(1, 5)
        );
        w!(
            s,
            "\tfor i := range {n} {{\n\t\tjobs <- i\n\t}}\n\tclose(jobs)\n\twg.Wait()\n\tfmt.Println(results)"
        );
        w!(
            s,
            "\tch := make(chan string)\n\tdone := make(chan bool)\n\tgo func() {{\n\t\tfor v := range ch {{\n\t\t\tfmt.Println(\"got\", v)\n\t\t}}\n\t\tdone <- true\n\t}}()"
        );
        w!(
            s,
            "\tfor i := range {} {{\n\t\tch <- strings.Repeat(\"*\", i)\n\t}}\n\tclose(ch)\n\t<-done",
            self.rng.range(0, 5)
        );
        w!(
            s,
            "\tvar mu sync.Mutex\n\ttotal := 0\n\tvar wg2 sync.WaitGroup\n\tfor i := range {} {{\n\t\twg2.Add(1)\n\t\tgo func(k int) {{\n\t\t\tdefer wg2.Done()\n\t\t\tmu.Lock()\n\t\t\ttotal += k\n\t\t\tmu.Unlock()\n\t\t}}(i)\n\t}}\n\twg2.Wait()\n\tfmt.Println(\"total\", total)",
            self.rng.range(0, 30)
        );
        w!(
            s,
            "\tbuf := make(chan int, {})\n\tbuf <- 1\n\tfmt.Println(len(buf), cap(buf))",
            self.rng.range(1, 5)
        );
        w!(
            s,
            "\tselect {{\n\tcase v := <-buf:\n\t\tfmt.Println(\"recv\", v)\n\tdefault:\n\t\tfmt.Println(\"empty\")\n\t}}"
        );
        w!(
            s,
            "\tselect {{\n\tcase v := <-buf:\n\t\tfmt.Println(\"recv\", v)\n\tdefault:\n\t\tfmt.Println(\"empty\")\n\t}}"
        );
        w!(s, "\tclose(buf)\n\tv, ok := <-buf\n\tfmt.Println(v, ok)");
        w!(
            s,
            "\tpipe := gen({})\n\tsq := square2(pipe)\n\tfor v := range sq {{\n\t\tfmt.Print(v, \" \")\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 6)
        );
        w!(
            s,
            "\tvar once sync.Once\n\tfor range 3 {{\n\t\tonce.Do(func() {{ fmt.Println(\"once\") }})\n\t}}"
        );
        self.end_block(s);
    }

    fn block_ranges(&mut self) {
        let (_, mut s) = self.new_block();
        w!(
            s,
            "\tfor i := range {} {{\n\t\tfmt.Print(i, \" \")\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 6)
        );
        w!(
            s,
            "\tfor i := range int8({}) {{\n\t\tfmt.Printf(\"%T%d \", i, i)\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 4)
        );
        let str_ = *self.rng.pick(&[
            "\"aé世\\xff!\"",
            "\"\"",
            "\"abc\"",
            "\"\\xe4\\xb8\"",
            "\"🙂x\"",
        ]);
        w!(
            s,
            "\tfor i, r := range {str_} {{\n\t\tfmt.Print(i, \":\", r, \" \")\n\t}}\n\tfmt.Println()"
        );
        w!(
            s,
            "\tfor v := range countTo({}) {{\n\t\tif v == {} {{\n\t\t\tbreak\n\t\t}}\n\t\tfmt.Print(v, \" \")\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 8),
            self.rng.range(0, 8)
        );
        w!(
            s,
            "\tfor k, v := range enumerate([]string{{\"a\", \"b\", \"c\"}}) {{\n\t\tfmt.Print(k, v, \" \")\n\t}}\n\tfmt.Println()"
        );
        w!(
            s,
            "\tarr := [...]int{{{}, {}, {}}}\n\tfor i, v := range arr {{\n\t\tarr[2-i] = v * 2\n\t}}\n\tfmt.Println(arr)",
            self.rng.range(0, 9),
            self.rng.range(0, 9),
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tsl := []int{{1, 2, 3}}\n\tfor i, v := range sl {{\n\t\tif i == 0 {{\n\t\t\tsl = append(sl, v*10)\n\t\t}}\n\t\tsl[len(sl)-1] += v\n\t}}\n\tfmt.Println(sl)"
        );
        w!(
            s,
            "\tfor i := range slices.Values([]int{{{}, {}}}) {{\n\t\tfmt.Print(i, \" \")\n\t}}\n\tfor k, v := range slices.Backward([]string{{\"x\", \"y\"}}) {{\n\t\tfmt.Print(k, v, \" \")\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 9),
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tch := make(chan int, 3)\n\tch <- {}\n\tch <- 2\n\tclose(ch)\n\tfor v := range ch {{\n\t\tfmt.Print(v, \" \")\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 9)
        );
        self.end_block(s);
    }

    fn block_control(&mut self) {
        let (_, mut s) = self.new_block();
        let (a, b) = (self.rng.range(1, 7), self.rng.range(1, 7));
        w!(
            s,
            "outer:\n\tfor i := range {a} {{\n\t\tfor j := range {b} {{\n\t\t\tif j == {} {{\n\t\t\t\tcontinue outer\n\t\t\t}}\n\t\t\tif i*j > {} {{\n\t\t\t\tbreak outer\n\t\t\t}}\n\t\t\tfmt.Print(i, j, \" \")\n\t\t}}\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 6),
            self.rng.range(0, 12)
        );
        for _ in 0..self.rng.range(1, 4) {
            let v = self.rng.range(-1, 6);
            w!(
                s,
                "\tswitch x := {v}; x {{\n\tcase 0:\n\t\tfmt.Println(\"zero\")\n\t\tfallthrough\n\tcase 1, 2:\n\t\tfmt.Println(\"small\", x)\n\tcase 3:\n\t\tfmt.Println(\"three\")\n\t\tfallthrough\n\tdefault:\n\t\tfmt.Println(\"default\", x)\n\t}}"
            );
        }
        let v = self.rng.range(-20, 20);
        w!(
            s,
            "\tswitch y := {v}; {{\n\tcase y < 0:\n\t\tfmt.Println(\"neg\")\n\tcase y > 10:\n\t\tfmt.Println(\"big\")\n\tdefault:\n\t\tfmt.Println(\"mid\")\n\t}}"
        );
        let sw = self.str_lit();
        w!(
            s,
            "\tswitch {sw} {{\n\tcase \"alpha\", \"GoLang\":\n\t\tfmt.Println(\"known\")\n\tcase \"\":\n\t\tfmt.Println(\"empty\")\n\tdefault:\n\t\tfmt.Println(\"unknown\")\n\t}}"
        );
        w!(
            s,
            "\tk := 0\nloop:\n\tif k < {} {{\n\t\tk += 2\n\t\tgoto loop\n\t}}\n\tfmt.Println(\"k\", k)",
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tn := {}\n\tsteps := 0\n\tfor n != 1 && steps < 200 {{\n\t\tif n%2 == 0 {{\n\t\t\tn /= 2\n\t\t}} else {{\n\t\t\tn = 3*n + 1\n\t\t}}\n\t\tsteps++\n\t}}\n\tfmt.Println(\"collatz\", steps)",
            self.rng.range(1, 100)
        );
        w!(
            s,
            "\tfor i, j := 0, {}; i < j; i, j = i+1, j-1 {{\n\t\tfmt.Print(i*j, \" \")\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 10)
        );
        self.end_block(s);
    }

    fn block_sort(&mut self) {
        let (_, mut s) = self.new_block();
        let n = self.rng.range(0, 15);
        let vals: Vec<String> = (0..n)
            .map(|_| self.rng.range(-20, 20).to_string())
            .collect();
        w!(s, "\txs := []int{{{}}}", vals.join(", "));
        w!(
            s,
            "\tys := slices.Clone(xs)\n\tsort.Ints(ys)\n\tfmt.Println(ys, sort.IntsAreSorted(ys), sort.SearchInts(ys, {}))",
            self.rng.range(-5, 5)
        );
        w!(
            s,
            "\tsort.Sort(sort.Reverse(sort.IntSlice(xs)))\n\tfmt.Println(xs)"
        );
        w!(
            s,
            "\tpeople := []rec{{}}\n\tfor i, v := range ys {{\n\t\tpeople = append(people, rec{{id: v % {}, name: string(rune('a' + i%26))}})\n\t}}",
            self.rng.range(1, 5)
        );
        w!(
            s,
            "\tsort.SliceStable(people, func(i, j int) bool {{ return people[i].id < people[j].id }})\n\tfor _, p := range people {{\n\t\tfmt.Print(p.id, p.name, \" \")\n\t}}\n\tfmt.Println()"
        );
        w!(
            s,
            "\tslices.SortFunc(people, func(a, b rec) int {{ return strings.Compare(b.name, a.name) }})\n\tfmt.Println(len(people))"
        );
        w!(
            s,
            "\twords := strings.Fields({})\n\tsort.Strings(words)\n\tfmt.Println(words, slices.Max(append(words, \"\")))",
            self.str_lit()
        );
        w!(
            s,
            "\tidx, found := slices.BinarySearch(ys, {})\n\tfmt.Println(idx, found)",
            self.rng.range(-5, 5)
        );
        self.end_block(s);
    }

    /// A value of one of the call-test parameter types: (type, literal, printable expression
    /// of a parameter `p` of that type, a transformed value of the same type).
    fn call_value(&mut self) -> CallValue {
        fn id(p: &str) -> String {
            p.to_string()
        }
        fn deref(p: &str) -> String {
            format!("*{p}")
        }
        fn twice(p: &str) -> String {
            format!("{p} * 2 + 1")
        }
        fn neg(p: &str) -> String {
            format!("!{p}")
        }
        fn bang(p: &str) -> String {
            format!("{p} + \"!\"")
        }
        fn arr(p: &str) -> String {
            format!("[3]int16{{{p}[2], {p}[0], {p}[1] - 1}}")
        }
        fn sa(p: &str) -> String {
            format!("sA{{{p}.a + 1, {p}.b / 2, {p}.c + {p}.c}}")
        }
        fn sb(p: &str) -> String {
            format!("sB{{{p}.y, -{p}.x}}")
        }
        fn ptr(p: &str) -> String {
            format!("func() *int {{ *{p}++; return {p} }}()")
        }
        match self.rng.below(12) {
            0..=3 => {
                let ty = *self.rng.pick(INT_TYS);
                let v = int_const(&mut self.rng, ty, false);
                (ty.name.to_string(), typed(ty, v), id, twice)
            }
            4 | 5 => {
                let ty = *self.rng.pick(&["float32", "float64"]);
                (
                    ty.to_string(),
                    format!("{ty}({})", self.float_lit()),
                    id,
                    twice,
                )
            }
            6 => ("string".into(), self.str_lit(), id, bang),
            7 => (
                "bool".into(),
                self.rng.pick(&["true", "false"]).to_string(),
                id,
                neg,
            ),
            8 => {
                let v: Vec<String> = (0..3)
                    .map(|_| self.rng.range(-32768, 32767).to_string())
                    .collect();
                (
                    "[3]int16".into(),
                    format!("[3]int16{{{}}}", v.join(", ")),
                    id,
                    arr,
                )
            }
            9 => {
                let v = format!(
                    "sA{{{}, {}, {}}}",
                    self.rng.range(-128, 126),
                    self.float_lit(),
                    self.str_lit()
                );
                ("sA".into(), v, id, sa)
            }
            10 => {
                let v = format!("sB{{{}, {}}}", self.float_lit(), self.float_lit());
                ("sB".into(), v, id, sb)
            }
            _ => {
                let v = format!(
                    "func() *int {{ v := {}; return &v }}()",
                    self.rng.range(-99, 99)
                );
                ("*int".into(), v, deref, ptr)
            }
        }
    }

    /// Calls through a function with a random signature: many parameters and results of mixed
    /// kinds (registers and stack under gc's ABI), called directly, through a func value, as a
    /// method, deferred and recursively.
    fn block_calls(&mut self) {
        let n = self.rng.range(1, 14) as usize;
        let params: Vec<_> = (0..n).map(|_| self.call_value()).collect();
        let nres = self.rng.range(0, 5) as usize;
        let res: Vec<usize> = (0..nres)
            .map(|_| self.rng.below(n as u64) as usize)
            .collect();
        let fname = format!("call{}", self.blocks + 1);
        let sig_params: Vec<String> = params
            .iter()
            .enumerate()
            .map(|(i, p)| format!("p{i} {}", p.0))
            .collect();
        let sig_res: Vec<String> = res.iter().map(|&i| params[i].0.clone()).collect();
        let res_text = match sig_res.len() {
            0 => String::new(),
            1 => format!(" {}", sig_res[0]),
            _ => format!(" ({})", sig_res.join(", ")),
        };
        let mut d = String::new();
        w!(d, "func {fname}({}){res_text} {{", sig_params.join(", "));
        let shown: Vec<String> = params
            .iter()
            .enumerate()
            .map(|(i, p)| (p.2)(&format!("p{i}")))
            .collect();
        w!(d, "\tfmt.Println(\"{fname}\", {})", shown.join(", "));
        if !res.is_empty() {
            let rets: Vec<String> = res
                .iter()
                .map(|&i| (params[i].3)(&format!("p{i}")))
                .collect();
            w!(d, "\treturn {}", rets.join(", "));
        }
        w!(d, "}}\n");
        w!(
            d,
            "func (r *rec) {fname}m({}){res_text} {{",
            sig_params.join(", ")
        );
        w!(d, "\tr.id++");
        let args: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
        if res.is_empty() {
            w!(d, "\t{fname}({})", args.join(", "));
        } else {
            w!(d, "\treturn {fname}({})", args.join(", "));
        }
        w!(d, "}}\n");
        self.decls.push_str(&d);
        let (_, mut s) = self.new_block();
        for (i, p) in params.iter().enumerate() {
            w!(s, "\ta{i} := {}", p.1);
        }
        let args: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
        let args = args.join(", ");
        let rnames: Vec<String> = (0..nres).map(|i| format!("r{i}")).collect();
        let shown: Vec<String> = res
            .iter()
            .enumerate()
            .map(|(k, &i)| (params[i].2)(&format!("r{k}")))
            .collect();
        if nres == 0 {
            w!(s, "\t{fname}({args})");
        } else {
            w!(s, "\t{} := {fname}({args})", rnames.join(", "));
            w!(s, "\tfmt.Println({})", shown.join(", "));
        }
        w!(s, "\tf := {fname}\n\tdefer f({args})");
        w!(s, "\tvar rv rec\n\tm := rv.{fname}m");
        if nres == 0 {
            w!(s, "\tm({args})");
        } else {
            w!(s, "\t{} = m({args})", rnames.join(", "));
            w!(s, "\tfmt.Println(rv.id, {})", shown.join(", "));
        }
        w!(
            s,
            "\tdone := make(chan bool)\n\tgo func() {{\n\t\t{fname}({args})\n\t\tdone <- true\n\t}}()\n\t<-done"
        );
        self.end_block(s);
    }

    /// Untyped constant arithmetic (exact, arbitrary precision in Go) printed after conversion.
    fn block_consts(&mut self) {
        let (_, mut s) = self.new_block();
        for k in 0..self.rng.range(2, 6) {
            // Integer constants: computed here in i128 to keep the result printable as int64.
            let (text, v) = loop {
                let mut v: i128 = self.rng.range(-1000, 1000) as i128;
                let mut text = v.to_string();
                let mut ok = true;
                for _ in 0..self.rng.range(1, 5) {
                    let c: i128 = match self.rng.below(3) {
                        0 => 1i128 << self.rng.below(100),
                        1 => self.rng.range(1, 99) as i128,
                        _ => -(self.rng.range(1, 1 << 20) as i128),
                    };
                    let op = *self.rng.pick(&["+", "-", "*", "/", "%", "<<", ">>"]);
                    let next = match op {
                        "+" => v.checked_add(c),
                        "-" => v.checked_sub(c),
                        "*" => v.checked_mul(c),
                        "/" => v.checked_div(c),
                        "%" => v.checked_rem(c),
                        "<<" | ">>" => {
                            let n = self.rng.below(40) as u32;
                            let r = if op == "<<" {
                                v.checked_shl(n).filter(|r| r >> n == v)
                            } else {
                                Some(v >> n)
                            };
                            if let Some(r) = r {
                                text = format!("({text} {op} {n})");
                                v = r;
                            } else {
                                ok = false;
                            }
                            continue;
                        }
                        _ => None,
                    };
                    match next {
                        Some(r) if r.unsigned_abs() < (1u128 << 120) => {
                            text = format!("({text} {op} {c})");
                            v = r;
                        }
                        _ => ok = false,
                    }
                }
                if ok && v >= i64::MIN as i128 && v <= i64::MAX as i128 {
                    break (text, v);
                }
            };
            let _ = v;
            w!(s, "\tconst k{k} = {text}");
            w!(
                s,
                "\tfmt.Println(k{k}, int8(k{k} & 0x7f), uint16(k{k} & 0xffff), float64(k{k}), k{k} / 7, k{k} % -3)"
            );
        }
        for k in 0..self.rng.range(1, 4) {
            let mut text = self.float_lit();
            for _ in 0..self.rng.range(1, 4) {
                let op = *self.rng.pick(&["+", "-", "*", "/"]);
                text = format!("({text} {op} {})", self.float_lit());
            }
            w!(s, "\tconst f{k} = {text}");
            w!(
                s,
                "\tfmt.Println(f{k}, f{k} == f{k}*1.0, f{k} > 1, f{k}*0.5)"
            );
        }
        w!(
            s,
            "\tconst third = 1.0 / 3\n\tfmt.Println(third*3 == 1, 0.1+0.2 == 0.3, third)"
        );
        w!(
            s,
            "\tconst huge = 1 << 100\n\tfmt.Println(huge >> 98, huge / (1 << 90), float64(huge))"
        );
        w!(
            s,
            "\ttype weekday int\n\tconst (\n\t\tsun weekday = iota * {}\n\t\tmon\n\t\ttue\n\t\t_\n\t\tthu\n\t)\n\tfmt.Println(sun, mon, tue, thu)",
            self.rng.range(1, 5)
        );
        w!(
            s,
            "\tconst (\n\t\tkb = 1 << (10 * (iota + 1))\n\t\tmb\n\t\tgb\n\t)\n\tfmt.Println(kb, mb, gb, 'a'+1, string(rune('a'+{})))",
            self.rng.range(0, 25)
        );
        self.end_block(s);
    }

    /// math/bits and wide multiplication over the integer variables.
    fn block_bits(&mut self) {
        let (_, mut s) = self.new_block();
        self.int_vars(&mut s);
        let calls = [
            "bits.LeadingZeros64(uint64_{k})",
            "bits.TrailingZeros32(uint32_{k})",
            "bits.OnesCount16(uint16_{k})",
            "bits.RotateLeft8(uint8_{k}, int(int8_{k}))",
            "bits.Reverse32(uint32_{k})",
            "bits.ReverseBytes64(uint64_{k})",
            "bits.Len(uint_{k})",
            "bits.Len8(uint8_{k})",
            "bits.OnesCount64(uint64_{k})",
            "bits.RotateLeft64(uint64_{k}, int_{k} % 70)",
            "bits.TrailingZeros64(uint64_{k})",
            "bits.LeadingZeros16(uint16_{k})",
            "bits.ReverseBytes16(uint16_{k})",
        ];
        for _ in 0..self.rng.range(3, 8) {
            let c = self
                .rng
                .pick(&calls)
                .replace("{k}", &self.rng.below(3).to_string());
            w!(s, "\tfmt.Println({c})");
        }
        let (a, b) = (self.rng.below(3), self.rng.below(3));
        w!(
            s,
            "\thi, lo := bits.Mul64(uint64_{a}, uint64_{b})\n\tfmt.Println(hi, lo)"
        );
        w!(
            s,
            "\tsum, carry := bits.Add64(uint64_{a}, uint64_{b}, uint64(int_{a}&1))\n\tfmt.Println(sum, carry)"
        );
        w!(
            s,
            "\tdiff, borrow := bits.Sub64(uint64_{a}, uint64_{b}, 1)\n\tfmt.Println(diff, borrow)"
        );
        w!(
            s,
            "\tif hi < uint64_{b} {{\n\t\tq, r := bits.Div64(hi, lo, uint64_{b})\n\t\tfmt.Println(q, r)\n\t}}"
        );
        w!(
            s,
            "\tfmt.Println(int64_{a} * int64_{b} / nz(int64_{b}), uint32_{a} * 0x9e3779b9 >> 16, int32_{a} >> 31, int8_{b} >> 7)"
        );
        self.end_block(s);
    }

    /// Enough allocation to run the collector several times while live data must survive.
    fn block_alloc(&mut self) {
        let (_, mut s) = self.new_block();
        let n = self.rng.range(1000, 200000);
        w!(
            s,
            "\tvar keep []*node\n\tvar head *node\n\tfor i := range {n} {{\n\t\thead = &node{{val: i, next: head}}\n\t\tif i%{} == 0 {{\n\t\t\tkeep = append(keep, head)\n\t\t\thead = nil\n\t\t}}\n\t}}",
            self.rng.range(50, 5000)
        );
        w!(
            s,
            "\ttotal := 0\n\tfor _, k := range keep {{\n\t\tfor p := k; p != nil; p = p.next {{\n\t\t\ttotal += p.val & 0xff\n\t\t}}\n\t}}\n\tfmt.Println(len(keep), total)"
        );
        w!(
            s,
            "\tm := map[int]string{{}}\n\tfor i := range {} {{\n\t\tm[i*7] = strconv.Itoa(i)\n\t\tif i%3 == 0 {{\n\t\t\tdelete(m, (i/2)*7)\n\t\t}}\n\t}}",
            self.rng.range(100, 30000)
        );
        w!(
            s,
            "\tsum := 0\n\tfor k, v := range m {{\n\t\tif strconv.Itoa(k/7) != v {{\n\t\t\tfmt.Println(\"corrupt\", k, v)\n\t\t}}\n\t\tsum += k\n\t}}\n\tfmt.Println(len(m), sum)"
        );
        w!(
            s,
            "\tstr := \"\"\n\tparts := []string{{}}\n\tfor i := range {} {{\n\t\tstr += string(rune('a' + i%26))\n\t\tif len(str) > 50 {{\n\t\t\tparts = append(parts, str)\n\t\t\tstr = \"\"\n\t\t}}\n\t}}\n\tfmt.Println(len(parts), len(str), len(strings.Join(parts, \"\")))",
            self.rng.range(100, 20000)
        );
        w!(
            s,
            "\tbig := make([][]byte, 0)\n\tfor i := range {} {{\n\t\tb := make([]byte, i*{}%70000+1)\n\t\tb[len(b)-1] = byte(i)\n\t\tbig = append(big, b)\n\t\tif len(big) > 8 {{\n\t\t\tbig = big[1:]\n\t\t}}\n\t}}\n\tfor _, b := range big {{\n\t\tfmt.Print(len(b), \":\", b[len(b)-1], \" \")\n\t}}\n\tfmt.Println()",
            self.rng.range(10, 400),
            self.rng.range(100, 9000)
        );
        w!(
            s,
            "\tvar ifs []any\n\tfor i := range {} {{\n\t\tswitch i % 4 {{\n\t\tcase 0:\n\t\t\tifs = append(ifs, i)\n\t\tcase 1:\n\t\t\tifs = append(ifs, strconv.Itoa(i))\n\t\tcase 2:\n\t\t\tifs = append(ifs, &pt{{i, i}})\n\t\tdefault:\n\t\t\tifs = append(ifs, []int{{i}})\n\t\t}}\n\t}}\n\truntime.GC()\n\tcheck := 0\n\tfor _, v := range ifs {{\n\t\tswitch x := v.(type) {{\n\t\tcase int:\n\t\t\tcheck += x\n\t\tcase string:\n\t\t\tcheck += len(x)\n\t\tcase *pt:\n\t\t\tcheck += x.y\n\t\tcase []int:\n\t\t\tcheck += x[0]\n\t\t}}\n\t}}\n\tfmt.Println(check)",
            self.rng.range(10, 50000)
        );
        self.end_block(s);
    }

    /// Aliasing and value-semantics corners: self-appends, overlapping copies, arrays of
    /// structs, per-iteration loop variables of three-clause loops, method values.
    fn block_aliasing(&mut self) {
        let (_, mut s) = self.new_block();
        let n = self.rng.range(3, 12);
        w!(
            s,
            "\ts := make([]int, 0, {})\n\tfor i := range {n} {{\n\t\ts = append(s, i*i)\n\t}}",
            self.rng.range(0, 16)
        );
        w!(s, "\ts = append(s[:1], s[2:]...)\n\tfmt.Println(s, len(s))");
        w!(s, "\tcopy(s[1:], s)\n\tfmt.Println(s)");
        w!(
            s,
            "\tt := append(s[:2:2], {})\n\tt[0] = -1\n\tfmt.Println(s[0], t)",
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tb := make([]byte, {})\n\tk := copy(b, \"héllo wörld\")\n\tfmt.Println(k, b, string(b))",
            self.rng.range(0, 14)
        );
        w!(
            s,
            "\tstr := string(b)\n\tb[0] = 'X'\n\tfmt.Printf(\"%q %s %x % X\\n\", str, b, b, b)"
        );
        w!(
            s,
            "\ttype cell struct {{\n\t\tv   [3]int\n\t\ttag string\n\t}}\n\tvar grid [2][3]cell\n\tgrid[1][2].v[1] = {}\n\tg2 := grid\n\tg2[1][2].tag = \"x\"\n\tfmt.Println(grid == g2, grid[1][2], g2[1][2])",
            self.rng.range(1, 9)
        );
        w!(
            s,
            "\tvar fs []func() int\n\tfor i := 0; i < {}; i++ {{\n\t\tfs = append(fs, func() int {{ return i }})\n\t\ti++\n\t}}\n\tfor _, f := range fs {{\n\t\tfmt.Print(f(), \" \")\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tvar sh shape = &rect{{{}, {}}}\n\tarea := sh.area\n\tsh.(*rect).w = 10\n\tfmt.Println(area(), sh)",
            self.rng.range(0, 9),
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tp := pt{{{}, 2}}\n\tdist := p.dist\n\tp.x = 100\n\tfmt.Println(dist(), p.dist())",
            self.rng.range(-9, 9)
        );
        w!(
            s,
            "\ttype wrap struct {{\n\t\t*pt\n\t\tn int\n\t}}\n\tw := wrap{{&pt{{1, 2}}, 3}}\n\tw.move(1, 1)\n\tfmt.Printf(\"%v %+v\\n\", *w.pt, w.n)"
        );
        w!(
            s,
            "\tvar np *pt\n\tvar ns []int\n\tvar nm map[string]bool\n\tfmt.Printf(\"%v %v %v %d %+v\\n\", np, ns, nm, []byte(\"AB\"), &pt{{1, 2}})"
        );
        w!(
            s,
            "\tfmt.Println(strings.ToUpper(\"ßǅﬁ straße\"), strings.ToLower(\"ǅİ\"), strings.Title(\"ǆemal\"))"
        );
        w!(
            s,
            "\tch1, ch2 := make(chan int, 1), make(chan int, 1)\n\tch{} <- {}\n\tselect {{\n\tcase v := <-ch1:\n\t\tfmt.Println(\"ch1\", v)\n\tcase v := <-ch2:\n\t\tfmt.Println(\"ch2\", v)\n\t}}",
            self.rng.range(1, 2),
            self.rng.range(0, 9)
        );
        self.end_block(s);
    }

    /// Range-over-func bodies that leave early (return, labelled break and continue, goto out),
    /// defer inside them, panic through the iterator, and iter.Pull.
    fn block_iter(&mut self) {
        let (_, mut s) = self.new_block();
        let n = self.rng.range(0, 9);
        let stop = self.rng.range(0, 9);
        w!(
            s,
            "\tfind := func(limit int) (int, string) {{\n\t\tfor v := range countTo({n}) {{\n\t\t\tif v >= limit {{\n\t\t\t\treturn v, \"found\"\n\t\t\t}}\n\t\t}}\n\t\treturn -1, \"none\"\n\t}}"
        );
        w!(
            s,
            "\tfmt.Println(find({}))\n\tfmt.Println(find({}))",
            stop * 10,
            self.rng.range(0, 90)
        );
        w!(
            s,
            "outer:\n\tfor i, a := range enumerate([]string{{\"p\", \"q\", \"r\", \"s\"}}) {{\n\t\tfor v := range countTo({}) {{\n\t\t\tif v == {}0 {{\n\t\t\t\tcontinue outer\n\t\t\t}}\n\t\t\tif i*v > {} {{\n\t\t\t\tbreak outer\n\t\t\t}}\n\t\t\tfmt.Print(a, v, \" \")\n\t\t}}\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 5),
            self.rng.range(0, 5),
            self.rng.range(0, 60)
        );
        w!(
            s,
            "\tfunc() {{\n\t\tfor v := range countTo({}) {{\n\t\t\tdefer fmt.Println(\"deferred in range-over-func\", v)\n\t\t}}\n\t\tfmt.Println(\"loop done\")\n\t}}()",
            self.rng.range(0, 4)
        );
        w!(
            s,
            "\tfmt.Println(try(func() {{\n\t\tfor v := range countTo(5) {{\n\t\t\tif v == {}0 {{\n\t\t\t\tpanic(fmt.Sprint(\"in body \", v))\n\t\t\t}}\n\t\t}}\n\t}}))",
            self.rng.range(0, 6)
        );
        w!(
            s,
            "\tk := 0\n\tfor v := range countTo({}) {{\n\t\tif v > {}0 {{\n\t\t\tgoto after\n\t\t}}\n\t\tk += v\n\t}}\nafter:\n\tfmt.Println(\"k\", k)",
            self.rng.range(0, 8),
            self.rng.range(0, 8)
        );
        w!(
            s,
            "\tnext, stopPull := iter.Pull(iter.Seq[int](countTo({})))\n\tfor range {} {{\n\t\tv, ok := next()\n\t\tfmt.Print(v, ok, \" \")\n\t}}\n\tstopPull()\n\tv, ok := next()\n\tfmt.Println(v, ok)",
            self.rng.range(0, 5),
            self.rng.range(0, 7)
        );
        w!(
            s,
            "\tm := map[string]int{{\"a\": 1, \"b\": {}, \"c\": 3}}\n\tfmt.Println(slices.Sorted(maps.Keys(m)), slices.Collect(maps.Values(map[int]int{{1: {}}})))",
            self.rng.range(0, 9),
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tfor i, v := range slices.All([]string{{\"x\", \"y\"}}) {{\n\t\tdefer func() {{ fmt.Println(\"all\", i, v) }}()\n\t}}"
        );
        self.end_block(s);
    }

    /// Float and complex equality corners: NaN in structs, arrays, interfaces and map keys,
    /// -0 as a key, complex arithmetic and division. (A map with several NaN keys is never
    /// printed: fmt's sort is stable and NaNs compare equal, so their order is the map's.)
    fn block_float_eq(&mut self) {
        let (_, mut s) = self.new_block();
        w!(s, "\tnan := math.NaN()\n\tnegz := math.Copysign(0, -1)");
        w!(
            s,
            "\ttype fs struct {{\n\t\ta float64\n\t\tb int\n\t}}\n\tfmt.Println(fs{{nan, 1}} == fs{{nan, 1}}, fs{{negz, 1}} == fs{{0, 1}}, [2]float64{{nan}} == [2]float64{{nan}})"
        );
        w!(
            s,
            "\tvar i1, i2 any = nan, nan\n\tvar i3, i4 any = negz, 0.0\n\tfmt.Println(i1 == i2, i3 == i4, i1 != i2)"
        );
        w!(
            s,
            "\tm := map[float64]int{{}}\n\tfor i := range {} {{\n\t\tm[nan] = i\n\t\tm[negz] += i\n\t\tm[0] += 1\n\t}}\n\tvals := slices.Sorted(maps.Values(m))\n\tfmt.Println(len(m), m[0], vals)",
            self.rng.range(0, 4)
        );
        w!(
            s,
            "\tdelete(m, nan)\n\tfmt.Println(len(m))\n\tclear(m)\n\tfmt.Println(len(m))"
        );
        let c = |g: &mut Gen| format!("complex({}, {})", g.float_lit(), g.float_lit());
        let (a, b) = (c(self), c(self));
        w!(s, "\tc1, c2 := hide({a}), {b}");
        w!(
            s,
            "\tfmt.Println(c1+c2, c1-c2, c1*c2, c1/c2, real(c1), imag(c2), c1 == c2)"
        );
        w!(
            s,
            "\tfmt.Printf(\"%v %.2f %g\\n\", c1/complex(0, 0), c2, complex64(c1))"
        );
        w!(
            s,
            "\tvar c64 complex64 = complex64(c2)\n\tfmt.Println(c64*c64, c64/complex64(c1), -c64)"
        );
        w!(
            s,
            "\tmc := map[complex128]bool{{c1: true, complex(nan, 0): true}}\n\tfmt.Println(len(mc), mc[c1], mc[complex(nan, 0)])"
        );
        self.end_block(s);
    }

    /// Generics beyond containers: constraints with methods, type switches on type
    /// parameters, generic closures, instantiation with structs and pointers, and recovery
    /// inside goroutines and of runtime.Error values.
    fn block_generics2(&mut self) {
        let (_, mut s) = self.new_block();
        w!(
            s,
            "\tfmt.Println(kind({}), kind(\"s\"), kind(pt{{1, 2}}), kind(&pt{{}}), kind(int8({})), kind([]int{{}}))",
            self.rng.range(-9, 9),
            self.rng.range(-9, 9)
        );
        w!(
            s,
            "\tfmt.Println(showAll([]square{{{}, {}}}), showAll([]*rect{{{{1, {}}}}}))",
            self.rng.range(0, 9),
            self.rng.range(0, 9),
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tadder := makeAdder[float64]({}.5)\n\tiadder := makeAdder[uint8]({})\n\tfmt.Println(adder(1), iadder(250), iadder(3))",
            self.rng.range(-5, 5),
            self.rng.range(0, 255)
        );
        w!(
            s,
            "\tps := mapSlice([]pt{{{{1, 2}}, {{3, {}}}}}, func(p pt) *pt {{ return &p }})\n\tfmt.Println(len(ps), ps[1].y, *ps[0])",
            self.rng.range(0, 9)
        );
        w!(
            s,
            "\tres := make(chan string)\n\tgo func() {{\n\t\tdefer func() {{\n\t\t\tr := recover()\n\t\t\tif re, ok := r.(runtime.Error); ok {{\n\t\t\t\tres <- \"runtime.Error: \" + re.Error()\n\t\t\t}} else {{\n\t\t\t\tres <- fmt.Sprint(\"other: \", r)\n\t\t\t}}\n\t\t}}()\n\t\tfault(\"{}\", {})\n\t}}()\n\tfmt.Println(<-res)",
            self.rng.pick(FAULTS),
            self.rng.range(0, 4)
        );
        w!(
            s,
            "\tq, err := safeDiv({}, {})\n\tfmt.Println(recover(), q, err)",
            self.rng.range(-9, 9),
            self.rng.range(-2, 2)
        );
        w!(
            s,
            "\tfor i := range {} {{\n\t\tswitch {{\n\t\tcase i%2 == 0:\n\t\t\tif i > 2 {{\n\t\t\t\tbreak\n\t\t\t}}\n\t\t\tfmt.Print(\"even\", i, \" \")\n\t\tdefault:\n\t\t\tfmt.Print(\"odd\", i, \" \")\n\t\t}}\n\t}}\n\tfmt.Println()",
            self.rng.range(0, 7)
        );
        self.end_block(s);
    }

    /// Large values by value: structs and arrays beyond the register ABI's limits through
    /// methods, interfaces, closures and variadic calls.
    fn block_bigvals(&mut self) {
        let (_, mut s) = self.new_block();
        let vals: Vec<String> = (0..8)
            .map(|_| self.rng.range(-1000, 1000).to_string())
            .collect();
        w!(s, "\tarr := [8]int64{{{}}}", vals.join(", "));
        w!(
            s,
            "\tb := big{{id: {}, arr: arr, name: {}, f: {}, small: [3]uint8{{1, 2, {}}}}}",
            self.rng.range(0, 99),
            self.str_lit(),
            self.float_lit(),
            self.rng.range(0, 255)
        );
        w!(
            s,
            "\tb2 := b.twiddle({})\n\tfmt.Println(b.arr == b2.arr, b2.sum(), b.sum())",
            self.rng.range(0, 7)
        );
        w!(
            s,
            "\tvar su summer = b2\n\tfmt.Println(su.sum(), su.(big).name)"
        );
        w!(
            s,
            "\tsu = &b\n\tb.arr[0] = {}\n\tfmt.Println(su.sum())",
            self.rng.range(-50, 50)
        );
        w!(
            s,
            "\tmk := func(k int64) func() big {{\n\t\treturn func() big {{\n\t\t\tc := b\n\t\t\tc.arr[k%8] = k\n\t\t\treturn c\n\t\t}}\n\t}}\n\tfmt.Println(mk({})().arr, b.arr)",
            self.rng.range(0, 20)
        );
        w!(
            s,
            "\tfmt.Println(vsum(), vsum({}), vsum(arr[:{}]...), vsum(arr[2:4]...))",
            self.rng.range(-9, 9),
            self.rng.range(0, 8)
        );
        w!(
            s,
            "\tbs := []big{{b, b2}}\n\tbs[1].arr[7]++\n\tfor _, x := range bs {{\n\t\tfmt.Print(x.sum(), \" \")\n\t}}\n\tfmt.Println()"
        );
        w!(
            s,
            "\tm := map[[3]uint8]big{{b.small: b}}\n\tfmt.Println(m[[3]uint8{{1, 2, {}}}].id, len(m))",
            self.rng.range(0, 255)
        );
        w!(s, "\tfmt.Printf(\"%v\\n%+v\\n\", b2, b2.small)");
        self.end_block(s);
    }

    fn block_printf(&mut self) {
        let (_, mut s) = self.new_block();
        let i = self.rng.range(-100000, 100000);
        let f = self.float_lit();
        let str_ = self.str_lit();
        let verbs = [
            "%d", "%5d", "%-5d|", "%05d", "%x", "%X", "%o", "%b", "%c", "%U", "%q", "%v", "%+d",
            "%#x", "% d",
        ];
        for _ in 0..self.rng.range(2, 6) {
            let v = *self.rng.pick(&verbs);
            w!(s, "\tfmt.Printf(\"[{v}]\\n\", {i})");
        }
        let fverbs = [
            "%f", "%.2f", "%8.3f", "%e", "%E", "%g", "%G", "%v", "%10.4g|", "%-10.1f|", "%+.0f",
            "%x",
        ];
        for _ in 0..self.rng.range(2, 6) {
            let v = *self.rng.pick(&fverbs);
            w!(s, "\tfmt.Printf(\"[{v}]\\n\", {f})");
        }
        let sverbs = [
            "%s", "%q", "%x", "%10s|", "%-10s|", "%.2s", "%v", "%#v", "%T",
        ];
        for _ in 0..self.rng.range(2, 5) {
            let v = *self.rng.pick(&sverbs);
            w!(s, "\tfmt.Printf(\"[{v}]\\n\", {str_})");
        }
        w!(
            s,
            "\tfmt.Printf(\"%v %+v %#v %T\\n\", pt{{1, 2}}, &pt{{3, 4}}, pt{{5, 6}}, pt{{}})"
        );
        w!(
            s,
            "\tfmt.Printf(\"%v %v %v %d\\n\", []string{{\"a\"}}, map[int]bool{{2: true, 1: false}}, [2]bool{{}}, []int8{{-1, 2}})"
        );
        w!(
            s,
            "\tfmt.Printf(\"%t %v %p %d%%\\n\", true, nil, nil, {})",
            self.rng.range(0, 100)
        );
        w!(s, "\tfmt.Printf(\"%d %s\\n\", \"str\", {i})");
        w!(
            s,
            "\tfmt.Printf(\"%d\\n\")\n\tfmt.Printf(\"%d %d\\n\", 1, 2, 3)"
        );
        w!(
            s,
            "\tfmt.Println(fmt.Sprintf(\"%*d|%-*d|\", {}, 7, {}, 8), fmt.Sprint(1, 2, \"a\", \"b\", 3), fmt.Sprintln(\"x\", 1))",
            self.rng.range(0, 8),
            self.rng.range(0, 8)
        );
        w!(
            s,
            "\tfmt.Println(int8(-128), uint8(255), int64(-9223372036854775808), uint64(18446744073709551615), 'x', complex(1, -2))"
        );
        self.end_block(s);
    }

    /// Shared declarations every program carries (types, helpers).
    fn prelude() -> &'static str {
        r#"var _ = strings.ToUpper
var _ = strconv.Itoa
var _ = sort.Ints
var _ = sync.NewCond
var _ = errors.New
var _ = math.Sqrt
var _ = slices.Sort[[]int, int]
var _ = maps.Clone[map[int]int, int, int]
var _ = unicode.IsLetter
var _ = bits.Len
var _ = iter.Pull[int]
var _ = runtime.Goexit

type integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

type number interface {
	integer | ~float32 | ~float64
}

// nz keeps a divisor away from zero.
func nz[T integer](x T) T {
	if x == 0 {
		return 1
	}
	return x
}

func use(...any) {}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

//go:noinline
func hide[T any](x T) T { return x }

// f2i converts only where the conversion is defined.
func f2i(f float64) int64 {
	if f != f || f > 9e18 || f < -9e18 {
		return -1
	}
	return int64(f)
}

type myInt int

type pt struct{ x, y int }

func (p *pt) move(dx, dy int) { p.x += dx; p.y += dy }
func (p pt) dist() int         { return abs(p.x) + abs(p.y) }
func (p *pt) safe() string {
	if p == nil {
		return "nil pt"
	}
	return "pt"
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

type rec struct {
	id   int
	name string
	pos  pt
	tags []string
}

func (r *rec) bump(n int) { r.id += n }

type emb struct {
	pt
	label string
}

type sA struct {
	a int8
	b float32
	c string
}

type sB struct{ x, y float64 }

type node struct {
	val  int
	next *node
}

func derefs(ps []*int) []int {
	var out []int
	for _, p := range ps {
		out = append(out, *p)
	}
	return out
}

func anyKey(i int) any {
	switch i % 3 {
	case 0:
		return i
	case 1:
		return strconv.Itoa(i)
	}
	return pt{i, i}
}

type shape interface {
	area() float64
	name() string
}

type scaler interface {
	scale(k int)
}

type circle struct{ r int }

func (c circle) area() float64 { return 3.0 * float64(c.r*c.r) }
func (c circle) name() string   { return "circle" }

type rect struct{ w, h int }

func (r *rect) area() float64 { return float64(r.w * r.h) }
func (r *rect) name() string   { return "rect" }
func (r *rect) scale(k int)    { r.w *= k; r.h *= k }
func (r *rect) String() string { return fmt.Sprintf("R(%dx%d)", r.w, r.h) }

type square int

func (s square) area() float64  { return float64(s * s) }
func (s square) name() string    { return "square" }
func (s square) String() string  { return "sq" + strconv.Itoa(int(s)) }

type named struct {
	label string
	shape
}

func (n named) name() string { return n.label + "/" + n.shape.name() }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int8:
		return fmt.Sprintf("int-ish %v", x)
	case string:
		return "string " + x
	case error:
		return "error " + x.Error()
	case fmt.Stringer:
		return "stringer " + x.String()
	case []int:
		return fmt.Sprint("slice ", len(x))
	case *pt:
		return fmt.Sprint("ptr ", x.x)
	case pt:
		return fmt.Sprint("pt ", x)
	case float64:
		return strconv.FormatFloat(x, 'f', 3, 64)
	default:
		return fmt.Sprintf("other %T", x)
	}
}

type myErr struct{ code int }

func (e myErr) Error() string { return "myErr " + strconv.Itoa(e.code) }

func sum[T number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func gmax[T number](xs ...T) T {
	var m T
	for i, x := range xs {
		if i == 0 || x > m {
			m = x
		}
	}
	return m
}

func gmin[T int | float64 | string](a, b T) T {
	if a < b {
		return a
	}
	return b
}

func mapSlice[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func filter[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

type stack[T any] struct{ items []T }

func (s *stack[T]) push(v T) { s.items = append(s.items, v) }
func (s *stack[T]) pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}
func (s *stack[T]) len() int { return len(s.items) }

type pair[K, V any] struct {
	key K
	val V
}

func (p pair[K, V]) swap() pair[V, K] { return pair[V, K]{p.val, p.key} }

func keysSorted[K interface{ ~string | ~int }, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func kind[T any](v T) string {
	switch x := any(v).(type) {
	case int:
		return fmt.Sprint("int:", x)
	case string:
		return "string:" + x
	case fmt.Stringer:
		return "stringer:" + x.String()
	case pt:
		return fmt.Sprintf("pt:%d", x.x+x.y)
	}
	var zero T
	return fmt.Sprintf("%T(%v)", v, zero)
}

type shower interface {
	comparable
	String() string
}

func showAll[T shower](xs []T) string {
	var zero T
	out := ""
	for _, x := range xs {
		if x == zero {
			out += "zero;"
			continue
		}
		out += x.String() + ";"
	}
	return out
}

func makeAdder[T number](k T) func(T) T {
	total := k
	return func(v T) T {
		total += v
		return total
	}
}

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
			q = -1
		}
	}()
	return a / b, nil
}

type big struct {
	id    int
	arr   [8]int64
	name  string
	f     float64
	small [3]uint8
}

type summer interface{ sum() int64 }

func (b big) sum() int64 {
	t := int64(b.id)
	for _, v := range b.arr {
		t = t*3 + v
	}
	return t + int64(b.small[2])
}

func (b big) twiddle(k int) big {
	b.arr[k] = -b.arr[k]
	b.name += "'"
	b.f *= 2
	return b
}

func vsum(xs ...int64) int64 {
	var t int64
	for _, x := range xs {
		t += x
	}
	return t
}

func countTo(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i * 10) {
				return
			}
		}
	}
}

func enumerate(xs []string) func(func(int, string) bool) {
	return func(yield func(int, string) bool) {
		for i, x := range xs {
			if !yield(i, x) {
				return
			}
		}
	}
}

func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := range n {
			out <- i
		}
		close(out)
	}()
	return out
}

func square2(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for v := range in {
			out <- v * v
		}
		close(out)
	}()
	return out
}

func namedResult(x int) (r int, err error) {
	defer func() {
		r *= 2
		if x < 0 {
			err = fmt.Errorf("negative %d", x)
		}
	}()
	return x + 1, nil
}

// try runs f and reports what it panicked with.
func try(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				msg = "error: " + e.Error()
			} else {
				msg = fmt.Sprint(r)
			}
		}
	}()
	f()
	return "no panic"
}

var sink any

// fatal ends the program in a way only an uncaught failure can.
func fatal(kind string, k int) {
	switch kind {
	case "goroutine":
		done := make(chan bool)
		go func() {
			fault("index", k)
			done <- true
		}()
		<-done
	case "deadlock":
		ch := make(chan int)
		ch <- k
	case "goexit":
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer fmt.Println("deferred in goroutine", k)
			runtime.Goexit()
		}()
		wg.Wait()
		runtime.Goexit()
	}
}

// fault makes one kind of run-time error happen; k is a run-time value so nothing folds.
func fault(kind string, k int) {
	switch kind {
	case "div":
		a := 10
		fmt.Println(a / (k - k))
	case "index":
		s := make([]int, k)
		fmt.Println(s[k+2])
	case "nilmap":
		var m map[string]int
		m["x"] = k
	case "assert":
		var v any = "str" + strconv.Itoa(k)
		sink = v.(int)
	case "nilptr":
		var p *pt
		if k >= 0 {
			fmt.Println(p.x)
		}
	case "slice":
		s := []int{1, 2, 3}
		fmt.Println(s[k+2 : k+1])
	case "custom":
		panic(myErr{k})
	case "error":
		panic(errors.New("custom error " + strconv.Itoa(k)))
	case "closed":
		ch := make(chan int)
		close(ch)
		close(ch)
	case "conv":
		var s shape = circle{k}
		sink = s.(*rect)
	case "negshift":
		n := -1 - k
		fmt.Println(1 << n)
	case "makeslice":
		n := -1 - k
		sink = make([]byte, n)
	case "stringer":
		panic(square(k))
	case "struct":
		panic(pt{k, -k})
	case "int":
		panic(k * 1000)
	case "float":
		panic(float64(k) / 3)
	case "nested":
		defer func() {
			panic(fmt.Sprint("second ", k))
		}()
		panic("first")
	case "repanic":
		defer func() {
			r := recover()
			panic(r)
		}()
		panic(myErr{k})
	case "array":
		var a [4]int
		i := k + 4
		a[i%8] = 1
		sink = a
	case "string":
		s := "abc"
		fmt.Println(s[k+3])
	case "nilfunc":
		var f func(int) int
		if k < 100 {
			fmt.Println(f(k))
		}
	case "sendclosed":
		ch := make(chan int, 1)
		close(ch)
		ch <- k
	case "unhashable":
		m := map[any]int{}
		m[[]int{k}] = 1
	case "i8div":
		x := int8(-128)
		d := int8(k - k)
		fmt.Println(x / d)
	}
	fmt.Println("unreachable")
}
"#
    }
}

/// The program for `seed`.
pub fn generate(seed: u64) -> String {
    generate_program(seed, false)
}

/// An arithmetic-only program for `seed` (`progen --arith`): 30 blocks of integer, float,
/// conversion, constant, math/bits and call blocks and no failure, so that one build checks
/// many expressions.
pub fn generate_arith(seed: u64) -> String {
    generate_program(seed, true)
}

fn generate_program(seed: u64, arith: bool) -> String {
    let mut g = Gen {
        rng: Rng::new(seed),
        decls: String::new(),
        calls: Vec::new(),
        blocks: 0,
    };
    if arith {
        for _ in 0..30 {
            match g.rng.below(6) {
                0 | 1 => g.block_int_arith(),
                2 => g.block_floats(),
                3 => g.block_conversions(),
                4 => g.block_bits(),
                _ => {
                    if g.rng.chance(50) {
                        g.block_consts()
                    } else {
                        g.block_calls()
                    }
                }
            }
        }
    }
    let n = if arith { 0 } else { g.rng.range(4, 9) };
    for _ in 0..n {
        match g.rng.below(24) {
            23 => g.block_bigvals(),
            22 => g.block_generics2(),
            20 => g.block_iter(),
            21 => g.block_float_eq(),
            0 => g.block_int_arith(),
            19 => g.block_aliasing(),
            18 => g.block_alloc(),
            15 => g.block_calls(),
            16 => g.block_consts(),
            17 => g.block_bits(),
            1 => g.block_conversions(),
            2 => g.block_floats(),
            3 => g.block_strings(),
            4 => g.block_slices(),
            5 => g.block_maps(),
            6 => g.block_structs(),
            7 => g.block_closures(),
            8 => g.block_interfaces(),
            9 => g.block_generics(),
            10 => g.block_defer(),
            11 => g.block_goroutines(),
            12 => g.block_ranges(),
            13 => g.block_control(),
            _ => {
                if g.rng.chance(50) {
                    g.block_sort()
                } else {
                    g.block_printf()
                }
            }
        }
    }
    // A third of the programs end in an uncaught run-time panic.
    let crash = if !arith && g.rng.chance(33) {
        if g.rng.chance(20) {
            Some(format!(
                "\tfatal(\"{}\", {})\n",
                g.rng.pick(FATALS),
                g.rng.range(0, 4)
            ))
        } else {
            Some(format!(
                "\tfault(\"{}\", {})\n",
                g.rng.pick(FAULTS),
                g.rng.range(0, 4)
            ))
        }
    } else {
        None
    };
    let mut out = String::new();
    out.push_str("package main\n\n");
    let _ = writeln!(
        out,
        "// Generated by progen from seed {seed}; see docs/progen.md.\n"
    );
    out.push_str("import (\n\t\"errors\"\n\t\"fmt\"\n\t\"iter\"\n\t\"maps\"\n\t\"math\"\n\t\"math/bits\"\n\t\"runtime\"\n\t\"slices\"\n\t\"sort\"\n\t\"strconv\"\n\t\"strings\"\n\t\"sync\"\n\t\"unicode\"\n)\n\n");
    out.push_str(Gen::prelude());
    out.push('\n');
    out.push_str(&g.decls);
    out.push_str("func main() {\n");
    for c in &g.calls {
        let _ = writeln!(out, "\t{c}");
    }
    if let Some(c) = crash {
        out.push_str(&c);
    }
    out.push_str("}\n");
    out
}

/// Replaces the ids of goroutines other than the main one (`goroutine 7 [running]:`,
/// `created by main.f in goroutine 7`) by 0, an id no goroutine has: under gc they depend on which P created the
/// goroutine (each P takes ids in batches), so they vary from run to run. Applied to both
/// sides before comparing generated programs' stderr.
pub fn mask_goroutine_ids(stderr: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(stderr);
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some(rest) = line.strip_prefix("goroutine ")
            && let Some((id, tail)) = rest.split_once(' ')
            && id != "1"
            && id.bytes().all(|b| b.is_ascii_digit())
            && tail.starts_with('[')
        {
            out.push_str("goroutine 0 ");
            out.push_str(tail);
        } else if line.starts_with("created by ")
            && let Some((head, id)) = line.rsplit_once(" in goroutine ")
            && id != "1"
            && id.bytes().all(|b| b.is_ascii_digit())
        {
            out.push_str(head);
            out.push_str(" in goroutine 0");
        } else {
            out.push_str(line);
        }
    }
    out.into_bytes()
}

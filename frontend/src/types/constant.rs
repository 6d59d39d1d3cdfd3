//! Exact constant arithmetic (the checker's go/constant): literal evaluation, operators, shifts,
//! conversions between representations and representability in basic types.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::model::{BasicKind, ConstStr, ConstValue};
use crate::ast::{BinaryOp, LitKind, UnaryOp};

/// Largest decimal/binary exponent accepted in a literal: keeps big rationals bounded (gc rejects
/// far smaller exponents as overflow anyway once the value is used).
const MAX_EXP: i64 = 10_000;

pub fn int(v: i64) -> ConstValue {
    ConstValue::Int(BigInt::from(v))
}

fn rat_int(i: &BigInt) -> BigRational {
    BigRational::from_integer(i.clone())
}

/// The value as a rational (for Int and Float values).
pub fn to_rat(v: &ConstValue) -> Option<BigRational> {
    match v {
        ConstValue::Int(i) => Some(rat_int(i)),
        ConstValue::Float(f) => Some(f.clone()),
        ConstValue::Complex(re, im) if im.is_zero() => Some(re.clone()),
        _ => None,
    }
}

/// The value as an exact integer, if it is one.
pub fn to_int(v: &ConstValue) -> Option<BigInt> {
    match v {
        ConstValue::Int(i) => Some(i.clone()),
        ConstValue::Float(f) if f.is_integer() => Some(f.to_integer()),
        ConstValue::Complex(re, im) if im.is_zero() && re.is_integer() => Some(re.to_integer()),
        _ => None,
    }
}

pub fn to_complex(v: &ConstValue) -> Option<(BigRational, BigRational)> {
    match v {
        ConstValue::Complex(a, b) => Some((a.clone(), b.clone())),
        _ => to_rat(v).map(|r| (r, BigRational::zero())),
    }
}

fn pow10(n: u64) -> BigInt {
    num_traits::pow(BigInt::from(10), n as usize)
}

fn pow2(n: u64) -> BigInt {
    BigInt::one() << n
}

/// Evaluates a literal. `None` means malformed.
pub fn eval_literal(kind: LitKind, raw: &str) -> Option<ConstValue> {
    match kind {
        LitKind::Int => parse_int(raw).map(ConstValue::Int),
        LitKind::Float => parse_float(raw).map(ConstValue::Float),
        LitKind::Imag => {
            let body = raw.strip_suffix('i')?;
            let v = if let Some(i) = parse_int_imag(body) {
                rat_int(&i)
            } else {
                parse_float(body)?
            };
            Some(ConstValue::Complex(BigRational::zero(), v))
        }
        LitKind::Char => {
            let inner = raw.strip_prefix('\'')?.strip_suffix('\'')?;
            let s = unquote_chars(inner, '\'')?;
            let mut it = s.iter();
            let c = *it.next()?;
            if it.next().is_some() {
                return None;
            }
            Some(int(c as i64))
        }
        LitKind::String => {
            if let Some(inner) = raw.strip_prefix('`') {
                let inner = inner.strip_suffix('`')?;
                // Carriage returns are discarded from raw strings.
                Some(ConstValue::String(
                    inner.replace('\r', "").into_bytes().into(),
                ))
            } else {
                let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
                let units = unquote_chars(inner, '"')?;
                let mut bytes = Vec::new();
                for u in units {
                    if u >= 0x1_0000_0000 {
                        // A byte escape (\x or octal): raw byte.
                        bytes.push((u - 0x1_0000_0000) as u8);
                    } else {
                        let c = char::from_u32(u as u32).unwrap_or('\u{FFFD}');
                        let mut buf = [0u8; 4];
                        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                }
                Some(ConstValue::String(bytes.into()))
            }
        }
    }
}

// Go strings are byte strings; ours are Rust Strings. Invalid UTF-8 (from `\xff` escapes) is
// kept losslessly by mapping each byte of an invalid sequence to U+FFFD... that would lose data, so
// instead we keep bytes via `from_utf8_lossy` only as a last resort. Constants with invalid UTF-8
// are rare; the midend gets the lossy form.

/// Decodes escapes. Code points are returned as u64; byte escapes (`\x`, octal) are returned as
/// `0x1_0000_0000 + byte` so that strings can keep them as raw bytes.
fn unquote_chars(s: &str, quote: char) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            if c == quote || c == '\n' {
                return None;
            }
            out.push(c as u64);
            continue;
        }
        let e = chars.next()?;
        let v = match e {
            'a' => 7,
            'b' => 8,
            'f' => 12,
            'n' => 10,
            'r' => 13,
            't' => 9,
            'v' => 11,
            '\\' => '\\' as u64,
            '\'' if quote == '\'' => '\'' as u64,
            '"' if quote == '"' => '"' as u64,
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v: u64 = 0;
                for _ in 0..n {
                    v = v * 16 + chars.next()?.to_digit(16)? as u64;
                }
                if e == 'x' {
                    if quote == '"' { 0x1_0000_0000 + v } else { v }
                } else {
                    if v > 0x10FFFF || (0xD800..0xE000).contains(&v) {
                        return None;
                    }
                    v
                }
            }
            '0'..='7' => {
                let mut v = e.to_digit(8)? as u64;
                for _ in 0..2 {
                    v = v * 8 + chars.next()?.to_digit(8)? as u64;
                }
                if v > 255 {
                    return None;
                }
                if quote == '"' { 0x1_0000_0000 + v } else { v }
            }
            _ => return None,
        };
        out.push(v);
    }
    Some(out)
}

fn parse_int(raw: &str) -> Option<BigInt> {
    let s: String = raw.chars().filter(|&c| c != '_').collect();
    let (digits, radix) = if let Some(r) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (r.to_string(), 16)
    } else if let Some(r) = s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        (r.to_string(), 2)
    } else if let Some(r) = s.strip_prefix("0o").or_else(|| s.strip_prefix("0O")) {
        (r.to_string(), 8)
    } else if s.len() > 1 && s.starts_with('0') {
        (s[1..].to_string(), 8)
    } else {
        (s, 10)
    };
    if digits.is_empty() {
        return None;
    }
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// Imaginary literals like `0123i` are decimal (legacy rule), hex/binary/octal prefixes apply.
fn parse_int_imag(raw: &str) -> Option<BigInt> {
    let s: String = raw.chars().filter(|&c| c != '_').collect();
    if s.contains(['.', 'e', 'E', 'p', 'P']) && !s.starts_with("0x") && !s.starts_with("0X") {
        return None;
    }
    if s.starts_with("0x") || s.starts_with("0X") {
        if s.contains(['.', 'p', 'P']) {
            return None;
        }
        return parse_int(&s);
    }
    if s.starts_with("0b") || s.starts_with("0B") || s.starts_with("0o") || s.starts_with("0O") {
        return parse_int(&s);
    }
    BigInt::parse_bytes(s.as_bytes(), 10)
}

fn parse_float(raw: &str) -> Option<BigRational> {
    let s: String = raw.chars().filter(|&c| c != '_').collect();
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        let (mant, exp) = match h.find(['p', 'P']) {
            Some(i) => (&h[..i], h[i + 1..].parse::<i64>().ok()?),
            None => (h, 0),
        };
        let (ip, fp) = match mant.find('.') {
            Some(i) => (&mant[..i], &mant[i + 1..]),
            None => (mant, ""),
        };
        let digits = format!("{ip}{fp}");
        if digits.is_empty() {
            return None;
        }
        let m = BigInt::parse_bytes(digits.as_bytes(), 16)?;
        let e = exp - 4 * fp.len() as i64;
        if e.abs() > MAX_EXP {
            return None;
        }
        return Some(if e >= 0 {
            rat_int(&(m * pow2(e as u64)))
        } else {
            BigRational::new(m, pow2((-e) as u64))
        });
    }
    let (mant, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], s[i + 1..].parse::<i64>().ok()?),
        None => (&s[..], 0),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let digits = format!("{ip}{fp}");
    if digits.is_empty() {
        return None;
    }
    let m = BigInt::parse_bytes(digits.as_bytes(), 10)?;
    let e = exp - fp.len() as i64;
    if e.abs() > MAX_EXP {
        return None;
    }
    Some(if e >= 0 {
        rat_int(&(m * pow10(e as u64)))
    } else {
        BigRational::new(m, pow10((-e) as u64))
    })
}

/// Converts a value to the representation of an untyped kind (`Int` < `Float` < `Complex`).
pub fn to_kind_repr(v: &ConstValue, k: BasicKind) -> Option<ConstValue> {
    use BasicKind::*;
    if k.is_integer() {
        return to_int(v).map(ConstValue::Int);
    }
    if k.is_float() {
        return to_rat(v).map(ConstValue::Float);
    }
    if k.is_complex() {
        return to_complex(v).map(|(a, b)| ConstValue::Complex(a, b));
    }
    match (k, v) {
        (String | UntypedString, ConstValue::String(_)) => Some(v.clone()),
        (Bool | UntypedBool, ConstValue::Bool(_)) => Some(v.clone()),
        _ => None,
    }
}

fn int_range(k: BasicKind) -> Option<(BigInt, BigInt)> {
    use BasicKind::*;
    let bits = match k {
        Int8 | Uint8 => 8,
        Int16 | Uint16 => 16,
        Int32 | Uint32 => 32,
        Int | Int64 | Uint | Uint64 | Uintptr => 64,
        _ => return None,
    };
    if k.is_unsigned() {
        Some((BigInt::zero(), pow2(bits) - 1))
    } else {
        Some((-pow2(bits - 1), pow2(bits - 1) - 1))
    }
}

/// Rounds a rational to the nearest float32/float64 (round-half-even, like go/constant); `None`
/// on overflow to infinity.
fn round_float(r: &BigRational, is32: bool) -> Option<BigRational> {
    if r.is_zero() {
        return Some(BigRational::zero());
    }
    let f = r.to_f64()?;
    if !f.is_finite() {
        return None;
    }
    if is32 {
        // f64→f32 double rounding is harmless here except in pathological halfway cases.
        let g = f as f32;
        if !g.is_finite() {
            return None;
        }
        BigRational::from_float(g as f64)
    } else {
        BigRational::from_float(f)
    }
}

/// Whether `v` is representable by a value of basic kind `k`; returns the value converted to the
/// kind's representation (floats rounded). `Err(true)` means "overflows" (numeric value out of
/// range); `Err(false)` means "truncated" or otherwise not representable.
pub fn representable(v: &ConstValue, k: BasicKind) -> Result<ConstValue, bool> {
    use BasicKind::*;
    match k {
        Bool | UntypedBool => match v {
            ConstValue::Bool(_) => Ok(v.clone()),
            _ => Err(false),
        },
        String | UntypedString => match v {
            ConstValue::String(_) => Ok(v.clone()),
            _ => Err(false),
        },
        UntypedInt | UntypedRune => match to_int(v) {
            Some(i) => Ok(ConstValue::Int(i)),
            None => Err(false),
        },
        UntypedFloat => match to_rat(v) {
            Some(r) => Ok(ConstValue::Float(r)),
            None => Err(false),
        },
        UntypedComplex => match to_complex(v) {
            Some((a, b)) => Ok(ConstValue::Complex(a, b)),
            None => Err(false),
        },
        Float32 | Float64 => {
            let r = to_rat(v).ok_or(false)?;
            round_float(&r, k == Float32)
                .map(ConstValue::Float)
                .ok_or(true)
        }
        Complex64 | Complex128 => {
            let (a, b) = to_complex(v).ok_or(false)?;
            let is32 = k == Complex64;
            let a = round_float(&a, is32).ok_or(true)?;
            let b = round_float(&b, is32).ok_or(true)?;
            Ok(ConstValue::Complex(a, b))
        }
        _ if k.is_integer() => {
            let i = to_int(v).ok_or(false)?;
            let (lo, hi) = int_range(k).ok_or(false)?;
            if i < lo || i > hi {
                return Err(true);
            }
            Ok(ConstValue::Int(i))
        }
        _ => Err(false),
    }
}

/// Number of "kind rank" for untyped arithmetic: int 0, rune 1, float 2, complex 3.
pub fn untyped_rank(k: BasicKind) -> u8 {
    match k {
        BasicKind::UntypedInt => 0,
        BasicKind::UntypedRune => 1,
        BasicKind::UntypedFloat => 2,
        BasicKind::UntypedComplex => 3,
        _ => 0,
    }
}

pub enum OpError {
    DivByZero,
    /// The operation is not defined on these values (should have been caught by type checks).
    Invalid,
}

/// Unary operation. `mask_bits` is the size in bits of an unsigned typed operand (for `^x`).
pub fn unary(op: UnaryOp, v: &ConstValue, unsigned_bits: Option<u32>) -> Option<ConstValue> {
    match (op, v) {
        (UnaryOp::Pos, _) => Some(v.clone()),
        (UnaryOp::Neg, ConstValue::Int(i)) => Some(ConstValue::Int(-i)),
        (UnaryOp::Neg, ConstValue::Float(f)) => Some(ConstValue::Float(-f)),
        (UnaryOp::Neg, ConstValue::Complex(a, b)) => Some(ConstValue::Complex(-a, -b)),
        (UnaryOp::Xor, ConstValue::Int(i)) => {
            let r = !i.clone();
            Some(ConstValue::Int(match unsigned_bits {
                Some(bits) => r & (pow2(bits as u64) - 1),
                None => r,
            }))
        }
        (UnaryOp::Not, ConstValue::Bool(b)) => Some(ConstValue::Bool(!b)),
        _ => None,
    }
}

/// Compares two constants (already converted to a common representation class).
pub fn compare(op: BinaryOp, a: &ConstValue, b: &ConstValue) -> Option<bool> {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (a, b) {
        (ConstValue::Bool(x), ConstValue::Bool(y)) => {
            return match op {
                BinaryOp::Eql => Some(x == y),
                BinaryOp::Neq => Some(x != y),
                _ => None,
            };
        }
        (ConstValue::String(x), ConstValue::String(y)) => Some(x.bytes().cmp(&y.bytes())),
        (ConstValue::Complex(..), _) | (_, ConstValue::Complex(..)) => {
            let (ar, ai) = to_complex(a)?;
            let (br, bi) = to_complex(b)?;
            let eq = ar == br && ai == bi;
            return match op {
                BinaryOp::Eql => Some(eq),
                BinaryOp::Neq => Some(!eq),
                _ => None,
            };
        }
        _ => {
            let x = to_rat(a)?;
            let y = to_rat(b)?;
            Some(x.cmp(&y))
        }
    };
    let o = ord?;
    Some(match op {
        BinaryOp::Eql => o == Ordering::Equal,
        BinaryOp::Neq => o != Ordering::Equal,
        BinaryOp::Lss => o == Ordering::Less,
        BinaryOp::Leq => o != Ordering::Greater,
        BinaryOp::Gtr => o == Ordering::Greater,
        BinaryOp::Geq => o != Ordering::Less,
        _ => return None,
    })
}

/// Arithmetic on two constants. `int_div` selects truncated integer division for `/`.
pub fn binary(
    op: BinaryOp,
    a: &ConstValue,
    b: &ConstValue,
    int_div: bool,
) -> Result<ConstValue, OpError> {
    use BinaryOp::*;
    match (a, b) {
        (ConstValue::String(x), ConstValue::String(y)) if op == Add => {
            return Ok(ConstValue::String(ConstStr::concat(x, y)));
        }
        (ConstValue::Bool(x), ConstValue::Bool(y)) => {
            return match op {
                LAnd => Ok(ConstValue::Bool(*x && *y)),
                LOr => Ok(ConstValue::Bool(*x || *y)),
                _ => Err(OpError::Invalid),
            };
        }
        _ => {}
    }
    let complex = matches!(a, ConstValue::Complex(..)) || matches!(b, ConstValue::Complex(..));
    let float = matches!(a, ConstValue::Float(_)) || matches!(b, ConstValue::Float(_));
    if complex {
        let (ar, ai) = to_complex(a).ok_or(OpError::Invalid)?;
        let (br, bi) = to_complex(b).ok_or(OpError::Invalid)?;
        return match op {
            Add => Ok(ConstValue::Complex(ar + br, ai + bi)),
            Sub => Ok(ConstValue::Complex(ar - br, ai - bi)),
            Mul => Ok(ConstValue::Complex(
                &ar * &br - &ai * &bi,
                &ar * &bi + &ai * &br,
            )),
            Quo => {
                let d = &br * &br + &bi * &bi;
                if d.is_zero() {
                    return Err(OpError::DivByZero);
                }
                Ok(ConstValue::Complex(
                    (&ar * &br + &ai * &bi) / &d,
                    (&ai * &br - &ar * &bi) / &d,
                ))
            }
            _ => Err(OpError::Invalid),
        };
    }
    if float || (op == Quo && !int_div) {
        let x = to_rat(a).ok_or(OpError::Invalid)?;
        let y = to_rat(b).ok_or(OpError::Invalid)?;
        return match op {
            Add => Ok(ConstValue::Float(x + y)),
            Sub => Ok(ConstValue::Float(x - y)),
            Mul => Ok(ConstValue::Float(x * y)),
            Quo => {
                if y.is_zero() {
                    return Err(OpError::DivByZero);
                }
                Ok(ConstValue::Float(x / y))
            }
            _ => Err(OpError::Invalid),
        };
    }
    let (ConstValue::Int(x), ConstValue::Int(y)) = (a, b) else {
        return Err(OpError::Invalid);
    };
    Ok(ConstValue::Int(match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        Quo => {
            if y.is_zero() {
                return Err(OpError::DivByZero);
            }
            // BigInt division truncates toward zero, as Go's does.
            x / y
        }
        Rem => {
            if y.is_zero() {
                return Err(OpError::DivByZero);
            }
            x % y
        }
        And => x & y,
        Or => x | y,
        Xor => x ^ y,
        AndNot => x & !y.clone(),
        _ => return Err(OpError::Invalid),
    }))
}

/// `x << s` / `x >> s` on an integer constant. `None` if the shift count is absurd.
pub fn shift(op: BinaryOp, x: &BigInt, s: u64) -> Option<BigInt> {
    match op {
        BinaryOp::Shl => {
            // go/constant limits shifted results; gc reports "shift count too large" beyond this.
            if s > 10_000 {
                return None;
            }
            Some(x << s)
        }
        BinaryOp::Shr => {
            if s > 1_000_000 {
                return Some(if x.is_negative() {
                    -BigInt::one()
                } else {
                    BigInt::zero()
                });
            }
            // BigInt >> rounds toward negative infinity for negatives, as Go's arithmetic shift.
            Some(x >> s)
        }
        _ => None,
    }
}

/// Formats a constant value the way types2 prints it in messages (`300`, `1.5`, `"a"`, `(1 + 2i)`).
pub fn format(v: &ConstValue) -> String {
    match v {
        ConstValue::Bool(b) => b.to_string(),
        ConstValue::String(s) => {
            let q = format!("{:?}", String::from_utf8_lossy(&s.bytes()));
            // go/constant shortens long strings to 72 characters with "...".
            if q.chars().count() > 72 {
                let t: String = q.chars().take(68).collect();
                format!("{t}...\"")
            } else {
                q
            }
        }
        ConstValue::Int(i) => i.to_string(),
        ConstValue::Float(f) => format_float(f),
        ConstValue::Complex(a, b) => format!("({} + {}i)", format_float(a), format_float(b)),
    }
}

/// A float constant as go/constant's String shows it: `%.6g` of its float64 value, or `%g` when
/// that hides a fraction.
fn format_float(f: &BigRational) -> String {
    match f.to_f64() {
        Some(x) if x.is_finite() && (x == 0.0) == f.is_zero() => {
            let s = format_g(x, Some(6));
            if !f.is_integer() && !s.contains('.') {
                return format_g(x, None);
            }
            s
        }
        _ => format_far_float(f),
    }
}

/// go/constant's String of a float constant outside float64's range: an approximate decimal
/// mantissa (`%.6g`) and exponent computed from f = mant * 2**exp with 0.5 <= |mant| < 1.
fn format_far_float(f: &BigRational) -> String {
    if f.is_zero() {
        return "0".to_string();
    }
    let a = f.abs();
    let mut exp = a.numer().bits() as i64 - a.denom().bits() as i64;
    let two = BigInt::from(2);
    let scale = |e: i64| -> BigRational {
        let p = BigRational::from_integer(num_traits::pow(two.clone(), e.unsigned_abs() as usize));
        if e >= 0 { p } else { p.recip() }
    };
    let mut mant = &a / scale(exp);
    let half = BigRational::new(BigInt::from(1), BigInt::from(2));
    while mant >= BigRational::one() {
        mant /= BigRational::from_integer(two.clone());
        exp += 1;
    }
    while mant < half {
        mant *= BigRational::from_integer(two.clone());
        exp -= 1;
    }
    let mut m = mant.to_f64().unwrap_or(0.5);
    if f.is_negative() {
        m = -m;
    }
    let d = exp as f64 * (core::f64::consts::LN_2 / core::f64::consts::LN_10);
    let mut e = d as i64;
    m *= 10f64.powf(d - e as f64);
    let am = m.abs();
    if am < 1.0 - 0.5e-6 {
        m *= 10.0;
        e -= 1;
    } else if am >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    format!(
        "{}e{}{}",
        format_g(m, Some(6)),
        if e < 0 { '-' } else { '+' },
        e.abs()
    )
}

/// fmt's `%g` (prec None: shortest round-trip digits) or `%.Ng` of a finite float64.
fn format_g(x: f64, prec: Option<usize>) -> String {
    // Digits and decimal exponent of x in scientific form.
    let sci = match prec {
        Some(p) => format!("{:.*e}", p.saturating_sub(1), x.abs()),
        None => format!("{:e}", x.abs()),
    };
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let eprec = prec.unwrap_or(6) as i32;
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if exp < -4 || exp >= eprec {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str(&format!(
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        ));
    } else if exp < 0 {
        out.push_str("0.");
        for _ in 0..(-exp - 1) {
            out.push('0');
        }
        out.push_str(digits);
    } else {
        let dp = exp as usize + 1;
        if digits.len() <= dp {
            out.push_str(digits);
            for _ in digits.len()..dp {
                out.push('0');
            }
        } else {
            out.push_str(&digits[..dp]);
            out.push('.');
            out.push_str(&digits[dp..]);
        }
    }
    out
}

//! Statements and operands of Plan 9 amd64 assembly (cmd/asm's parser).
//!
//! An operand is one of: a register (`AX`, `R8`, `X3`, `Y7`, `Z1`, `K2`, byte and word
//! names); an immediate `$expr` (integer or floating-point; `$sym(SB)` is an address); a
//! memory reference `[sym[<>][±off]](BASE)[(INDEX*scale)]` where BASE is a register or one
//! of the pseudo-registers SB (a symbol), FP (arguments), SP (with a symbol name: locals, the
//! pseudo-SP) and PC (`n(PC)`: n instructions ahead); a branch label; a string (`DATA`).
//! Integer expressions follow Go's operators with C's precedence as cmd/asm evaluates them.

use crate::lex::{Error, Pos, Tok};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegClass {
    /// General purpose, with the width the name gives (1, 2, 4 or 8 bytes).
    Gp(u8),
    /// AH, CH, DH, BH.
    HighByte,
    X,
    Y,
    Z,
    K,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reg {
    pub class: RegClass,
    pub num: u8,
}

const GP64: [&str; 16] = [
    "AX", "CX", "DX", "BX", "SP", "BP", "SI", "DI", "R8", "R9", "R10", "R11", "R12", "R13", "R14",
    "R15",
];
const GP8: [&str; 8] = ["AL", "CL", "DL", "BL", "SPB", "BPB", "SIB", "DIB"];

pub fn reg_by_name(s: &str) -> Option<Reg> {
    let gp = |w, n: usize| {
        Some(Reg {
            class: RegClass::Gp(w),
            num: n as u8,
        })
    };
    if let Some(n) = GP64.iter().position(|r| *r == s) {
        return gp(8, n);
    }
    if let Some(n) = GP8.iter().position(|r| *r == s) {
        return gp(1, n);
    }
    if let Some(n) = ["AH", "CH", "DH", "BH"].iter().position(|r| *r == s) {
        return Some(Reg {
            class: RegClass::HighByte,
            num: n as u8 + 4,
        });
    }
    let num = |p: &str, max: u8| -> Option<u8> {
        let d = s.strip_prefix(p)?;
        let (d, _) = d.split_at(d.find(|c: char| !c.is_ascii_digit()).unwrap_or(d.len()));
        let v: u8 = d.parse().ok()?;
        (v < max && !d.is_empty() && (d == "0" || !d.starts_with('0'))).then_some(v)
    };
    // R8-R15 with an optional width suffix: R8B, R8W, R8L, R8.
    if let Some(rest) = s.strip_prefix('R') {
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if let Ok(v) = rest[..end].parse::<usize>()
            && (8..16).contains(&v)
        {
            return match &rest[end..] {
                "" => gp(8, v),
                "B" => gp(1, v),
                "W" => gp(2, v),
                "L" => gp(4, v),
                _ => None,
            };
        }
    }
    for (p, class, max) in [
        ("X", RegClass::X, 32),
        ("Y", RegClass::Y, 32),
        ("Z", RegClass::Z, 32),
        ("K", RegClass::K, 8),
    ] {
        if let Some(v) = num(p, max)
            && s[1..].chars().all(|c| c.is_ascii_digit())
        {
            return Some(Reg { class, num: v });
        }
    }
    None
}

#[derive(Clone, Debug, PartialEq)]
pub enum Base {
    Reg(Reg),
    /// `sym(SB)`.
    SB,
    /// `name+off(FP)`.
    FP,
    /// `name-off(SP)`: the pseudo stack pointer (top of the locals).
    PseudoSP,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mem {
    pub base: Option<Base>,
    pub index: Option<(Reg, u8)>,
    pub disp: i64,
    /// Symbol and whether it is file-local (`name<>`).
    pub sym: Option<(String, bool)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Reg(Reg),
    Imm(i64),
    FImm(f64),
    Str(Vec<u8>),
    /// `$sym(SB)`: the address of a symbol (plus offset).
    Addr(Mem),
    Mem(Mem),
    /// A label or `n(PC)` branch target.
    Label(String),
    PcRel(i64),
    /// A register list or other form only some instructions take.
    RegList(Vec<Reg>),
}

pub struct Parser<'t> {
    toks: &'t [Tok],
    i: usize,
    pos: &'t Pos,
}

/// Splits operands at top-level commas.
pub fn split_operands(toks: &[Tok]) -> Vec<&[Tok]> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Punct("(") => depth += 1,
            Tok::Punct(")") => depth -= 1,
            Tok::Punct(",") if depth == 0 => {
                out.push(&toks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < toks.len() || !out.is_empty() {
        out.push(&toks[start..]);
    }
    out
}

/// Value of an immediate expression.
#[derive(Clone, Copy, Debug)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl<'t> Parser<'t> {
    pub fn new(toks: &'t [Tok], pos: &'t Pos) -> Self {
        Parser { toks, i: 0, pos }
    }

    fn err<T>(&self, msg: impl Into<String>) -> Result<T, Error> {
        Err(Error {
            pos: self.pos.clone(),
            msg: msg.into(),
        })
    }

    fn peek(&self) -> Option<&'t Tok> {
        self.toks.get(self.i)
    }

    fn next(&mut self) -> Option<&'t Tok> {
        let t = self.toks.get(self.i);
        self.i += 1;
        t
    }

    fn eat(&mut self, p: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Punct(q)) if *q == p) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    pub fn at_end(&self) -> bool {
        self.i >= self.toks.len()
    }

    // Expressions: cmd/asm's precedence: unary; * / % << >> &; + - | ^.
    pub fn expr(&mut self) -> Result<Num, Error> {
        let mut l = self.term()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Punct(p @ ("+" | "-" | "|" | "^"))) => *p,
                _ => return Ok(l),
            };
            // `x+8(FP)`-style offsets stop at the operand's parenthesis in the caller.
            self.i += 1;
            let r = self.term()?;
            l = self.binop(op, l, r)?;
        }
    }

    fn term(&mut self) -> Result<Num, Error> {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Punct(p @ ("*" | "/" | "%" | "<<" | ">>" | "&"))) => *p,
                _ => return Ok(l),
            };
            self.i += 1;
            let r = self.unary()?;
            l = self.binop(op, l, r)?;
        }
    }

    fn binop(&self, op: &str, l: Num, r: Num) -> Result<Num, Error> {
        match (l, r) {
            (Num::Int(a), Num::Int(b)) => Ok(Num::Int(match op {
                "+" => a.wrapping_add(b),
                "-" => a.wrapping_sub(b),
                "|" => a | b,
                "^" => a ^ b,
                "*" => a.wrapping_mul(b),
                "/" | "%" if b == 0 => return self.err("division by zero"),
                "/" => (a as u64 / b as u64) as i64,
                "%" => (a as u64 % b as u64) as i64,
                "<<" => {
                    if !(0..64).contains(&b) {
                        0
                    } else {
                        ((a as u64) << b) as i64
                    }
                }
                ">>" => {
                    if !(0..64).contains(&b) {
                        0
                    } else {
                        ((a as u64) >> b) as i64
                    }
                }
                "&" => a & b,
                _ => return self.err(format!("bad operator {op}")),
            })),
            _ => {
                let f = |n: Num| match n {
                    Num::Int(v) => v as f64,
                    Num::Float(v) => v,
                };
                let (a, b) = (f(l), f(r));
                Ok(Num::Float(match op {
                    "+" => a + b,
                    "-" => a - b,
                    "*" => a * b,
                    "/" => a / b,
                    _ => return self.err(format!("bad floating-point operator {op}")),
                }))
            }
        }
    }

    fn unary(&mut self) -> Result<Num, Error> {
        match self.next() {
            Some(Tok::Punct("-")) => Ok(match self.unary()? {
                Num::Int(v) => Num::Int(v.wrapping_neg()),
                Num::Float(v) => Num::Float(-v),
            }),
            Some(Tok::Punct("+")) => self.unary(),
            Some(Tok::Punct("~")) => match self.unary()? {
                Num::Int(v) => Ok(Num::Int(!v)),
                Num::Float(_) => self.err("~ of a floating-point constant"),
            },
            Some(Tok::Punct("(")) => {
                let v = self.expr()?;
                if !self.eat(")") {
                    return self.err("missing ) in expression");
                }
                Ok(v)
            }
            Some(Tok::Int(v)) => Ok(Num::Int(*v as i64)),
            Some(Tok::Char(v)) => Ok(Num::Int(*v as i64)),
            Some(Tok::Float(v)) => Ok(Num::Float(*v)),
            Some(t) => self.err(format!("unexpected {t} in expression")),
            None => self.err("missing expression"),
        }
    }

    /// Whether the tokens from here look like the start of an expression.
    fn starts_expr(&self) -> bool {
        match self.peek() {
            Some(Tok::Int(_) | Tok::Float(_) | Tok::Char(_)) => true,
            Some(Tok::Punct("-" | "+" | "~")) => true,
            Some(Tok::Punct("(")) => {
                // `(AX)` is a base register, `(1<<3)` an expression.
                !matches!(self.toks.get(self.i + 1), Some(Tok::Ident(n)) if reg_by_name(n).is_some() || matches!(n.as_str(), "SB" | "FP" | "SP" | "PC"))
            }
            _ => false,
        }
    }

    /// `(REG)`, `(SB)`, `(FP)`, `(SP)`, `(PC)` and `(REG*scale)` after an offset.
    fn parens(&mut self, m: &mut Mem, named: bool) -> Result<Option<&'static str>, Error> {
        let mut pseudo = None;
        let mut first = true;
        while self.eat("(") {
            let Some(Tok::Ident(n)) = self.next() else {
                return self.err("bad memory operand");
            };
            if self.eat("*") {
                let Some(Tok::Int(s)) = self.next() else {
                    return self.err("bad index scale");
                };
                let Some(r) = reg_by_name(n) else {
                    return self.err(format!("bad index register {n}"));
                };
                if !matches!(s, 1 | 2 | 4 | 8) {
                    return self.err(format!("bad scale {s}"));
                }
                m.index = Some((r, *s as u8));
            } else if first {
                match n.as_str() {
                    "SB" => {
                        m.base = Some(Base::SB);
                        pseudo = Some("SB");
                    }
                    "FP" => {
                        m.base = Some(Base::FP);
                        pseudo = Some("FP");
                    }
                    "PC" => pseudo = Some("PC"),
                    "SP" if named => m.base = Some(Base::PseudoSP),
                    _ => match reg_by_name(n) {
                        Some(r) => m.base = Some(Base::Reg(r)),
                        None => return self.err(format!("bad register {n}")),
                    },
                }
            } else {
                return self.err("bad memory operand");
            }
            first = false;
            if !self.eat(")") {
                return self.err("missing ) in memory operand");
            }
        }
        Ok(pseudo)
    }

    pub fn operand(&mut self) -> Result<Operand, Error> {
        if self.eat("$") {
            if let Some(Tok::Str(s)) = self.peek() {
                self.i += 1;
                return Ok(Operand::Str(s.clone()));
            }
            if let Some(Tok::Ident(_)) = self.peek() {
                let m = self.mem()?;
                return match m {
                    Operand::Mem(m) => Ok(Operand::Addr(m)),
                    _ => self.err("bad address constant"),
                };
            }
            return Ok(match self.expr()? {
                Num::Int(v) => Operand::Imm(v),
                Num::Float(v) => Operand::FImm(v),
            });
        }
        if let Some(Tok::Ident(n)) = self.peek()
            && self.toks.len() == self.i + 1
        {
            if let Some(r) = reg_by_name(n) {
                self.i += 1;
                return Ok(Operand::Reg(r));
            }
            self.i += 1;
            return Ok(Operand::Label(n.clone()));
        }
        if self.eat("[") {
            return self.err("register lists are not supported");
        }
        self.mem()
    }

    /// A memory reference (or `n(PC)`).
    fn mem(&mut self) -> Result<Operand, Error> {
        let mut m = Mem {
            base: None,
            index: None,
            disp: 0,
            sym: None,
        };
        let mut named = false;
        if let Some(Tok::Ident(n)) = self.peek() {
            self.i += 1;
            named = true;
            let mut local = false;
            if self.eat("<") {
                // `name<>` is file-local; `name<ABI0>` / `name<ABIInternal>` selects an ABI.
                if let Some(Tok::Ident(abi)) = self.peek() {
                    if abi != "ABI0" && abi != "ABIInternal" {
                        return self.err(format!("bad ABI selector {abi}"));
                    }
                    self.i += 1;
                } else {
                    local = true;
                }
                if !self.eat(">") {
                    return self.err("bad symbol: expected <>");
                }
            }
            m.sym = Some((n.clone(), local));
            // `name+8` or `name-8` (the minus is the offset's sign).
            if self.eat("+") || matches!(self.peek(), Some(Tok::Punct("-"))) {
                m.disp = self.offset_expr()?;
            }
        } else if self.starts_expr() {
            m.disp = self.offset_expr()?;
        }
        let pseudo = self.parens(&mut m, named)?;
        if !self.at_end() {
            return self.err(format!(
                "unexpected {} in operand",
                self.peek().map(|t| t.to_string()).unwrap_or_default()
            ));
        }
        if pseudo == Some("PC") {
            return Ok(Operand::PcRel(m.disp));
        }
        // A bare constant (the predicate of `CMPSD X1, X0, 1`) is an immediate.
        if !named && m.base.is_none() && m.index.is_none() {
            return Ok(Operand::Imm(m.disp));
        }
        if named && m.base.is_none() {
            return self.err("symbol without a base register");
        }
        if named && matches!(m.base, Some(Base::Reg(_))) {
            // `name+8(SP)` is pseudo-SP handled above; `x(AX)` names nothing: keep the disp.
            m.sym = None;
        }
        if matches!(m.base, Some(Base::FP | Base::PseudoSP)) {
            m.sym = None;
        }
        Ok(Operand::Mem(m))
    }

    /// An offset expression before `(`: evaluated over the tokens up to the first `(` that
    /// starts a register, so `8(SP)` and `(8*4)(AX)` both work.
    fn offset_expr(&mut self) -> Result<i64, Error> {
        match self.expr()? {
            Num::Int(v) => Ok(v),
            Num::Float(_) => self.err("floating-point offset"),
        }
    }
}

/// Evaluates `$expr` or `$-expr` frame specifications of TEXT: `$frame[-args]`.
pub fn frame_spec(toks: &[Tok], pos: &Pos) -> Result<(i64, Option<i64>), Error> {
    let err = |msg: &str| Error {
        pos: pos.clone(),
        msg: msg.into(),
    };
    if toks.first() != Some(&Tok::Punct("$")) {
        return Err(err("bad frame size"));
    }
    // `$8-16` is frame 8, args 16; `$-8` is frame -8 is never written in GOROOT: a leading
    // minus belongs to the frame size.
    let mut p = Parser::new(&toks[1..], pos);
    let neg = p.eat("-");
    let frame = match p.unary()? {
        Num::Int(v) => {
            if neg {
                -v
            } else {
                v
            }
        }
        _ => return Err(err("bad frame size")),
    };
    if p.at_end() {
        return Ok((frame, None));
    }
    if !p.eat("-") {
        return Err(err("bad frame size"));
    }
    match p.expr()? {
        Num::Int(v) => Ok((frame, Some(v))),
        _ => Err(err("bad argument size")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_names() {
        let r = |s| reg_by_name(s).map(|r| (r.class, r.num));
        assert_eq!(r("AX"), Some((RegClass::Gp(8), 0)));
        assert_eq!(r("R15"), Some((RegClass::Gp(8), 15)));
        assert_eq!(r("R8B"), Some((RegClass::Gp(1), 8)));
        assert_eq!(r("R9L"), Some((RegClass::Gp(4), 9)));
        assert_eq!(r("SIB"), Some((RegClass::Gp(1), 6)));
        assert_eq!(r("AH"), Some((RegClass::HighByte, 4)));
        assert_eq!(r("X15"), Some((RegClass::X, 15)));
        assert_eq!(r("Y3"), Some((RegClass::Y, 3)));
        assert_eq!(r("R7"), None);
        assert_eq!(r("X01"), None);
        assert_eq!(r("FOO"), None);
    }
}

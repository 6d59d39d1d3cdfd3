//! Lexer: semicolon insertion, literal forms and lexical errors (texts as gc's scanner words them).

use frontend::lexer::{Lexer, Tok, sanitize};

fn toks(src: &str) -> String {
    Lexer::new(src)
        .map(|r| {
            let Ok((_, t, _)) = r;
            match t {
                Tok::Ident(s) => s.to_string(),
                Tok::Int(s) => format!("int:{s}"),
                Tok::Float(s) => format!("float:{s}"),
                Tok::Imag(s) => format!("imag:{s}"),
                Tok::Char(s) => format!("char:{s}"),
                Tok::Str(s) => format!("str:{s}"),
                Tok::Semi(k) => format!(";{}", k.gc_name()),
                t => t.gc_describe(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn errors(src: &str) -> Vec<(u32, String)> {
    let mut lx = Lexer::new(src);
    for _ in lx.by_ref() {}
    lx.extras()
        .errors
        .iter()
        .map(|e| (e.offset, e.message.clone()))
        .collect()
}

#[test]
fn semicolon_insertion() {
    let cases = [
        ("x\ny", "x ;newline y ;EOF"),
        ("return\n", "keyword return ;newline"),
        (
            "break\ncontinue\nfallthrough\n",
            "keyword break ;newline keyword continue ;newline keyword fallthrough ;newline",
        ),
        ("x++\ny--\n", "x ++ ;newline y -- ;newline"),
        (
            "f()\na[1]\nT{}\n",
            "f ( ) ;newline a [ int:1 ] ;newline T { } ;newline",
        ),
        (
            "1\n2.5\n3i\n'a'\n\"s\"\n`r`\n",
            "int:1 ;newline float:2.5 ;newline imag:3i ;newline char:'a' ;newline str:\"s\" ;newline str:`r` ;newline",
        ),
        ("x +\ny", "x + y ;EOF"),
        ("f(a,\nb)", "f ( a comma b ) ;EOF"),
        ("x /* a\nb */ y", "x ;newline y ;EOF"),
        ("x /* ab */ y", "x y ;EOF"),
        ("x // c\ny", "x ;newline y ;EOF"),
        ("func\n(", "keyword func ("),
        ("x;y", "x ;semicolon y ;EOF"),
        ("`a\nb`\n", "str:`a\nb` ;newline"),
    ];
    for (src, want) in cases {
        assert_eq!(toks(src), want, "source {src:?}");
    }
}

#[test]
fn literals() {
    let cases = [
        (
            "0 0777 0o17 0O17 0b101 0B1 0x1F 0X_1f 1_000_000",
            "int:0 int:0777 int:0o17 int:0O17 int:0b101 int:0B1 int:0x1F int:0X_1f int:1_000_000 ;EOF",
        ),
        (
            "1. .5 1.5e-3 1E9 0x1p-2 0x1.8P+3 0x.8p0 1_0.2_5",
            "float:1. float:.5 float:1.5e-3 float:1E9 float:0x1p-2 float:0x1.8P+3 float:0x.8p0 float:1_0.2_5 ;EOF",
        ),
        (
            "1i 0x1p2i 0b1i 01i 1.5i .5e3i",
            "imag:1i imag:0x1p2i imag:0b1i imag:01i imag:1.5i imag:.5e3i ;EOF",
        ),
        (
            r"'a' '\n' '\'' '\\' '\x7f' '\377' '\u1234' '\U00101234' 'ä'",
            r"char:'a' char:'\n' char:'\'' char:'\\' char:'\x7f' char:'\377' char:'\u1234' char:'\U00101234' char:'ä' ;EOF",
        ),
        (
            r#""a\"b" "\a\b\f\n\r\t\v\\" ``"#,
            r#"str:"a\"b" str:"\a\b\f\n\r\t\v\\" str:`` ;EOF"#,
        ),
        ("x.y ... a..b", "x . y ... a . . b ;EOF"),
        ("&^= <<= >>= &^ &&", "&^= <<= >>= &^ &&"),
        ("ñame 日本 _x9 x٣", "ñame 日本 _x9 x٣ ;EOF"),
        ("a<-b <- ~", "a <- b <- ~"),
    ];
    for (src, want) in cases {
        assert_eq!(toks(src), want, "source {src:?}");
    }
}

#[test]
fn lexical_errors() {
    let cases: &[(&str, &[(u32, &str)])] = &[
        ("08", &[(1, "invalid digit '8' in octal literal")]),
        ("0b12", &[(3, "invalid digit '2' in binary literal")]),
        ("1__0", &[(2, "'_' must separate successive digits")]),
        ("1_", &[(1, "'_' must separate successive digits")]),
        ("0x_", &[(3, "hexadecimal literal has no digits")]),
        (
            "0x1.0",
            &[(5, "hexadecimal mantissa requires a 'p' exponent")],
        ),
        ("0b1.0", &[(3, "invalid radix point in binary literal")]),
        ("0x1e3p", &[(6, "exponent has no digits")]),
        ("1p3", &[(1, "'p' exponent requires hexadecimal mantissa")]),
        ("0x1e", &[]),
        ("''", &[(1, "empty rune literal or unescaped '")]),
        ("'ab'", &[(0, "more than one character in rune literal")]),
        ("'a", &[(0, "rune literal not terminated")]),
        (
            "'\n'",
            &[
                (1, "newline in rune literal"),
                (2, "rune literal not terminated"),
            ],
        ),
        (r"'\q'", &[(2, "unknown escape")]),
        (r"'\400'", &[(5, "octal escape value 256 > 255")]),
        (
            r"'\xg0'",
            &[(3, "invalid character 'g' in hexadecimal escape")],
        ),
        (
            r#""\uD800""#,
            &[(7, "escape is invalid Unicode code point U+D800")],
        ),
        (
            r#""\U00110000""#,
            &[(11, "escape is invalid Unicode code point U+110000")],
        ),
        ("\"abc", &[(0, "string not terminated")]),
        (
            "\"a\nb\"",
            &[(2, "newline in string"), (4, "string not terminated")],
        ),
        ("`abc", &[(0, "string not terminated")]),
        ("/* abc", &[(0, "comment not terminated")]),
        ("@", &[(0, "invalid character U+0040 '@'")]),
        ("a$b", &[(1, "invalid character U+0024 '$'")]),
        ("x€", &[(1, "invalid character U+20AC '€' in identifier")]),
        (
            "٣x",
            &[(0, "identifier cannot begin with digit U+0663 '٣'")],
        ),
    ];
    for (src, want) in cases {
        let got = errors(src);
        let want: Vec<(u32, String)> = want.iter().map(|(o, m)| (*o, m.to_string())).collect();
        assert_eq!(got, want, "source {src:?}");
    }
}

#[test]
fn nul_and_bom() {
    let (clean, errs) = sanitize("\u{feff}package p\nvar x\0 = 1\u{feff}\n");
    let clean = clean.unwrap();
    assert_eq!(
        clean.len(),
        "\u{feff}package p\nvar x\0 = 1\u{feff}\n".len()
    );
    let msgs: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "invalid NUL character",
            "invalid BOM in the middle of the file"
        ]
    );
    assert_eq!(sanitize("package p").0, None);
}

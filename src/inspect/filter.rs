//! `--filter PATTERN`: a small regular-expression matcher (the root crate has no regex
//! dependency and this needs only the common subset), falling back to a plain substring when
//! the pattern is not a valid expression of that subset — so `[]int` or `*main.T` just work.
//!
//! Supported: literals, `.`, `[...]`/`[^...]` classes with ranges, `\d \w \s` and escaped
//! metacharacters, `*`, `+`, `?`, `^`, `$`, `(...)` groups and `|` alternation.

use std::cell::Cell;

#[derive(Debug, Clone)]
pub enum Node {
    Char(char),
    Any,
    Class {
        neg: bool,
        ranges: Vec<(char, char)>,
    },
    Start,
    End,
    Group(Vec<Vec<Node>>),
    Repeat(Box<Node>, usize, Option<usize>),
}

#[derive(Debug, Clone)]
pub enum Filter {
    Substring(String),
    Regex(Vec<Vec<Node>>),
}

/// Bound on matcher steps per subject string: protects against pathological backtracking.
const STEP_LIMIT: usize = 200_000;

impl Filter {
    pub fn new(pat: &str) -> Filter {
        let chars: Vec<char> = pat.chars().collect();
        let mut p = Parser { c: &chars, i: 0 };
        match p.alts() {
            Some(alts) if p.i == chars.len() => Filter::Regex(alts),
            _ => Filter::Substring(pat.to_string()),
        }
    }

    pub fn is_match(&self, s: &str) -> bool {
        match self {
            Filter::Substring(p) => s.contains(p.as_str()),
            Filter::Regex(alts) => {
                let text: Vec<char> = s.chars().collect();
                let steps = Cell::new(0usize);
                let m = Matcher {
                    text: &text,
                    steps: &steps,
                };
                let top = [Node::Group(alts.clone())];
                (0..=text.len()).any(|start| m.seq(&top, 0, start, &|_| true))
            }
        }
    }
}

struct Parser<'a> {
    c: &'a [char],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }
    fn alts(&mut self) -> Option<Vec<Vec<Node>>> {
        let mut alts = vec![self.seq()?];
        while self.peek() == Some('|') {
            self.i += 1;
            alts.push(self.seq()?);
        }
        Some(alts)
    }
    fn seq(&mut self) -> Option<Vec<Node>> {
        let mut v = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.i += 1;
            let atom = match c {
                '.' => Node::Any,
                '^' => Node::Start,
                '$' => Node::End,
                '(' => {
                    let g = self.alts()?;
                    if self.peek() != Some(')') {
                        return None;
                    }
                    self.i += 1;
                    Node::Group(g)
                }
                '[' => self.class()?,
                '\\' => self.escape()?,
                '*' | '+' | '?' | ']' | '{' | '}' => return None,
                c => Node::Char(c),
            };
            let atom = match self.peek() {
                Some('*') => Node::Repeat(Box::new(atom), 0, None),
                Some('+') => Node::Repeat(Box::new(atom), 1, None),
                Some('?') => Node::Repeat(Box::new(atom), 0, Some(1)),
                _ => {
                    v.push(atom);
                    continue;
                }
            };
            if matches!(atom, Node::Repeat(ref n, ..) if matches!(**n, Node::Start | Node::End)) {
                return None;
            }
            self.i += 1;
            v.push(atom);
        }
        Some(v)
    }
    fn escape(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.i += 1;
        Some(match c {
            'd' => Node::Class {
                neg: false,
                ranges: vec![('0', '9')],
            },
            'w' => Node::Class {
                neg: false,
                ranges: vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')],
            },
            's' => Node::Class {
                neg: false,
                ranges: vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')],
            },
            c if c.is_ascii_alphanumeric() => return None,
            c => Node::Char(c),
        })
    }
    fn class(&mut self) -> Option<Node> {
        let neg = self.peek() == Some('^');
        if neg {
            self.i += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = self.peek()?;
            self.i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' {
                let e = self.peek()?;
                self.i += 1;
                e
            } else {
                c
            };
            if self.peek() == Some('-') && self.c.get(self.i + 1).is_some_and(|&n| n != ']') {
                let hi = *self.c.get(self.i + 1)?;
                self.i += 2;
                if hi < lo {
                    return None;
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        Some(Node::Class { neg, ranges })
    }
}

struct Matcher<'a> {
    text: &'a [char],
    steps: &'a Cell<usize>,
}

impl Matcher<'_> {
    fn one(&self, n: &Node, pos: usize) -> bool {
        let Some(&c) = self.text.get(pos) else {
            return false;
        };
        match n {
            Node::Char(x) => *x == c,
            Node::Any => true,
            Node::Class { neg, ranges } => {
                ranges.iter().any(|&(lo, hi)| c >= lo && c <= hi) != *neg
            }
            _ => false,
        }
    }

    /// Matches `nodes[i..]` at `pos`, then calls `k` with the end position (continuation style,
    /// so repetition and alternation can backtrack into what follows).
    fn seq(&self, nodes: &[Node], i: usize, pos: usize, k: &dyn Fn(usize) -> bool) -> bool {
        self.steps.set(self.steps.get() + 1);
        if self.steps.get() > STEP_LIMIT {
            return false;
        }
        let Some(n) = nodes.get(i) else {
            return k(pos);
        };
        match n {
            Node::Start => pos == 0 && self.seq(nodes, i + 1, pos, k),
            Node::End => pos == self.text.len() && self.seq(nodes, i + 1, pos, k),
            Node::Group(alts) => alts
                .iter()
                .any(|alt| self.seq(alt, 0, pos, &|p| self.seq(nodes, i + 1, p, k))),
            Node::Repeat(inner, min, max) => self.rep(inner, *min, *max, 0, nodes, i, pos, k),
            _ => self.one(n, pos) && self.seq(nodes, i + 1, pos + 1, k),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn rep(
        &self,
        inner: &Node,
        min: usize,
        max: Option<usize>,
        count: usize,
        nodes: &[Node],
        i: usize,
        pos: usize,
        k: &dyn Fn(usize) -> bool,
    ) -> bool {
        // Greedy: try one more repetition first (refusing empty iterations, which would loop).
        if max.is_none_or(|m| count < m) {
            let once = std::slice::from_ref(inner);
            if self.seq(once, 0, pos, &|p| {
                p != pos && self.rep(inner, min, max, count + 1, nodes, i, p, k)
            }) {
                return true;
            }
        }
        count >= min && self.seq(nodes, i + 1, pos, k)
    }
}

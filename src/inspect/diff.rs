//! A line diff (Myers' O(ND) algorithm, linear-space "middle snake" bisection) and a unified
//! diff printer. Dumps of real binaries have tens of thousands of lines, so the quadratic LCS
//! table is not an option; bisection keeps memory linear in the input.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Line `a` of the old text equals line `b` of the new text.
    Equal(usize, usize),
    /// Line of the old text removed.
    Delete(usize),
    /// Line of the new text inserted.
    Insert(usize),
}

/// The edit script turning `a` into `b`.
pub fn diff_lines(a: &[&str], b: &[&str]) -> Vec<Op> {
    // Compare small integers rather than strings in the inner loops.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut ai = Vec::with_capacity(a.len());
    let mut bi = Vec::with_capacity(b.len());
    for (src, dst) in [(a, &mut ai), (b, &mut bi)] {
        for s in src {
            let n = ids.len() as u32;
            dst.push(*ids.entry(*s).or_insert(n));
        }
    }
    let mut ops = Vec::with_capacity(a.len().max(b.len()));
    diff_rec(&ai, &bi, 0, 0, &mut ops);
    group_changes(&mut ops);
    ops
}

/// Bisection can interleave deletions and insertions inside one changed region; like diff -u,
/// show each region's deletions first, then its insertions (the script stays equivalent).
fn group_changes(ops: &mut [Op]) {
    let mut i = 0;
    while i < ops.len() {
        if matches!(ops[i], Op::Equal(..)) {
            i += 1;
            continue;
        }
        let start = i;
        while i < ops.len() && !matches!(ops[i], Op::Equal(..)) {
            i += 1;
        }
        // Stable: keeps the relative order of the deletions and of the insertions.
        ops[start..i].sort_by_key(|o| matches!(o, Op::Insert(_)));
    }
}

fn diff_rec(a: &[u32], b: &[u32], a0: usize, b0: usize, ops: &mut Vec<Op>) {
    // Common prefix and suffix are emitted directly: cheap, and it guarantees the bisection
    // below always makes progress.
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    for i in 0..pre {
        ops.push(Op::Equal(a0 + i, b0 + i));
    }
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    let (a0m, b0m) = (a0 + pre, b0 + pre);
    if am.is_empty() {
        ops.extend((0..bm.len()).map(|j| Op::Insert(b0m + j)));
    } else if bm.is_empty() {
        ops.extend((0..am.len()).map(|i| Op::Delete(a0m + i)));
    } else {
        match bisect(am, bm) {
            Some((x, y)) if (x, y) != (0, 0) && (x, y) != (am.len(), bm.len()) => {
                diff_rec(&am[..x], &bm[..y], a0m, b0m, ops);
                diff_rec(&am[x..], &bm[y..], a0m + x, b0m + y, ops);
            }
            _ => {
                ops.extend((0..am.len()).map(|i| Op::Delete(a0m + i)));
                ops.extend((0..bm.len()).map(|j| Op::Insert(b0m + j)));
            }
        }
    }
    let (a0s, b0s) = (a0m + am.len(), b0m + bm.len());
    for i in 0..suf {
        ops.push(Op::Equal(a0s + i, b0s + i));
    }
}

/// Beyond this many edits in one sub-problem the search stops being exact (see `bisect`): two
/// unrelated 100k-line dumps would otherwise cost O((N+M)·D) ≈ 10^10 steps.
const MAX_EXACT_D: isize = 1500;

/// Finds the point where a forward and a reverse furthest-reaching D-path overlap (Myers'
/// middle snake). Splitting there yields two independent, smaller diff problems. When D grows
/// past `MAX_EXACT_D`, it settles for the forward path that got furthest (as GNU diff's
/// "too expensive" heuristic does): still a correct script, just not guaranteed minimal.
fn bisect(a: &[u32], b: &[u32]) -> Option<(usize, usize)> {
    let n = a.len() as isize;
    let m = b.len() as isize;
    let max_d = (n + m + 1) / 2;
    let off = max_d;
    let vlen = (2 * max_d + 2) as usize;
    let mut v1 = vec![-1isize; vlen];
    let mut v2 = vec![-1isize; vlen];
    v1[(off + 1) as usize] = 0;
    v2[(off + 1) as usize] = 0;
    let delta = n - m;
    // With an odd delta the paths meet while extending forward, otherwise in reverse.
    let front = delta % 2 != 0;
    let (mut k1s, mut k1e, mut k2s, mut k2e) = (0isize, 0isize, 0isize, 0isize);
    let get = |v: &Vec<isize>, i: isize| -> isize {
        if i >= 0 && (i as usize) < v.len() {
            v[i as usize]
        } else {
            -1
        }
    };
    let mut best: Option<(isize, isize)> = None;
    for d in 0..max_d {
        if d > MAX_EXACT_D {
            return best.map(|(x, y)| (x as usize, y as usize));
        }
        let mut k1 = -d + k1s;
        while k1 <= d - k1e {
            let ko = off + k1;
            let mut x1 = if k1 == -d || (k1 != d && get(&v1, ko - 1) < get(&v1, ko + 1)) {
                get(&v1, ko + 1)
            } else {
                get(&v1, ko - 1) + 1
            };
            let mut y1 = x1 - k1;
            while x1 < n && y1 < m && a[x1 as usize] == b[y1 as usize] {
                x1 += 1;
                y1 += 1;
            }
            if ko >= 0 && (ko as usize) < vlen {
                v1[ko as usize] = x1;
            }
            if x1 <= n && y1 <= m && best.is_none_or(|(bx, by)| x1 + y1 > bx + by) {
                best = Some((x1, y1));
            }
            if x1 > n {
                k1e += 2;
            } else if y1 > m {
                k1s += 2;
            } else if front {
                let k2o = off + delta - k1;
                let r = get(&v2, k2o);
                if r != -1 && x1 >= n - r {
                    return Some((x1 as usize, y1 as usize));
                }
            }
            k1 += 2;
        }
        let mut k2 = -d + k2s;
        while k2 <= d - k2e {
            let ko = off + k2;
            let mut x2 = if k2 == -d || (k2 != d && get(&v2, ko - 1) < get(&v2, ko + 1)) {
                get(&v2, ko + 1)
            } else {
                get(&v2, ko - 1) + 1
            };
            let mut y2 = x2 - k2;
            while x2 < n && y2 < m && a[(n - x2 - 1) as usize] == b[(m - y2 - 1) as usize] {
                x2 += 1;
                y2 += 1;
            }
            if ko >= 0 && (ko as usize) < vlen {
                v2[ko as usize] = x2;
            }
            if x2 > n {
                k2e += 2;
            } else if y2 > m {
                k2s += 2;
            } else if !front {
                let k1o = off + delta - k2;
                let x1 = get(&v1, k1o);
                if x1 != -1 {
                    let y1 = off + x1 - k1o;
                    if x1 >= n - x2 {
                        return Some((x1 as usize, y1 as usize));
                    }
                }
            }
            k2 += 2;
        }
    }
    None
}

/// Number of changed lines (deletions plus insertions).
pub fn count_changes(ops: &[Op]) -> usize {
    ops.iter().filter(|o| !matches!(o, Op::Equal(..))).count()
}

/// Unified diff text (`---`/`+++` header, `@@ -l,n +l,n @@` hunks, `context` lines around
/// each change). Empty when the inputs are equal.
pub fn unified(a: &[&str], b: &[&str], name_a: &str, name_b: &str, context: usize) -> String {
    let ops = diff_lines(a, b);
    if count_changes(&ops) == 0 {
        return String::new();
    }
    let mut out = format!("--- {name_a}\n+++ {name_b}\n");
    // Indices of changed ops, grouped into hunks whose context windows touch.
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| !matches!(o, Op::Equal(..)))
        .map(|(i, _)| i)
        .collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        match groups.last_mut() {
            Some((_, end)) if i <= *end + 2 * context + 1 => *end = i,
            _ => groups.push((i, i)),
        }
    }
    for (first, last) in groups {
        let lo = first.saturating_sub(context);
        let hi = (last + context + 1).min(ops.len());
        let hunk = &ops[lo..hi];
        // Starting line numbers: position in each file of the first op of the hunk.
        let (mut sa, mut sb) = (None, None);
        let (mut na, mut nb) = (0, 0);
        for o in hunk {
            match *o {
                Op::Equal(i, j) => {
                    sa.get_or_insert(i);
                    sb.get_or_insert(j);
                    na += 1;
                    nb += 1;
                }
                Op::Delete(i) => {
                    sa.get_or_insert(i);
                    na += 1;
                }
                Op::Insert(j) => {
                    sb.get_or_insert(j);
                    nb += 1;
                }
            }
        }
        // A side with no lines in the hunk is positioned after the preceding line (diff -u).
        let pos_a = sa.unwrap_or_else(|| a_pos_before(&ops, lo));
        let pos_b = sb.unwrap_or_else(|| b_pos_before(&ops, lo));
        let fmt_range = |start: usize, n: usize| {
            if n == 0 {
                format!("{start},0")
            } else if n == 1 {
                format!("{}", start + 1)
            } else {
                format!("{},{n}", start + 1)
            }
        };
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            fmt_range(pos_a, na),
            fmt_range(pos_b, nb)
        ));
        for o in hunk {
            match *o {
                Op::Equal(i, _) => out.push_str(&format!(" {}\n", a[i])),
                Op::Delete(i) => out.push_str(&format!("-{}\n", a[i])),
                Op::Insert(j) => out.push_str(&format!("+{}\n", b[j])),
            }
        }
    }
    out
}

fn a_pos_before(ops: &[Op], lo: usize) -> usize {
    ops[..lo]
        .iter()
        .filter(|o| matches!(o, Op::Equal(..) | Op::Delete(_)))
        .count()
}

fn b_pos_before(ops: &[Op], lo: usize) -> usize {
    ops[..lo]
        .iter()
        .filter(|o| matches!(o, Op::Equal(..) | Op::Insert(_)))
        .count()
}

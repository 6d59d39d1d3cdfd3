//! Links the sample module with a C harness using the system `cc` (test only: the product
//! never runs external tools) and checks what the generated code computes.

mod common;
use std::path::PathBuf;
use std::process::Command;

const HARNESS: &str = r#"
#include <stdio.h>
#include <stdint.h>
#include <math.h>
int64_t rgo_sum(int64_t); int64_t rgo_divsum(int64_t, int64_t); int64_t rgo_switch(int64_t);
int64_t rgo_switch8(int64_t); int64_t rgo_mem(int64_t); int64_t rgo_float(double);
double rgo_u2f(int64_t); int64_t rgo_fmix(double); int64_t rgo_i8(int64_t, int64_t);
int64_t rgo_data(void); int64_t rgo_indirect(int64_t); int64_t rgo_ext(int64_t);
int64_t rgo_countdown(int64_t); double rgo_fmin(double, double); int64_t rgo_dense(int64_t); double rgo_fmax(double, double);
int64_t rgo_c_helper(int64_t x) { return x + 1; }
int32_t rgo_c_bool(uint8_t b) { return b ? 7 : 3; }
#define P(e) printf("%lld\n", (long long)(e))
int main(void) {
    P(rgo_sum(10)); P(rgo_sum(0)); P(rgo_sum(1000));
    P(rgo_divsum(47, 5)); P(rgo_divsum(-47, 5));
    P(rgo_switch(-1)); P(rgo_switch(2)); P(rgo_switch(7)); P(rgo_switch(5)); P(rgo_switch(-9));
    P(rgo_switch8(255)); P(rgo_switch8(5)); P(rgo_switch8(261)); P(rgo_switch8(-1)); P(rgo_switch8(4));
    P(rgo_mem(5)); P(rgo_mem(1LL << 50));
    P(rgo_float(3.0)); P(rgo_float(-3.0)); P(rgo_float(1e300)); P(rgo_float(0.0/0.0));
    printf("%.1f\n", rgo_u2f(-1)); printf("%.1f\n", rgo_u2f(12345));
    P(rgo_fmix(-2.5)); P(rgo_fmix(3.0)); P(rgo_fmix(300.75));
    P(rgo_i8(100, 3)); P(rgo_i8(-7, 9)); P(rgo_i8(-1, -1)); P(rgo_i8(0x7123456789abcdefLL, 77));
    P(rgo_data()); P(rgo_data());
    P(rgo_indirect(21));
    P(rgo_ext(10)); P(rgo_ext(1));
    P(rgo_countdown(10)); P(rgo_countdown(9));
    for (int i = -2; i < 23; i++) P(rgo_dense(i));
    printf("%g %g %g %g\n", rgo_fmin(-0.0, 0.0), rgo_fmin(0.0, -0.0), rgo_fmax(-0.0, 0.0), rgo_fmax(0.0, -0.0));
    printf("%g %g %d %d %d %d\n", rgo_fmin(2.0, -3.5), rgo_fmax(2.0, -3.5), isnan(rgo_fmin(1.0, NAN)) != 0,
           isnan(rgo_fmax(NAN, 1.0)) != 0, isnan(rgo_fmin(NAN, 1.0)) != 0, isnan(rgo_fmax(1.0, NAN)) != 0);
    return 0;
}
"#;

fn fmix(x: f64) -> i64 {
    let sel = if x < 0.0 {
        -1
    } else {
        ((x as f32) as f64).to_bits() as i64 >> 32
    };
    let u8v = (x as i64) as u8 as i64;
    let i16v = (x as i64) as i16 as i64; // in range for the inputs used
    sel + u8v + i16v
}

fn i8f(a: i64, b: i64) -> i64 {
    let m = (a as i8).wrapping_mul(b as i8).wrapping_shl(1) as i64;
    let u = ((a as u16) >> 3) as i64;
    m + u + (a >> 60) + 1
}

fn mem(a: i64) -> i64 {
    4 * a + 3 + ((a + 1) & !0xFF_FFFF_FFFF)
}

fn expected() -> String {
    let mut v: Vec<String> = vec![];
    let mut p = |x: i64| v.push(x.to_string());
    p(45);
    p(0);
    p(499500);
    p(9002011);
    p(-9002011);
    for x in [100, 200, 700, 10, -18] {
        p(x);
    }
    for x in [1, 2, 2, 1, 0] {
        p(x);
    }
    p(mem(5));
    p(mem(1 << 50));
    p(7);
    p(-7);
    p(i64::MAX);
    p(0);
    let mut out = v.join("\n") + "\n";
    out += &format!("{:.1}\n{:.1}\n", u64::MAX as f64, 12345.0);
    let mut v: Vec<String> = vec![];
    let mut p = |x: i64| v.push(x.to_string());
    for x in [-2.5, 3.0, 300.75] {
        p(fmix(x));
    }
    for (a, b) in [(100, 3), (-7, 9), (-1, -1), (0x7123456789abcdef, 77)] {
        p(i8f(a, b));
    }
    p(90);
    p(97);
    p(42);
    p(29);
    p(7);
    p(-2);
    p(0);
    for i in -2..23i64 {
        p(if (0..20).contains(&i) { i * i + 1 } else { -1 });
    }
    out + &v.join("\n") + "\n-0 -0 0 0\n-3.5 2 1 1 1 1\n"
}

#[test]
fn sample_module_runs() {
    if Command::new("cc").arg("--version").output().is_err() {
        println!("note: no `cc` on this machine, skipping the execution test");
        return;
    }
    let mut m = common::sample_module();
    // Drop the descriptor that refers to runtime symbols a C program does not have.
    m.data.retain(|d| d.name != "type:main.T");
    m.functions.retain(|f| f.name != "main.unreachable");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("backend-exec");
    std::fs::create_dir_all(&dir).unwrap();
    for (threads, opt) in [(1, backend::OptLevel::Speed), (2, backend::OptLevel::None)] {
        let opts = backend::Options {
            opt_level: opt,
            threads,
        };
        let obj = backend::compile_module(&m, &opts).unwrap();
        let o = dir.join(format!("sample{threads}.o"));
        let c = dir.join("harness.c");
        let exe = dir.join(format!("sample{threads}"));
        std::fs::write(&o, &obj).unwrap();
        std::fs::write(&c, HARNESS).unwrap();
        let st = Command::new("cc")
            .args(["-no-pie", "-o"])
            .arg(&exe)
            .arg(&c)
            .arg(&o)
            .output()
            .unwrap();
        assert!(
            st.status.success(),
            "cc failed: {}",
            String::from_utf8_lossy(&st.stderr)
        );
        let out = Command::new(&exe).output().unwrap();
        assert!(out.status.success(), "harness failed: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            expected(),
            "opt {opt:?}"
        );
    }
}

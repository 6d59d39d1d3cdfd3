//! Generates the Go parser from src/go.lalrpop into OUT_DIR/go.rs.

fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("lalrpop failed on src/go.lalrpop");
}

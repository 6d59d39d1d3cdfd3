//! rgo's frontend: lexing (logos, with Go's semicolon insertion), parsing (lalrpop), the syntax tree,
//! package loading and the type checker, with diagnostics worded as gc words them.
//!
//! Data flows one way: source text → [`lexer`] tokens → [`parser`] → [`ast::File`] → [`types`]
//! checker → a checked [`types::Program`] that the midend lowers.

pub mod ast;
pub mod diag;
pub mod source;
pub mod types;

pub use diag::Diagnostic;
pub use source::FileSet;
pub mod lexer;
pub mod load;
pub mod parser;

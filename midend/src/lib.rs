//! rgo's midend: lowers a checked Go program to rgo's low-level [`ir`], deciding every Go
//! semantic detail on the way: type layout ([`layout`]), value representation, bounds, nil and
//! divide checks, runtime calls, and the runtime type data of [`typedata`].

pub mod alg;
pub mod builder;
pub mod embed;
pub mod escape;
pub mod inline;
pub mod ir;
pub mod layout;
pub mod linkname;
pub mod lower;
pub mod tempslots;
pub mod typedata;

pub use lower::{LowerError, lower_package, lower_package_opts, lower_package_with_strings};

//! Goroutines and channels: `go` statements, `make(chan T, n)`, send, receive (with comma-ok),
//! `close`, `len`/`cap` of channels, `for range ch`, and `select`.
//!
//! Each entry point below is called by the statement/expression lowering; they lower to calls of
//! the runtime's scheduler and channel functions (docs/abi.md, "Goroutines and channels").

use frontend::ast::{self, Expr};
use frontend::types::TypeId;

use super::func::FnLower;
use super::value::Value;

impl<'a, 'p> FnLower<'a, 'p> {
    /// `go f(args)`.
    pub fn go_stmt(&mut self, call: &'p Expr) {
        self.l
            .error(call.pos, "rgo: go statements are not supported yet");
    }

    /// `make(chan T[, size])`; `t` is the channel type.
    pub fn make_chan(&mut self, e: &'p Expr, t: TypeId, size: Option<&'p Expr>) -> Value {
        let _ = size;
        self.l.error(e.pos, "rgo: make(chan) is not supported yet");
        self.zero_value(t)
    }

    /// `ch <- v`.
    pub fn chan_send(&mut self, s: &'p ast::Stmt, ch: &'p Expr, v: &'p Expr) {
        let _ = (ch, v);
        self.l
            .error(s.pos, "rgo: channel sends are not supported yet");
    }

    /// `<-ch` (the `Unary{Recv}` expression `e`); with `comma_ok` also the ok flag.
    pub fn chan_recv(&mut self, e: &'p Expr, comma_ok: bool) -> Vec<Value> {
        let _ = comma_ok;
        self.l
            .error(e.pos, "rgo: channel receive is not supported yet");
        vec![self.zero_value(self.type_of(e))]
    }

    /// `close(ch)`.
    pub fn chan_close(&mut self, e: &'p Expr, ch: &'p Expr) {
        let _ = ch;
        self.l.error(e.pos, "rgo: close is not supported yet");
    }

    /// `len(ch)` / `cap(ch)` of a channel value.
    pub fn chan_len_cap(&mut self, e: &'p Expr, ch: Value, cap: bool) -> Value {
        let _ = (ch, cap);
        self.l
            .error(e.pos, "rgo: len/cap of channels is not supported yet");
        self.zero_value(self.type_of(e))
    }

    /// `for [k =|:=] range ch { body }` (the range statement `s`).
    pub fn range_chan(
        &mut self,
        s_pos: ast::Pos,
        key: Option<&'p Expr>,
        define: bool,
        x: &'p Expr,
        body: &'p ast::Block,
    ) {
        let _ = (key, define, x, body);
        self.l
            .error(s_pos, "rgo: range over channels is not supported yet");
    }

    /// `select { ... }`.
    pub fn select_stmt(&mut self, s: &'p ast::Stmt, clauses: &'p [ast::CommClause]) {
        let _ = clauses;
        self.l
            .error(s.pos, "rgo: select is not supported yet");
    }
}

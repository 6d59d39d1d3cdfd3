package main

// For `rgo explain` (tests/tests/explain.rs): a method value that escapes (stored in a
// global) and one that does not.

type Account struct {
	Owner   string
	Balance int
}

func (a Account) Describe() string { return a.Owner }

var saved func() string

func main() {
	acct := Account{Owner: "ada", Balance: 10}
	saved = acct.Describe
	local := acct.Describe
	println(saved(), local())
}

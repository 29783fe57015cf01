// Package consumer uses abnfc as a user would: go generate writes
// zz_abnf.go from greeting.abnf.
package consumer

//go:generate go run github.com/abnfc/abnfc/cmd/abnfc gen -grammar greeting.abnf -rules greeting -package consumer -o zz_abnf.go

// IsGreeting reports whether s is a greeting.
func IsGreeting(s string) bool { return MatchGreeting([]byte(s)) }

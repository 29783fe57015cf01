package grammar

import "fmt"

// Dialect selects the ABNF notation a grammar is written in and the
// prelude of built-in rules it gets.
type Dialect int

// The dialects abnfc reads.
const (
	// RFC5234 is ABNF as RFC 5234 defines it, with RFC 7405's %s"..." and
	// %i"..." strings. The core rules of RFC 5234 Appendix B are built in.
	RFC5234 Dialect = iota
	// RFC2616 is the augmented BNF of RFC 2616 §2.1: "|" alternation,
	// case-insensitive "literals", <"> for a double quote, #rule lists with
	// implied LWS around commas, and the basic rules of §2.2 built in.
	RFC2616
	// RFC7230 is RFC5234 plus the list extension of RFC 7230 §7.
	RFC7230
)

// Dialects lists every dialect, in flag order.
var Dialects = []Dialect{RFC5234, RFC2616, RFC7230}

// String returns the dialect's name as -dialect spells it ("rfc5234").
func (d Dialect) String() string {
	switch d {
	case RFC5234:
		return "rfc5234"
	case RFC2616:
		return "rfc2616"
	case RFC7230:
		return "rfc7230"
	}
	return fmt.Sprintf("Dialect(%d)", int(d))
}

// ParseDialect returns the dialect named s ("rfc5234", "rfc2616" or
// "rfc7230").
func ParseDialect(s string) (Dialect, error) {
	for _, d := range Dialects {
		if d.String() == s {
			return d, nil
		}
	}
	return 0, fmt.Errorf("unknown dialect %q (want rfc5234, rfc2616 or rfc7230)", s)
}

// Set and the String method make *Dialect a flag.Value.
func (d *Dialect) Set(s string) error {
	v, err := ParseDialect(s)
	if err == nil {
		*d = v
	}
	return err
}

// HasLists reports whether the dialect has #rule lists.
func (d Dialect) HasLists() bool { return d == RFC2616 || d == RFC7230 }

package bench

import (
	"time"

	"github.com/abnfc/abnfc/parser"
)

// ParseHTTPDate is our HTTP-date (RFC 2616 §3.3.1) to time.Time function,
// named once here. These are functions, not variables holding
// parser.ParseHTTPDate, so that the benchmarks call ours directly, as they
// call the peer's (http.ParseTime) and as a user does: through a
// variable every call was an indirect one, about 1 ns of a 10 ns parse
// (session 7).
func ParseHTTPDate(b []byte) (time.Time, error) { return parser.ParseHTTPDate(b) }

// ParseHTTPDateAt is ParseHTTPDate with the current time given.
func ParseHTTPDateAt(b []byte, now time.Time) (time.Time, error) {
	return parser.ParseHTTPDateAt(b, now)
}

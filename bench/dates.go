package bench

import (
	"time"

	"github.com/abnfc/abnfc/parser"
)

// ParseHTTPDate is our HTTP-date (RFC 2616 §3.3.1) to time.Time function,
// named once here.
var ParseHTTPDate func([]byte) (time.Time, error) = parser.ParseHTTPDate

// ParseHTTPDateAt is ParseHTTPDate with the current time given.
var ParseHTTPDateAt func([]byte, time.Time) (time.Time, error) = parser.ParseHTTPDateAt

package parser

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 22, 4, 0, 0, 0, time.UTC)

func TestParseHTTPDate(t *testing.T) {
	sunday := time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)
	tests := []struct {
		name, in string
		want     time.Time
	}{
		// RFC 2616 §3.3.1: the three forms of the same instant.
		{"§3.3.1 rfc1123-date", "Sun, 06 Nov 1994 08:49:37 GMT", sunday},
		{"§3.3.1 rfc850-date", "Sunday, 06-Nov-94 08:49:37 GMT", sunday},
		{"§3.3.1 asctime-date", "Sun Nov  6 08:49:37 1994", sunday},
		// RFC 2616 §3.3.1 date3 = month SP ( 2DIGIT | ( SP 1DIGIT )).
		{"§3.3.1 asctime-date two-digit day", "Wed Nov 16 08:49:37 1994", time.Date(1994, 11, 16, 8, 49, 37, 0, time.UTC)},
		{"§3.3.1 asctime-date day with leading zero", "Sun Nov 06 08:49:37 1994", sunday},
		// RFC 2616 §3.3.1 "00:00:00 - 23:59:59".
		{"§3.3.1 first second of a day", "Sat, 01 Jan 2000 00:00:00 GMT", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"§3.3.1 last second of a day", "Fri, 31 Dec 1999 23:59:59 GMT", time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)},
		{"§3.3.1 leap day 2000", "Tue, 29 Feb 2000 12:00:00 GMT", time.Date(2000, 2, 29, 12, 0, 0, 0, time.UTC)},
		{"§3.3.1 leap day 2024 rfc850", "Thursday, 29-Feb-24 12:00:00 GMT", time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)},
		{"§3.3.1 year 0000", "Sat, 01 Jan 0000 00:00:00 GMT", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"§3.3.1 year 9999", "Fri, 31 Dec 9999 23:59:59 GMT", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
		{"§3.3.1 every weekday name rfc850 Wednesday", "Wednesday, 09-Nov-94 08:49:37 GMT", time.Date(1994, 11, 9, 8, 49, 37, 0, time.UTC)},
		{"§3.3.1 every weekday name rfc850 Saturday", "Saturday, 12-Nov-94 08:49:37 GMT", time.Date(1994, 11, 12, 8, 49, 37, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHTTPDateAt([]byte(tt.in), testNow)
			if err != nil {
				t.Fatalf("ParseHTTPDateAt(%q) error: %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("ParseHTTPDateAt(%q) = %v, want %v (UTC)", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseHTTPDateErrors(t *testing.T) {
	tests := []struct {
		name, in string
		off      int
		msg      string // a part of the message, or ""
	}{
		// RFC 2616 §3.3.1 "HTTP-date is case sensitive".
		{"§3.3.1 month in lower case", "Sun, 06 nov 1994 08:49:37 GMT", 8, ""},
		{"§3.3.1 month in upper case", "Sun, 06 NOV 1994 08:49:37 GMT", 9, ""},
		{"§3.3.1 weekday in lower case", "sun, 06 Nov 1994 08:49:37 GMT", 0, ""},
		{"§3.3.1 gmt in lower case", "Sun, 06 Nov 1994 08:49:37 gmt", 26, ""},
		{"§3.3.1 UTC is not GMT", "Sun, 06 Nov 1994 08:49:37 UTC", 26, ""},
		// RFC 2616 §3.3.1 "MUST NOT include additional LWS".
		{"§3.3.1 leading space", " Sun, 06 Nov 1994 08:49:37 GMT", 0, ""},
		{"§3.3.1 trailing space", "Sun, 06 Nov 1994 08:49:37 GMT ", 29, ""},
		{"§3.3.1 two spaces", "Sun,  06 Nov 1994 08:49:37 GMT", 5, ""},
		{"§3.3.1 empty", "", 0, "end of input"},
		{"§3.3.1 truncated", "Sun, 06 Nov 1994 08:49", 22, "end of input"},
		{"§3.3.1 one-digit day in rfc1123-date", "Sun, 6 Nov 1994 08:49:37 GMT", 6, ""},
		{"§3.3.1 four-digit year in rfc850-date", "Sunday, 06-Nov-1994 08:49:37 GMT", 17, ""},
		{"§3.3.1 wkday in rfc850-date", "Sun, 06-Nov-94 08:49:37 GMT", 7, ""},
		{"§3.3.1 ISO 8601 is no HTTP-date", "1994-11-06T08:49:37Z", 0, ""},
		// The time and calendar errors: TestParseHTTPDateValueErrors.
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHTTPDateAt([]byte(tt.in), testNow)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseHTTPDateAt(%q) = %v, %v; want an *Error", tt.in, got, err)
			}
			if e.Offset != tt.off || e.Line != 1 || e.Col != tt.off+1 || e.Rule != "HTTP-date" || e.Section != "3.3.1" {
				t.Errorf("ParseHTTPDateAt(%q) error at offset %d, %d:%d, rule %q, section %q; want offset %d, 1:%d, HTTP-date, 3.3.1 (%v)",
					tt.in, e.Offset, e.Line, e.Col, e.Rule, e.Section, tt.off, tt.off+1, e)
			}
			if tt.msg != "" && !contains(e.Error(), tt.msg) {
				t.Errorf("ParseHTTPDateAt(%q) error %q does not say %q", tt.in, e.Error(), tt.msg)
			}
			if !got.IsZero() {
				t.Errorf("ParseHTTPDateAt(%q) time = %v, want the zero time", tt.in, got)
			}
		})
	}
}

// TestParseHTTPDateValueErrors: the errors the grammar cannot catch name
// the field and its bytes as they are in the input, at the field's first
// digit or letter (an asctime-date day " 0" read "day  0", at the space).
func TestParseHTTPDateValueErrors(t *testing.T) {
	tests := []struct {
		name, in string
		off      int
		msg      string // all of e.Msg
	}{
		// RFC 2616 §3.3.1 time "00:00:00 - 23:59:59".
		{"§3.3.1 hour 24", "Sun, 06 Nov 1994 24:00:00 GMT", 17, "hour 24 is above 23"},
		{"§3.3.1 minute 60", "Sun, 06 Nov 1994 08:60:37 GMT", 20, "minute 60 is above 59"},
		{"§3.3.1 second 99 asctime", "Sun Nov  6 08:49:99 1994", 17, "second 99 is above 59"},
		{"§3.3.1 leap second 60", "Sun, 06 Nov 1994 08:49:60 GMT", 23, "second 60 is above 59"},
		// Calendar dates, in each form.
		{"§3.3.1 rfc1123-date day 00", "Sun, 00 Nov 1994 08:49:37 GMT", 5, "day 00 is not a day of November 1994"},
		{"§3.3.1 rfc1123-date day 31", "Thu, 31 Nov 1994 08:49:37 GMT", 5, "day 31 is not a day of November 1994"},
		{"§3.3.1 rfc1123-date Feb 30 2000", "Wed, 30 Feb 2000 08:49:37 GMT", 5, "day 30 is not a day of February 2000"},
		{"§3.3.1 rfc1123-date Feb 29 1900", "Thu, 29 Feb 1900 08:49:37 GMT", 5, "day 29 is not a day of February 1900"},
		{"§3.3.1 rfc850-date day 29", "Wednesday, 29-Feb-23 08:49:37 GMT", 11, "day 29 is not a day of February 2023"},
		{"§3.3.1 asctime-date day 0", "Sun Nov  0 08:49:37 1994", 9, "day 0 is not a day of November 1994"},
		{"§3.3.1 asctime-date day 00", "Sun Nov 00 08:49:37 1994", 8, "day 00 is not a day of November 1994"},
		{"§3.3.1 asctime-date day 30", "Wed Feb 30 08:49:37 2000", 8, "day 30 is not a day of February 2000"},
		// The weekday must be the date's (stricter than net/http), named
		// as it is written in each form.
		{"§3.3.1 rfc1123-date weekday", "Mon, 06 Nov 1994 08:49:37 GMT", 0, "weekday Mon is not the date's: 1994-11-06 is a Sunday"},
		{"§3.3.1 rfc850-date weekday", "Wednesday, 06-Nov-94 08:49:37 GMT", 0, "weekday Wednesday is not the date's: 1994-11-06 is a Sunday"},
		{"§3.3.1 asctime-date weekday", "Sat Nov  6 08:49:37 1994", 0, "weekday Sat is not the date's: 1994-11-06 is a Sunday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHTTPDateAt([]byte(tt.in), testNow)
			if !got.IsZero() {
				t.Errorf("ParseHTTPDateAt(%q) time = %v, want the zero time", tt.in, got)
			}
			var e *Error
			if !errors.As(err, &e) || e.Msg != tt.msg || e.Offset != tt.off || e.Col != tt.off+1 {
				t.Errorf("ParseHTTPDateAt(%q) error = %v\nwant offset %d, 1:%d, %q", tt.in, err, tt.off, tt.off+1, tt.msg)
			}
		})
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// RFC 2616 §19.3: an RFC-850 date more than 50 years in the future is in
// the past.
func TestParseHTTPDateRFC850Year(t *testing.T) {
	tests := []struct {
		name string
		now  time.Time
		want time.Time
	}{
		{"§19.3 1994 seen in 2026", testNow, time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)},
		{"§19.3 2030 seen in 2026", testNow, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"§19.3 exactly 50 years ahead stays ahead", testNow, testNow.AddDate(50, 0, 0)},
		{"§19.3 a second more than 50 years ahead is in the past", testNow, testNow.AddDate(-50, 0, 0).Add(time.Second)},
		{"§19.3 1976 seen in 2026 (net/http: 1976 too)", testNow, time.Date(1976, 12, 1, 0, 0, 0, 0, time.UTC)},
		{"§19.3 2069 seen in 2026 (net/http: 1969)", testNow, time.Date(2069, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"§19.3 2099 seen in 2060", time.Date(2060, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2099, 6, 1, 0, 0, 0, 0, time.UTC)},
		{"§19.3 2011 seen in 2060", time.Date(2060, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC)},
		{"§19.3 near the end of a century: 2105 seen in 2090", time.Date(2090, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2105, 6, 1, 0, 0, 0, 0, time.UTC)},
		{"§19.3 1999 seen in 2000", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)},
		{"§19.3 Feb 29 2000 seen in 2040", time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC)},
		// 2000-02-29 00:00 is less than 50 years before 2050-02-28 12:00,
		// and 2100 has no February 29: the date is in 2000 (it was read
		// as 2100, its day then refused, when the window's end was
		// compared with February 28, 2100).
		{"§19.3 Feb 29 2000 seen hours less than 50 years later", time.Date(2050, 2, 28, 12, 0, 0, 0, time.UTC), time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC)},
		{"§19.3 00 seen in 2060 is 2100, not 60 years back", time.Date(2060, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"§19.3 now in another zone", time.Date(2026, 11, 22, 4, 0, 0, 0, time.FixedZone("X", -11*3600)), time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.want.Format("Monday, 02-Jan-06 15:04:05 GMT")
			got, err := ParseHTTPDateAt([]byte(in), tt.now)
			if err != nil {
				t.Fatalf("ParseHTTPDateAt(%q, %v) error: %v", in, tt.now, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseHTTPDateAt(%q, %v) = %v, want %v", in, tt.now, got, tt.want)
			}
		})
	}
}

// RFC 2616 §19.3: a now near year 0 or 9999 (the zero time.Time, say)
// places a two-digit year outside 0000-9999, and an error about the day
// names that year as it is, not its last four digits as 4DIGIT.
func TestParseHTTPDateRFC850YearInError(t *testing.T) {
	tests := []struct {
		name, in string
		now      time.Time
		want     string // a part of the message
	}{
		{"§19.3 year -1 seen from the zero time", "Sunday, 29-Feb-99 00:00:00 GMT", time.Time{}, "two-digit year 99 read in 0001 is year -1, outside the years 0000-9999"},
		{"§19.3 year -6 seen from the zero time, a valid day", "Sunday, 06-Nov-94 08:49:37 GMT", time.Time{}, "1:16: [HTTP-date] two-digit year 94 read in 0001 is year -6"},
		{"§19.3 year 10001 seen from 9990", "Sunday, 29-Feb-01 00:00:00 GMT", time.Date(9990, 1, 1, 0, 0, 0, 0, time.UTC), "two-digit year 01 read in 9990 is year 10001"},
		{"§19.3 year 9999 seen from 9990", "Sunday, 29-Feb-99 00:00:00 GMT", time.Date(9990, 1, 1, 0, 0, 0, 0, time.UTC), "not a day of February 9999 "},
		{"§19.3 year 0900 keeps four digits", "Sunday, 29-Feb-00 00:00:00 GMT", time.Date(920, 1, 1, 0, 0, 0, 0, time.UTC), "not a day of February 0900 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHTTPDateAt([]byte(tt.in), tt.now)
			if err == nil || !contains(err.Error(), tt.want) {
				t.Errorf("ParseHTTPDateAt(%q, %v) = %v, %v; want an error saying %q", tt.in, tt.now, got, err, tt.want)
			}
		})
	}
}

// RFC 2616 §3.3.1: ParseHTTPDate (with time.Now) reads all three forms.
func TestParseHTTPDateNow(t *testing.T) {
	got, err := ParseHTTPDate([]byte("Sunday, 06-Nov-94 08:49:37 GMT"))
	if want := time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("ParseHTTPDate = %v, %v; want %v", got, err, want)
	}
}

// RFC 2616 §3.3.1: on valid dates ParseHTTPDate agrees with net/http, which
// also parses the three forms (for rfc850-date in the years both place the
// same way, 1977-2068, see ParseHTTPDateAt).
func TestParseHTTPDateAgainstNetHTTP(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	lo := time.Date(1977, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2068, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	layouts := []string{http.TimeFormat, time.RFC850, time.ANSIC}
	for i := 0; i < 3000; i++ {
		tm := time.Unix(lo+r.Int64N(hi-lo), 0).UTC()
		layout := layouts[i%3]
		in := tm.Format(layout)
		if layout == time.RFC850 {
			in = in[:len(in)-3] + "GMT" // time.RFC850 ends in MST
		}
		want, err := http.ParseTime(in)
		if err != nil {
			t.Fatalf("http.ParseTime(%q): %v", in, err)
		}
		got, err := ParseHTTPDateAt([]byte(in), testNow)
		if err != nil || !got.Equal(want) {
			t.Fatalf("ParseHTTPDateAt(%q) = %v, %v; net/http says %v", in, got, err, want)
		}
	}
}

func TestFormatHTTPDate(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"§3.3.1 rfc1123-date example", time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC), "Sun, 06 Nov 1994 08:49:37 GMT"},
		{"§3.3.1 always GMT", time.Date(1994, 11, 6, 9, 49, 37, 999999999, time.FixedZone("CET", 3600)), "Sun, 06 Nov 1994 08:49:37 GMT"},
		{"§3.3.1 zone moves the date", time.Date(1994, 11, 5, 23, 0, 0, 0, time.FixedZone("EST", -5*3600)), "Sun, 06 Nov 1994 04:00:00 GMT"},
		{"§3.3.1 year 0000", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), "Sat, 01 Jan 0000 00:00:00 GMT"},
		{"§3.3.1 4DIGIT year: before 0000 clamps", time.Date(-5, 6, 1, 0, 0, 0, 0, time.UTC), "Sat, 01 Jan 0000 00:00:00 GMT"},
		{"§3.3.1 4DIGIT year: after 9999 clamps", time.Date(12000, 6, 1, 0, 0, 0, 0, time.UTC), "Fri, 31 Dec 9999 23:59:59 GMT"},
		{"§3.3.1 zero time", time.Time{}, "Mon, 01 Jan 0001 00:00:00 GMT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatHTTPDate(tt.in); got != tt.want {
				t.Errorf("FormatHTTPDate(%v) = %q, want %q", tt.in, got, tt.want)
			}
			if got := string(AppendHTTPDate([]byte("x"), tt.in)); got != "x"+tt.want {
				t.Errorf("AppendHTTPDate(x, %v) = %q, want %q", tt.in, got, "x"+tt.want)
			}
			back, err := ParseHTTPDate([]byte(tt.want))
			if err != nil {
				t.Errorf("ParseHTTPDate(FormatHTTPDate(%v)) error: %v", tt.in, err)
			} else if FormatHTTPDate(back) != tt.want {
				t.Errorf("round trip of %q gives %q", tt.want, FormatHTTPDate(back))
			}
		})
	}
}

// RFC 2616 §3.3.1: FormatHTTPDate writes what net/http's http.TimeFormat writes.
func TestFormatHTTPDateAgainstNetHTTP(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 3000; i++ {
		tm := time.Unix(r.Int64N(253402300799), r.Int64N(1e9))
		want := tm.UTC().Format(http.TimeFormat)
		if got := FormatHTTPDate(tm); got != want {
			t.Fatalf("FormatHTTPDate(%v) = %q, net/http: %q", tm, got, want)
		}
	}
}

func TestDateAllocs(t *testing.T) {
	inputs := [][]byte{
		[]byte("Sun, 06 Nov 1994 08:49:37 GMT"),
		[]byte("Sunday, 06-Nov-94 08:49:37 GMT"),
		[]byte("Sun Nov  6 08:49:37 1994"),
	}
	for _, in := range inputs {
		if n := testing.AllocsPerRun(100, func() { ParseHTTPDate(in) }); n != 0 {
			t.Errorf("ParseHTTPDate(%q) allocates %v times, want 0", in, n)
		}
	}
	tm := time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { AppendHTTPDate(buf, tm) }); n != 0 {
		t.Errorf("AppendHTTPDate allocates %v times, want 0", n)
	}
	var sink string
	if n := testing.AllocsPerRun(100, func() { sink = FormatHTTPDate(tm) }); n > 1 {
		t.Errorf("FormatHTTPDate allocates %v times, want at most 1 (the string)", n)
	}
	_ = sink
}

var benchDates = []struct{ name, in string }{
	{"rfc1123", "Sun, 06 Nov 1994 08:49:37 GMT"},
	{"rfc850", "Sunday, 06-Nov-94 08:49:37 GMT"},
	{"asctime", "Sun Nov  6 08:49:37 1994"},
}

func BenchmarkParseHTTPDate(b *testing.B) {
	for _, d := range benchDates {
		in := []byte(d.in)
		b.Run(d.name+"/abnfc", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := ParseHTTPDate(in); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(d.name+"/nethttp", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := http.ParseTime(string(in)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFormatHTTPDate(b *testing.B) {
	tm := time.Date(1994, 11, 6, 8, 49, 37, 0, time.UTC)
	buf := make([]byte, 0, 64)
	b.Run("abnfc", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(29)
		for b.Loop() {
			buf = AppendHTTPDate(buf[:0], tm)
		}
	})
	b.Run("nethttp", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(29)
		for b.Loop() {
			buf = tm.UTC().AppendFormat(buf[:0], http.TimeFormat)
		}
	})
}

// RFC 2616 §3.3.1: whatever ParseHTTPDateAt accepts, net/http accepts as the
// same instant (rfc850-date only in the years where both place the
// two-digit year the same way), and FormatHTTPDate writes it back as
// rfc1123-date; ParseHTTPDateAt never panics.
func FuzzParseHTTPDate(f *testing.F) {
	for _, s := range []string{
		"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
		"Tue, 29 Feb 2000 12:00:00 GMT", "Wed Feb 30 08:49:37 2000", "Mon, 06 Nov 1994 08:49:37 GMT",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseHTTPDateAt([]byte(s), testNow)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Rule != "HTTP-date" || e.Offset < 0 || e.Offset > len(s) {
				t.Fatalf("ParseHTTPDateAt(%q) error %#v", s, err)
			}
			return
		}
		if s[3] != ',' || len(s) != 29 {
			if y := got.Year(); s[3] != ' ' && (y < 1977 || y > 2068) {
				return // rfc850-date outside the years both agree on
			}
		}
		want, herr := http.ParseTime(s)
		if herr != nil || !want.Equal(got) {
			t.Fatalf("ParseHTTPDateAt(%q) = %v; http.ParseTime = %v, %v", s, got, want, herr)
		}
		if s[3] == ',' && FormatHTTPDate(got) != s {
			t.Fatalf("FormatHTTPDate(ParseHTTPDateAt(%q)) = %q", s, FormatHTTPDate(got))
		}
	})
}

// TestFastDateAgrees checks that the rfc1123-date fast path and the
// general path give the same time or error: on every day from 1599 to
// 2401 (leap years, century rules, weekdays) with a right and a wrong
// weekday, at the edges of the clock, in years 0000-0099 and 9999, and
// on mutations of each byte.
func TestFastDateAgrees(t *testing.T) {
	both := func(s string) {
		t.Helper()
		t1, err1 := ParseHTTPDate([]byte(s))
		noFast = true
		t2, err2 := ParseHTTPDate([]byte(s))
		noFast = false
		if t1 != t2 || fmt.Sprint(err1) != fmt.Sprint(err2) {
			t.Fatalf("%q: fast %v, %v; general %v, %v", s, t1, err1, t2, err2)
		}
	}
	for d := time.Date(1599, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2402; d = d.AddDate(0, 0, 1) {
		s := d.Format("Mon, 02 Jan 2006 15:04:05 GMT")
		both(s)
		// The fast path must take every valid rfc1123-date itself, not
		// leave it to the general path.
		if got, ok := fastRFC1123([]byte(s)); !ok || !got.Equal(d) {
			t.Fatalf("fastRFC1123(%q) = %v, %v; want %v", s, got, ok, d)
		}
		both(d.AddDate(0, 0, 1).Format("Mon") + s[3:])
	}
	for _, s := range []string{
		"Sun, 06 Nov 1994 23:59:59 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
		"Sun, 06 Nov 1994 08:49:60 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "Sat, 01 Jan 0000 00:00:00 GMT",
		"Fri, 31 Dec 9999 23:59:59 GMT", "Tue, 29 Feb 2000 00:00:00 GMT", "Thu, 29 Feb 1900 00:00:00 GMT",
		"Thu, 01 Jan 1970 00:00:00 GMT", "Wed, 31 Dec 1969 23:59:59 GMT", "Sun, 00 Nov 1994 08:49:37 GMT",
	} {
		both(s)
	}
	base := "Sun, 06 Nov 1994 08:49:37 GMT"
	for i := range base {
		for _, c := range []byte{0, ' ', ',', ':', '/', '0', '9', 'A', 'a', 'G', 'g', 0x7f, 0x80, 0xb0, 0xba, 0xff} {
			b := []byte(base)
			b[i] = c
			both(string(b))
		}
		both(base[:i])
		both(base + " ")
	}
}

// TestRFC1123Words checks the constants of fastRFC1123 against the
// template they come from.
func TestRFC1123Words(t *testing.T) {
	want := [4][3]uint64{
		{0xff0000ffff000000, 0x200000202c000000, 0x00ffff0000000000},
		{0x00000000ff000000, 0x0000000020000000, 0xffffffff00000000},
		{0x00ff0000ff0000ff, 0x003a00003a000020, 0xff00ffff00ffff00},
		{0xffffffff00000000, 0x544d472000000000, 0x00000000ff000000},
	}
	for i, w := range rfc1123Words {
		if got := [3]uint64{w.fixedMask, w.fixed, w.digitMask}; got != want[i] {
			t.Errorf("word %d at %d: template gives %#016x, fastRFC1123 uses %#016x", i, w.at, got, want[i])
		}
	}
}

// TestDateNameKeys checks monthKey and weekdayKey against package time's
// names on every three-letter name, and on every key that differs from
// one in one byte.
func TestDateNameKeys(t *testing.T) {
	key := func(s string) uint32 { return key3([]byte(s)) }
	months := "JanFebMarAprMayJunJulAugSepOctNovDec"
	days := "SunMonTueWedThuFriSat"
	for i := 0; i < len(months); i += 3 {
		if got := monthKey(key(months[i : i+3])); got != i/3+1 || time.Month(got).String()[:3] != months[i:i+3] {
			t.Errorf("monthKey(%s) = %d", months[i:i+3], got)
		}
	}
	for i := 0; i < len(days); i += 3 {
		if got := weekdayKey(key(days[i : i+3])); got != i/3 || time.Weekday(got).String()[:3] != days[i:i+3] {
			t.Errorf("weekdayKey(%s) = %d", days[i:i+3], got)
		}
	}
	for _, names := range []string{months, days} {
		for i := 0; i < len(names); i += 3 {
			for p := 0; p < 3; p++ {
				for c := 0; c < 256; c++ {
					b := []byte(names[i : i+3])
					if b[p] == byte(c) {
						continue
					}
					b[p] = byte(c)
					if m := monthKey(key(string(b))); m != 0 && !strings.Contains(months, string(b)) {
						t.Errorf("monthKey(%q) = %d", b, m)
					}
					if w := weekdayKey(key(string(b))); w >= 0 && !strings.Contains(days, string(b)) {
						t.Errorf("weekdayKey(%q) = %d", b, w)
					}
				}
			}
		}
	}
}

// rfc1123Word describes 8 bytes of an rfc1123-date from offset at: the
// bytes under fixedMask must equal fixed, those under digitMask be DIGITs.
type rfc1123Word struct {
	at                          int
	fixedMask, fixed, digitMask uint64
}

// rfc1123Words is the template "Www, DD Mmm YYYY HH:MM:SS GMT" as four
// overlapping little-endian words (offsets 0, 8, 16 and 21).
var rfc1123Words = [4]rfc1123Word{
	template(0, "...,.DD."),
	template(8, "....DDDD"),
	template(16, ".DD:DD:D"),
	template(21, "...D.GMT"),
}

// template builds an rfc1123Word from a pattern: D a digit, '.' any
// byte (a name, checked elsewhere, or a place another word checks),
// anything else itself, except that ". " in the pattern are spaces where
// the date has them.
func template(at int, pat string) rfc1123Word {
	const date = "Sun, 06 Nov 1994 08:49:37 GMT"
	w := rfc1123Word{at: at}
	for i := 0; i < 8; i++ {
		c := date[at+i]
		switch {
		case pat[i] == 'D':
			w.digitMask |= 0xff << (8 * i)
		case c == ' ' || pat[i] != '.':
			w.fixedMask |= 0xff << (8 * i)
			w.fixed |= uint64(c) << (8 * i)
		}
	}
	return w
}

// TestDaysFromCivil checks daysFromCivil's day count and weekday against
// package time on every day from 1600 to 2400, which covers the years of
// its table (1900-2155) and the arithmetic on both sides of them, and
// daysFromEra, the arithmetic alone, on every one of those days.
func TestDaysFromCivil(t *testing.T) {
	for d := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() <= 2400; d = d.AddDate(0, 0, 1) {
		y, m, dd := uint(d.Year()), uint(d.Month()), uint(d.Day())
		want := d.Unix() / 86400
		days, wd := daysFromCivil(y, m, dd)
		if got := int64(days) - epochShift; got != want || time.Weekday(wd) != d.Weekday() {
			t.Fatalf("daysFromCivil(%s) = day %d, %v; want day %d, %v", d.Format("2006-01-02"), got, time.Weekday(wd), want, d.Weekday())
		}
		// The arithmetic alone must agree on the table's years too.
		days, wd = daysFromEra(y, m, dd)
		if got := int64(days) - epochShift; got != want || time.Weekday(wd) != d.Weekday() {
			t.Fatalf("daysFromEra(%s) = day %d, %v; want day %d, %v", d.Format("2006-01-02"), got, time.Weekday(wd), want, d.Weekday())
		}
	}
}

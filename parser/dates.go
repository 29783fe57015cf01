package parser

import (
	"encoding/binary"
	"strconv"
	"time"
)

// HTTP-date, RFC 2616 §3.3.1:
//
//	HTTP-date    = rfc1123-date | rfc850-date | asctime-date
//	rfc1123-date = wkday "," SP date1 SP time SP "GMT"
//	rfc850-date  = weekday "," SP date2 SP time SP "GMT"
//	asctime-date = wkday SP date3 SP time SP 4DIGIT
//	date1        = 2DIGIT SP month SP 4DIGIT      ; 02 Jun 1982
//	date2        = 2DIGIT "-" month "-" 2DIGIT    ; 02-Jun-82
//	date3        = month SP ( 2DIGIT | ( SP 1DIGIT )) ; Jun  2
//	time         = 2DIGIT ":" 2DIGIT ":" 2DIGIT   ; 00:00:00 - 23:59:59
//
// The grammar (MatchHTTPDate) checks the shape; what it cannot check (the
// ranges of the numbers, the calendar, the weekday) is checked here.

// ParseHTTPDate parses an HTTP-date (RFC 2616 §3.3.1) in any of its three
// forms, rfc1123-date ("Sun, 06 Nov 1994 08:49:37 GMT"), rfc850-date
// ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime-date
// ("Sun Nov  6 08:49:37 1994"), and returns it in UTC.
//
// The two-digit year of an rfc850-date is placed relative to the current
// time (time.Now) as ParseHTTPDateAt describes; use ParseHTTPDateAt to pass the
// time yourself (in tests, or for a message received earlier).
//
// The input is all of b: no leading or trailing white space (§3.3.1 "MUST
// NOT include additional LWS"), and the case matters ("HTTP-date is case
// sensitive"). Beyond the grammar, ParseHTTPDate rejects hours above 23,
// minutes and seconds above 59 (§3.3.1 "00:00:00 - 23:59:59"; no leap
// second), days that the month does not have (Feb 30, Feb 29 1900), and a
// weekday that is not the weekday of the date. The weekday check is stricter
// than net/http's ParseTime, which ignores the weekday: a date whose
// redundant weekday disagrees is corrupt or forged, and no correct sender
// produces one (§3.3.1: senders MUST generate rfc1123-date, and both other
// forms are produced from a real date as well).
//
// Errors are *Error with Rule "HTTP-date", Section "3.3.1" and the offset
// of the offending byte in b. Beyond the grammar's, they name the field
// and give its bytes as written, at the field's first digit or letter:
// "hour 24 is above 23", "day 0 is not a day of November 1994" (of
// asctime-date's "Nov  0"), "weekday Mon is not the date's: 1994-11-06
// is a Sunday".
//
// ParseHTTPDate does not allocate, except for the error.
func ParseHTTPDate(b []byte) (time.Time, error) {
	if t, ok := fastRFC1123(b); ok && !noFast {
		return t, nil
	}
	return parseTime(b, time.Time{}, false)
}

// ParseHTTPDateAt is ParseHTTPDate with the two-digit year of an rfc850-date
// resolved against now instead of time.Now.
//
// RFC 2616 §19.3: "HTTP/1.1 clients and caches SHOULD assume that an
// RFC-850 date which appears to be more than 50 years in the future is in
// fact in the past (this helps solve the "year 2000" problem)." ParseHTTPDateAt
// takes the year with the given last two digits that puts the date in the
// window (now - 50 years, now + 50 years]: first in now's century; 100
// years earlier if that is more than 50 years after now (§19.3); 100 years
// later if that is still not more than 50 years after now (a date that
// would otherwise lie more than 50 years in the past, near the end of a
// century). RFC 7231 §7.1.1.1 states the same rule as "the most recent year
// in the past that had the same last two digits". The day is then checked
// in the year chosen: "Tuesday, 29-Feb-00" read in 2060 is February 29,
// 2100, which does not exist, and is an error; so is a year outside
// 0000-9999, which only a now near either end (the zero time.Time, say)
// gives and no HTTP-date can name.
//
// net/http's ParseTime instead maps 69-99 to 19xx and 00-68 to 20xx
// (time.Parse's "06"), so the two disagree on some rfc850-dates.
func ParseHTTPDateAt(b []byte, now time.Time) (time.Time, error) {
	if t, ok := fastRFC1123(b); ok && !noFast {
		return t, nil
	}
	return parseTime(b, now, true)
}

func parseTime(b []byte, now time.Time, haveNow bool) (time.Time, error) {
	if !MatchHTTPDate(b) {
		return time.Time{}, syntaxError(ValidateHTTPDate(b), "HTTP-date", "3.3.1", 0)
	}
	// The grammar fixed the positions of the fields; b[3] tells the forms
	// apart ("Sun," rfc1123, "Sun " asctime, "Sund" rfc850).
	var (
		wday, day, mon, year, tm int // offsets of the fields
		wdayEnd                  int // where the weekday's name ends
		twoDigitYear             bool
	)
	switch b[3] {
	case ',': // Sun, 06 Nov 1994 08:49:37 GMT
		wday, day, mon, year, tm, wdayEnd = 0, 5, 8, 12, 17, 3
	case ' ': // Sun Nov  6 08:49:37 1994
		wday, mon, day, tm, year, wdayEnd = 0, 4, 8, 11, 20, 3
	default: // Sunday, 06-Nov-94 08:49:37 GMT
		i := 6 // shortest weekday name: "Monday", "Friday", "Sunday"
		for b[i] != ',' {
			i++
		}
		wday, day, mon, year, tm, wdayEnd = 0, i+2, i+5, i+9, i+12, i
		twoDigitYear = true
	}

	d := dateDigits2(b, day) // asctime: " 6" reads as 6
	m := dateMonth(b[mon : mon+3])
	var y int
	if twoDigitYear {
		y = dateDigits2(b, year)
	} else {
		y = dateDigits2(b, year)*100 + dateDigits2(b, year+2)
	}
	hh, mm, ss := dateDigits2(b, tm), dateDigits2(b, tm+3), dateDigits2(b, tm+6)
	switch {
	case hh > 23:
		return time.Time{}, dateError(b, tm, "hour "+string(b[tm:tm+2])+" is above 23")
	case mm > 59:
		return time.Time{}, dateError(b, tm+3, "minute "+string(b[tm+3:tm+5])+" is above 59")
	case ss > 59:
		return time.Time{}, dateError(b, tm+6, "second "+string(b[tm+6:tm+8])+" is above 59")
	}
	if twoDigitYear {
		if !haveNow {
			now = time.Now()
		}
		y = rfc850Year(y, d, m, hh, mm, ss, now.UTC())
		if y < 0 || y > 9999 {
			// Only from a now near year 0 or 9999 (the zero time.Time,
			// say): a date that no HTTP-date's 4DIGIT year can name.
			return time.Time{}, dateError(b, year, "two-digit year "+string(b[year:year+2])+" read in "+dateItoa4(now.UTC().Year())+" is year "+dateItoa4(y)+", outside the years 0000-9999 an HTTP-date can name (§19.3)")
		}
	}
	if d < 1 || d > dateDaysIn(m, y) {
		// The day as written, from its first digit: asctime-date's " 6"
		// is "6" (it read "day  0", at the space).
		from := day
		if b[from] == ' ' {
			from++
		}
		return time.Time{}, dateError(b, from, "day "+string(b[from:day+2])+" is not a day of "+time.Month(m).String()+" "+dateItoa4(y))
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
	if w := dateWeekday(b[wday:]); w != t.Weekday() {
		return time.Time{}, dateError(b, wday, "weekday "+string(b[wday:wdayEnd])+" is not the date's: "+t.Format("2006-01-02")+" is a "+t.Weekday().String())
	}
	return t, nil
}

// fastRFC1123 converts a valid rfc1123-date, the form senders MUST
// generate (§3.3.1), while it checks it: the fields have fixed places
// ("Sun, 06 Nov 1994 08:49:37 GMT"), so one look at each byte checks
// the grammar, and the date is counted in days with no call into package
// time but time.Unix. It reports false for anything else (another form,
// an error), which parseTime then takes the general way; the two agree on
// every input (TestFastDateAgrees).
func fastRFC1123(b []byte) (time.Time, bool) {
	if len(b) != 29 {
		return time.Time{}, false
	}
	// Four words cover the 29 bytes: each must have its fixed bytes and
	// digits where the template "Www, DD Mmm YYYY HH:MM:SS GMT" has them
	// (TestRFC1123Words derives these constants from it).
	x0 := binary.LittleEndian.Uint64(b[0:])
	x1 := binary.LittleEndian.Uint64(b[8:])
	x2 := binary.LittleEndian.Uint64(b[16:])
	x3 := binary.LittleEndian.Uint64(b[21:])
	// XOR with the template ("0" where a digit goes) leaves zero in the
	// fixed bytes and the value in the digits; one branch then tests
	// both: a nonzero fixed byte, or a digit byte above 9 (adding 0x76
	// sets its high bit; a carry out of a byte happens only when that
	// byte is bad already).
	d0 := x0 ^ (0x200000202c000000 | 0x0030300000000000)
	d1 := x1 ^ (0x0000000020000000 | 0x3030303000000000)
	d2 := x2 ^ (0x003a00003a000020 | 0x3000303000303000)
	d3 := x3 ^ (0x544d472000000000 | 0x0000000030000000)
	v0, v1, v2, v3 := d0&0x00ffff0000000000, d1&0xffffffff00000000, d2&0xff00ffff00ffff00, d3&0x00000000ff000000
	if d0&0xff0000ffff000000|d1&0x00000000ff000000|d2&0x00ff0000ff0000ff|d3&0xffffffff00000000|
		((v0+0x0076760000000000)|v0|(v1+0x7676767600000000)|v1|(v2+0x7600767600767600)|v2|(v3+0x0000000076000000)|v3)&0x8080808080808080 != 0 {
		return time.Time{}, false
	}
	// Digit pairs by SWAR: each byte of v*10 + v>>8 is ten times its
	// digit plus the next one.
	p0, p1, p2 := pairs(v0), pairs(v1), pairs(v2)
	d := uint(p0 >> 40 & 0xff)
	y := uint(p1>>32&0xff)*100 + uint(p1>>48&0xff)
	hh, mm := uint(p2>>8&0xff), uint(p2>>32&0xff)
	ss := uint(v2>>56)*10 + uint(v3>>24)
	m := uint(monthKey(uint32(x1) & 0xffffff))
	if m == 0 || hh > 23 || mm > 59 || ss > 59 || d < 1 ||
		d > uint(monthDays[m]) && !(m == 2 && d == 29 && (y%4 == 0 && (y%100 != 0 || y%400 == 0))) {
		return time.Time{}, false
	}
	days, wd, ok := daysFromTable(y, m, d)
	if !ok {
		days, wd = daysFromEra(y, m, d)
	}
	if weekdayKeys[wd] != uint32(x0)&0xffffff { // the name of the day the date is
		return time.Time{}, false
	}
	return time.Unix(int64(days)*86400+int64(hh*3600+mm*60+ss)-epochShift*86400, 0).UTC(), true
}

// pairs turns each byte of v (digit values 0-9, zero elsewhere) into ten
// times its value plus the next byte's: the two-digit numbers.
func pairs(v uint64) uint64 { return v*10 + v>>8 }

// monthDays[m] is the days of month m (1-12) in a common year.
var monthDays = [13]uint8{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// monthKey returns 1-12 for the three bytes of a month name as a 24-bit
// key read little-endian ("Jan" is 'J'|'a'<<8|'n'<<16, as key3 reads
// it), or 0. (A switch: a perfect hash into a table measured 10% slower,
// with the keys of the time, which were read big-endian.)
func monthKey(k uint32) int {
	switch k {
	case 'J' | 'a'<<8 | 'n'<<16:
		return 1
	case 'F' | 'e'<<8 | 'b'<<16:
		return 2
	case 'M' | 'a'<<8 | 'r'<<16:
		return 3
	case 'A' | 'p'<<8 | 'r'<<16:
		return 4
	case 'M' | 'a'<<8 | 'y'<<16:
		return 5
	case 'J' | 'u'<<8 | 'n'<<16:
		return 6
	case 'J' | 'u'<<8 | 'l'<<16:
		return 7
	case 'A' | 'u'<<8 | 'g'<<16:
		return 8
	case 'S' | 'e'<<8 | 'p'<<16:
		return 9
	case 'O' | 'c'<<8 | 't'<<16:
		return 10
	case 'N' | 'o'<<8 | 'v'<<16:
		return 11
	case 'D' | 'e'<<8 | 'c'<<16:
		return 12
	}
	return 0
}

// weekdayKeys holds the key of each wkday name, by time.Weekday:
// fastRFC1123 compares the name in the date with the one of the day it
// computed, with no lookup of the name.
var weekdayKeys = func() (t [7]uint32) {
	for d := range t {
		t[d] = key3([]byte(time.Weekday(d).String()))
	}
	return t
}()

// weekdayKey returns the time.Weekday of a wkday ("Sun" ... "Sat") as a
// 24-bit key read as monthKey's, or -1.
func weekdayKey(k uint32) int {
	switch k {
	case 'S' | 'u'<<8 | 'n'<<16:
		return 0
	case 'M' | 'o'<<8 | 'n'<<16:
		return 1
	case 'T' | 'u'<<8 | 'e'<<16:
		return 2
	case 'W' | 'e'<<8 | 'd'<<16:
		return 3
	case 'T' | 'h'<<8 | 'u'<<16:
		return 4
	case 'F' | 'r'<<8 | 'i'<<16:
		return 5
	case 'S' | 'a'<<8 | 't'<<16:
		return 6
	}
	return -1
}

// epochShift is the days from -0400-03-01, the day daysFromCivil counts
// from, to 1970-01-01: 0000-03-01 to 1970-01-01 (719468) plus one
// 400-year era (146097).
const epochShift = 719468 + 146097

// daysFromCivil returns the days from -0400-03-01 to y-m-d in the
// proleptic Gregorian calendar, for the years 0000-9999, and the
// time.Weekday of y-m-d: the years are counted from March (so that a leap
// day ends its year) and from one 400-year era earlier (so that the
// arithmetic stays unsigned). -0400-03-01 was a Wednesday.
func daysFromCivil(y, m, d uint) (uint, int) {
	if days, wd, ok := daysFromTable(y, m, d); ok {
		return days, wd
	}
	return daysFromEra(y, m, d)
}

// daysFromEra is daysFromCivil by arithmetic alone, for any year.
func daysFromEra(y, m, d uint) (uint, int) {
	y += 400
	if m <= 2 {
		y--
	}
	days := y*365 + y/4 - y/100 + y/400 + uint(daysBeforeMonth[m]) + d - 1
	return days, int((days + 3) % 7)
}

// daysFromTable is daysFromCivil for the years of yearDays, and small
// enough to be inlined (fastRFC1123 calls it first). The table holds
// each year's first weekday beside its days and monthWeekday each
// month's offset, so the weekday's sum is at most 6+12+31 and mod7 a
// table instead of a division of the day count. With weekdayKeys, this
// took ParseHTTPDate from 227 to 220 instructions a call (valgrind
// --tool=callgrind on a loop of calls, session 7); its time moved less
// than the placement of the code does (9.2-10.7 ns over builds).
func daysFromTable(y, m, d uint) (days uint, wd int, ok bool) {
	k := y + 400 - yearDaysFrom - uint(marchYear[m])
	if k >= uint(len(yearDays)) {
		return 0, 0, false
	}
	e := yearDays[k]
	return uint(e&yearDaysMask) + uint(daysBeforeMonth[m]) + d - 1, int(mod7[uint(e>>yearWeekdayShift)+uint(monthWeekday[m])+d]), true
}

// marchYear[m] is 1 for January and February, which belong to the year
// before in a year counted from March.
var marchYear = [13]uint8{1: 1, 2: 1}

// yearDays caches y*365 + y/4 - y/100 + y/400 for the shifted years of
// daysFromCivil from 1899 to 2155 (dates from 1900-01-01), the years
// HTTP-dates hold, in the low bits (below 2^20), and in the top four
// bits the weekday of that day count, (days+3)%7.
const (
	yearDaysFrom     = 1899 + 400
	yearDaysMask     = 1<<yearWeekdayShift - 1
	yearWeekdayShift = 28
)

var yearDays = func() (t [257]uint32) {
	for k := range t {
		y := uint(yearDaysFrom + k)
		days := uint32(y*365 + y/4 - y/100 + y/400)
		t[k] = days | (days+3)%7<<yearWeekdayShift
	}
	return t
}()

// monthWeekday[m] is daysBeforeMonth[m]%7 + 6: adding it and the day d
// (1-31) adds daysBeforeMonth[m] + d - 1 modulo 7 (6 is -1 there), and
// keeps mod7's index, at most 6+12+31, within its table.
var monthWeekday = func() (t [13]uint8) {
	for m := range t {
		t[m] = uint8(daysBeforeMonth[m]%7 + 6)
	}
	return t
}()

// mod7[i] is i%7, for the small sums of daysFromTable.
var mod7 = func() (t [64]uint8) {
	for i := range t {
		t[i] = uint8(i % 7)
	}
	return t
}()

// daysBeforeMonth[m] is the days from March 1 to the first of month m
// (1-12) in a year counted from March.
var daysBeforeMonth = [13]uint16{0, 306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275}

// rfc850Year places the two-digit year yy of an rfc850-date in the window
// (now-50y, now+50y] (RFC 2616 §19.3; see ParseHTTPDateAt). It compares
// the fields, not instants: the date is later than now+50y when its year
// is later than now's plus 50, or the same and its month, day and time
// come later in the year than now's. So a February 29 is compared as
// itself in a year that has none (2100), where a time.Time would have to
// move it to February 28 or March 1 and could land on the wrong side of
// the window's end; the day is checked afterwards.
func rfc850Year(yy, d, m, hh, mm, ss int, now time.Time) int {
	ny := now.Year()
	// later: the month, day and time of the date come after now's in a
	// year.
	later := false
	for _, p := range [...][2]int{
		{m, int(now.Month())}, {d, now.Day()}, {hh, now.Hour()}, {mm, now.Minute()}, {ss, now.Second()},
	} {
		if p[0] != p[1] {
			later = p[0] > p[1]
			break
		}
	}
	y := ny - ny%100 + yy
	switch {
	case y > ny+50 || y == ny+50 && later: // more than 50 years ahead
		y -= 100
	case y < ny-50 || y == ny-50 && !later: // 50 years back or more
		y += 100
	}
	return y
}

// dateError is an error in an HTTP-date that the grammar does not catch.
func dateError(b []byte, off int, msg string) *Error {
	line, col := lineCol(b, off)
	return &Error{Offset: off, Line: line, Col: col, Rule: "HTTP-date", Section: "3.3.1", Msg: msg}
}

// dateDigits2 returns the value of the two digits at b[i:i+2]; a leading
// space counts as 0 (asctime-date's day " 6").
func dateDigits2(b []byte, i int) int {
	hi := int(b[i]) - '0'
	if b[i] == ' ' {
		hi = 0
	}
	return hi*10 + int(b[i+1]) - '0'
}

// dateMonth returns 1-12 for a month of the grammar ("Jan" ... "Dec").
func dateMonth(b []byte) int { return monthKey(key3(b)) }

// dateWeekday returns the weekday that b starts with (wkday or weekday:
// their first three letters are the same).
func dateWeekday(b []byte) time.Weekday { return time.Weekday(weekdayKey(key3(b))) }

// key3 returns the first three bytes of b as the 24-bit key of monthKey
// and weekdayKey.
func key3(b []byte) uint32 { return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 }

// dateDaysIn returns the number of days of month m (1-12) in year y
// (proleptic Gregorian calendar, as package time).
func dateDaysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// dateItoa4 returns year y in four digits as date1 has it ("0900"), or
// in full outside 0000-9999 (an rfc850-date placed near a far now).
func dateItoa4(y int) string {
	if y < 0 || y > 9999 {
		return strconv.Itoa(y)
	}
	return string(dateAppendDigits(nil, y, 4))
}

// dateAppendDigits appends v (0 <= v < 10^width) in width decimal digits.
func dateAppendDigits(dst []byte, v, width int) []byte {
	var buf [4]byte
	for i := width - 1; i >= 0; i-- {
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return append(dst, buf[:width]...)
}

// FormatHTTPDate returns t as an rfc1123-date (RFC 2616 §3.3.1), the one form
// HTTP/1.1 senders MUST generate, in GMT whatever t's location:
// "Sun, 06 Nov 1994 08:49:37 GMT". Sub-second precision is dropped
// (truncated). See AppendHTTPDate for years outside 0000-9999.
func FormatHTTPDate(t time.Time) string {
	var buf [len("Sun, 06 Nov 1994 08:49:37 GMT")]byte
	return string(AppendHTTPDate(buf[:0], t))
}

// AppendHTTPDate appends t as an rfc1123-date (RFC 2616 §3.3.1) to dst, as
// FormatHTTPDate, and returns the extended slice. It does not allocate when
// dst has room for 29 more bytes.
//
// date1 has a 4DIGIT year, so instants before 0000-01-01 00:00:00 UTC or
// after 9999-12-31 23:59:59 UTC have no HTTP-date: AppendHTTPDate writes the
// nearest one it has (the first or the last second of that range) rather
// than a string no HTTP-date parser accepts.
func AppendHTTPDate(dst []byte, t time.Time) []byte {
	t = t.UTC()
	y := t.Year()
	switch {
	case y < 0:
		t = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	case y > 9999:
		t = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	}
	y, mo, d := t.Date()
	hh, mm, ss := t.Clock()
	dst = append(dst, dateWkdayNames[t.Weekday()]...)
	dst = append(dst, ", "...)
	dst = dateAppendDigits(dst, d, 2)
	dst = append(dst, ' ')
	dst = append(dst, dateMonthNames[mo-1]...)
	dst = append(dst, ' ')
	dst = dateAppendDigits(dst, y, 4)
	dst = append(dst, ' ')
	dst = dateAppendDigits(dst, hh, 2)
	dst = append(dst, ':')
	dst = dateAppendDigits(dst, mm, 2)
	dst = append(dst, ':')
	dst = dateAppendDigits(dst, ss, 2)
	return append(dst, " GMT"...)
}

var (
	dateWkdayNames = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	dateMonthNames = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

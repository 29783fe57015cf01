package parser

import (
	"strings"
	"testing"
)

// TestRFC2616HeaderExamples runs the examples of RFC 2616 §14 (positive)
// and named malformed fields (negative) through the fields' own grammars,
// as ParseRequest applies them.
func TestRFC2616HeaderExamples(t *testing.T) {
	good := []struct{ section, line string }{
		{"14.1", "Accept: audio/*; q=0.2, audio/basic"},
		{"14.1", "Accept: text/plain; q=0.5, text/html,\r\n       text/x-dvi; q=0.8, text/x-c"},
		{"14.1", "Accept: text/*, text/html, text/html;level=1, */*"},
		{"14.1", "Accept: text/*;q=0.3, text/html;q=0.7, text/html;level=1,\r\n       text/html;level=2;q=0.4, */*;q=0.5"},
		{"14.2", "Accept-Charset: iso-8859-5, unicode-1-1;q=0.8"},
		{"14.3", "Accept-Encoding: compress, gzip"},
		{"14.3", "Accept-Encoding:"},
		{"14.3", "Accept-Encoding: *"},
		{"14.3", "Accept-Encoding: compress;q=0.5, gzip;q=1.0"},
		{"14.3", "Accept-Encoding: gzip;q=1.0, identity; q=0.5, *;q=0"},
		{"14.4", "Accept-Language: da, en-gb;q=0.8, en;q=0.7"},
		{"14.5", "Accept-Ranges: bytes"},
		{"14.5", "Accept-Ranges: none"},
		{"14.6", "Age: 3600"},
		{"14.7", "Allow: GET, HEAD, PUT"},
		// §2.1: 1#element is ( *LWS element *( *LWS "," *LWS element ) )
		// with null elements anywhere, so LWS may follow a last comma.
		{"14.7", "Allow: GET, HEAD, "},
		{"14.8", "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="},
		{"14.9", "Cache-Control: no-cache"},
		{"14.9", `Cache-Control: private, community="UCI"`},
		{"14.9", "Cache-Control: max-age=3600, must-revalidate"},
		{"14.10", "Connection: close"},
		{"14.10", "Connection: close ,\r\n "},
		{"14.11", "Content-Encoding: gzip"},
		{"14.12", "Content-Language: da"},
		{"14.12", "Content-Language: mi, en"},
		{"14.13", "Content-Length: 3495"},
		{"14.14", "Content-Location: /index.html"},
		{"14.15", "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ=="},
		{"14.16", "Content-Range: bytes 21010-47021/47022"},
		{"14.16", "Content-Range: bytes 0-499/1234"},
		{"14.16", "Content-Range: bytes 734-1233/1234"},
		{"14.17", "Content-Type: text/html; charset=ISO-8859-4"},
		{"14.18", "Date: Tue, 15 Nov 1994 08:12:31 GMT"},
		{"14.19", `ETag: "xyzzy"`},
		{"14.19", `ETag: W/"xyzzy"`},
		{"14.19", `ETag: ""`},
		{"14.20", "Expect: 100-continue"},
		{"14.21", "Expires: Thu, 01 Dec 1994 16:00:00 GMT"},
		{"14.22", "From: webmaster@w3.org"},
		{"14.23", "Host: www.w3.org"},
		// §14.23's prose: "MUST be given with an empty value" when the URI
		// has no Internet host name (the rule's host cannot be empty).
		{"14.23", "Host:"},
		{"14.24", `If-Match: "xyzzy"`},
		{"14.24", `If-Match: "xyzzy", "r2d2xxxx", "c3piozzzz"`},
		{"14.24", "If-Match: *"},
		{"14.25", "If-Modified-Since: Sat, 29 Oct 1994 19:43:31 GMT"},
		{"14.26", `If-None-Match: W/"xyzzy", W/"r2d2xxxx", W/"c3piozzzz"`},
		{"14.26", "If-None-Match: *"},
		{"14.27", `If-Range: "xyzzy"`},
		{"14.28", "If-Unmodified-Since: Sat, 29 Oct 1994 19:43:31 GMT"},
		{"14.29", "Last-Modified: Tue, 15 Nov 1994 12:45:26 GMT"},
		{"14.30", "Location: http://www.w3.org/pub/WWW/People.html"},
		{"14.31", "Max-Forwards: 10"},
		{"14.32", "Pragma: no-cache"},
		{"14.33", `Proxy-Authenticate: Basic realm="WallyWorld"`},
		{"14.34", "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="},
		{"14.35", "Range: bytes=0-499"},
		{"14.35", "Range: bytes=500-600,601-999"},
		{"14.36", "Referer: http://www.w3.org/hypertext/DataSources/Overview.html"},
		{"14.37", "Retry-After: Fri, 31 Dec 1999 23:59:59 GMT"},
		{"14.37", "Retry-After: 120"},
		{"14.38", "Server: CERN/3.0 libwww/2.17"},
		{"14.39", "TE: deflate"},
		{"14.39", "TE:"},
		{"14.39", "TE: trailers, deflate;q=0.5"},
		{"14.40", "Trailer: Expires"},
		{"14.41", "Transfer-Encoding: chunked"},
		{"14.42", "Upgrade: HTTP/2.0, SHTTP/1.3, IRC/6.9, RTA/x11"},
		{"14.43", "User-Agent: CERN-LineMode/2.15 libwww/2.17b3"},
		// §2.1: a comment begins and ends with a separator, so it needs no
		// white space around it.
		{"14.43", "User-Agent: a/1(b)c/2 (d)"},
		{"14.44", "Vary: *"},
		{"14.44", "Vary: Accept-Language, User-Agent"},
		{"14.45", "Via: 1.0 fred, 1.1 nowhere.com (Apache/1.1)"},
		{"14.45", "Via: 1.0 ricky, 1.1 ethel, 1.1 fred, 1.0 lucy"},
		{"14.46", `Warning: 199 - "Miscellaneous warning"`},
		{"14.47", `WWW-Authenticate: Basic realm="WallyWorld"`},
	}
	bad := []struct{ name, section, line string }{
		// Not here: "Accept: text/html;q=1.5" matches, because RFC 2616's
		// media-range takes any parameter, "q" too (RFC 7231 §5.3.2 fixed
		// that); and "Allow: GET,," matches, because #lists allow null
		// elements (§2.1).
		{"parameter without value", "14.1", "Accept: text/html;q"},
		{"space in media type", "14.1", "Accept: text / html"},
		{"negative age", "14.6", "Age: -1"},
		{"Allow with a space in a method", "14.7", "Allow: GE T"},
		{"Content-Length sign", "14.13", "Content-Length: +1"},
		{"Content-Length words", "14.13", "Content-Length: 1 2"},
		{"short Content-MD5", "14.15", "Content-MD5: abc"},
		{"Content-Range */*", "14.16", "Content-Range: bytes */*"},
		{"Content-Type without subtype", "14.17", "Content-Type: text"},
		{"Date lower-case month", "14.18", "Date: Tue, 15 nov 1994 08:12:31 GMT"},
		{"Date not GMT", "14.18", "Date: Tue, 15 Nov 1994 08:12:31 EST"},
		{"unquoted ETag", "14.19", "ETag: xyzzy"},
		{"empty Expect", "14.20", "Expect:"},
		{"Host with path", "14.23", "Host: example.com/x"},
		{"Max-Forwards hex", "14.31", "Max-Forwards: 0x10"},
		{"Range without unit", "14.35", "Range: 0-499"},
		{"Range reversed", "14.35", "Range: bytes=-"},
		{"Retry-After words", "14.37", "Retry-After: soon"},
		{"empty Transfer-Encoding", "14.41", "Transfer-Encoding:"},
		{"Via without host", "14.45", "Via: 1.1"},
		// §2.1: "At least one delimiter (LWS and/or separators) MUST exist
		// between any two tokens": the products "A/1" and "B/2" need white
		// space between them (else "1B" is one token).
		{"Server products without a delimiter", "14.38", "Server: A/1B/2"},
		{"User-Agent products without a delimiter", "14.43", "User-Agent: Mozilla/5.0Gecko/20100101"},
		{"Warning code of 2 digits", "14.46", `Warning: 99 - "x"`},
	}
	for _, tt := range good {
		t.Run("§"+tt.section+"/"+tt.line, func(t *testing.T) {
			k := knownFor(t, tt.line)
			if knownHeaders[k].Section != tt.section {
				t.Errorf("section %s, want %s", knownHeaders[k].Section, tt.section)
			}
			if err := knownHeaders[k].Validate([]byte(tt.line)); err != nil {
				t.Errorf("%v", err)
			}
		})
	}
	for _, tt := range bad {
		t.Run("§"+tt.section+"/"+tt.name, func(t *testing.T) {
			k := knownFor(t, tt.line)
			if knownHeaders[k].Match([]byte(tt.line)) {
				t.Errorf("%q matches", tt.line)
			}
		})
	}
}

func knownFor(t *testing.T, line string) int {
	t.Helper()
	colon := indexByte([]byte(line), ':')
	k := lookupHeader([]byte(line[:colon]))
	if k < 0 {
		t.Fatalf("%s is not a known header", line[:colon])
	}
	return k
}

// TestLookupHeader checks the hashed name lookup against a plain
// case-insensitive search of knownHeaders (§4.2: field names are
// case-insensitive), on every name in three casings and on near misses
// that change, drop or add one byte (control bytes included, which
// case folding by OR 0x20 could confuse with '-' or digits).
func TestLookupHeader(t *testing.T) {
	slow := func(b []byte) int {
		for i, h := range knownHeaders {
			if equalFold(b, h.Name) {
				return i
			}
		}
		return -1
	}
	check := func(b []byte) {
		t.Helper()
		want := slow(b)
		if got := lookupHeader(b); got != want {
			t.Errorf("lookupHeader(%q) = %d, want %d", b, got, want)
		}
		// Inside a head: the bytes after the name (read as part of a
		// word) must not count.
		for _, after := range []string{": x\r\n\r\n", "\x00\x00\x00\x00\x00\x00\x00\x00", "AAAAAAAAAAAAAAA", ":"} {
			buf := append(append([]byte(nil), b...), after...)
			if got := lookupHeader(buf[:len(b)]); got != want {
				t.Errorf("lookupHeader(%q) followed by %q = %d, want %d", b, after, got, want)
			}
		}
	}
	subst := []byte{0x00, 0x0d, 0x10, 0x15, 0x19, '-', '0', '5', 'A', 'a', 'z', '{', 0x7f, 0x80, 0xcd}
	for _, h := range knownHeaders {
		for _, name := range []string{h.Name, strings.ToLower(h.Name), strings.ToUpper(h.Name)} {
			check([]byte(name))
			check([]byte(name + "x"))
			check([]byte(name[1:]))
			check([]byte(name[:len(name)-1]))
			for i := range name {
				for _, c := range subst {
					b := []byte(name)
					b[i] = c
					check(b)
					b[i] = name[i] ^ 0x20
					check(b)
				}
			}
		}
	}
	for _, s := range []string{"", "X", "Sec-Fetch-Mode", "Upgrade-Insecure-Requests", strings.Repeat("a", 40)} {
		check([]byte(s))
	}
}

// TestFieldValueFalseMarks runs field values through the SWAR skip of
// field-value where its mask can mark a byte that stays in the value: the
// addition that finds DEL (0x7f) carries out of a 0xff byte into the byte
// above, and marks it when it is 0x7e ('~'). The skip must step over such
// a mark and stop at DEL, a CTL, which field-content (TEXT, §2.2, §4.2)
// excludes. Each pair sits at every offset of the 16- and 8-byte steps,
// in MatchMessageHeader, MatchMessageHead and SpansMessageHead.
func TestFieldValueFalseMarks(t *testing.T) {
	for _, tc := range []struct {
		name, pair string
		ok         bool
	}{
		{"0xff then tilde", "\xff~", true},
		{"0xff 0xff then tilde", "\xff\xff~", true},
		{"0xfe 0xff then tilde", "\xfe\xff~", true},
		{"0xff then DEL", "\xff\x7f", false},
		{"tilde then DEL", "~\x7f", false},
		{"0xff tilde DEL", "\xff~\x7f", false},
		{"0xff tilde then CR", "\xff~\r", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k := 0; k < 40; k++ {
				for _, tail := range []string{"", "b", strings.Repeat("c", 17)} {
					field := "X-Test: " + strings.Repeat("a", k) + tc.pair + tail
					if got := MatchMessageHeader([]byte(field)); got != tc.ok {
						t.Fatalf("MatchMessageHeader(%q) = %v, want %v", field, got, tc.ok)
					}
					head := "GET / HTTP/1.1\r\n" + field + "\r\nHost: a\r\n\r\n"
					if got := MatchMessageHead([]byte(head)); got != tc.ok {
						t.Fatalf("MatchMessageHead(%q) = %v, want %v", head, got, tc.ok)
					}
					_, n, ok := SpansMessageHead([]byte(head), nil)
					if ok != tc.ok || ok && n != len(head) {
						t.Fatalf("SpansMessageHead(%q) = %d, %v; want the whole head: %v", head, n, ok, tc.ok)
					}
				}
			}
		})
	}
}

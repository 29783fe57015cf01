package parser

import (
	"errors"
	"strings"
	"testing"
)

// TestUpgrade checks Message.Upgrade: an Upgrade field and the "upgrade"
// token in Connection (RFC 2616 §14.42, §14.10), in requests and in 101
// responses.
func TestUpgrade(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"§14.42 both", "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", true},
		{"§14.10 token case-insensitive, in a list", "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, UPGRADE\r\nUpgrade: h2c\r\n\r\n", true},
		{"§14.10 token in the second Connection field", "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\n", true},
		{"§10.1 HTTP/1.0 with both: no 101 may answer it", "GET / HTTP/1.0\r\nUpgrade: foo/2\r\nConnection: upgrade\r\n\r\n", false},
		{"§14.42 HTTP/1.2 with both", "GET / HTTP/1.2\r\nHost: a\r\nUpgrade: foo/2\r\nConnection: upgrade\r\n\r\n", true},
		{"§14.42 HTTP/1.0 Upgrade without the Connection token", "GET / HTTP/1.0\r\nUpgrade: websocket\r\n\r\n", false},
		{"§14.10 the token without an Upgrade field", "GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\n\r\n", false},
		{"neither", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", false},
		{"§10.1.2 101 response", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Message{Upgrade: !tt.want} // a reused Message's value is overwritten
			var err error
			if tt.in[0] == 'H' {
				_, err = ParseResponse([]byte(tt.in), &m, []byte("GET"))
			} else {
				_, err = ParseRequest([]byte(tt.in), &m)
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Upgrade != tt.want {
				t.Errorf("Upgrade = %v, want %v", m.Upgrade, tt.want)
			}
		})
	}
}

// TestUpgradeCheckedUnderSkipValueGrammars: Upgrade decides
// Message.Upgrade, so Options.SkipValueGrammars checks it against its own
// grammar (§14.42: Upgrade = "Upgrade" ":" 1#product) as it does the other
// fields the message rules read; a value it refuses is no request to
// switch. (Found by the SkipValueGrammars model of package fuzz: the
// field deleted, the strict parse said Upgrade false, the lenient true.)
func TestUpgradeCheckedUnderSkipValueGrammars(t *testing.T) {
	o := &Options{SkipValueGrammars: true}
	var m Message
	_, err := o.ParseRequest([]byte("GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: h 8\r\n\r\n"), &m)
	var e *Error
	if !errors.As(err, &e) || e.Rule != "Upgrade" || e.Section != "14.42" || e.Offset != 57 {
		t.Errorf("Upgrade: h 8 under SkipValueGrammars: %v, want an Upgrade error (§14.42) at 57", err)
	}
	// A field the rules do not read is still skipped.
	if _, err := o.ParseRequest([]byte("GET / HTTP/1.1\r\nHost: a\r\nAccept: h 8\r\n\r\n"), &m); err != nil {
		t.Errorf("Accept: h 8 under SkipValueGrammars: %v", err)
	}
}

// TestUpgradeWithoutToken: §14.42, "the upgrade keyword MUST be supplied
// within a Connection header field (section 14.10) whenever Upgrade is
// present in an HTTP/1.1 message", and "The Upgrade header field MUST be
// used within a 101 (Switching Protocols) response". Before, such
// messages were valid with Message.Upgrade false.
func TestUpgradeWithoutToken(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		off      int
		msg      string
	}{
		{"request without the token", "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n", 25, `Upgrade without "upgrade" in Connection`},
		{"request with other tokens", "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: close, upgrades\r\n\r\n", 25, `Upgrade without "upgrade" in Connection`},
		{"426 without the token", "HTTP/1.1 426 Upgrade Required\r\nUpgrade: HTTP/3.0\r\nContent-Length: 0\r\n\r\n", 31, `Upgrade without "upgrade" in Connection`},
		{"101 without Upgrade", "HTTP/1.1 101 Switching Protocols\r\nConnection: upgrade\r\n\r\n", 0, "a 101 (Switching Protocols) response without an Upgrade header field"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var m Message
			var err error
			if tt.in[0] == 'H' {
				_, err = ParseResponse([]byte(tt.in), &m, []byte("GET"))
			} else {
				_, err = ParseRequest([]byte(tt.in), &m)
			}
			var e *Error
			if !errors.As(err, &e) || e.Section != "14.42" || e.Offset != tt.off || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("%v, want an error of §14.42 at %d containing %q", err, tt.off, tt.msg)
			}
		})
	}
}

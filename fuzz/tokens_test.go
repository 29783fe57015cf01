package fuzz

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
)

// TestConnectionTokenReadings: where a class reads net/http's Connection
// tokens, it reads them as net/http does, and ours' reading stays ours.
// headerValueContainsToken against http.ReadResponse's Close (shouldClose
// of an HTTP/1.1 response), case by case; hasListToken, ours' #rule list
// (§2.1, §2.2), differs exactly where a quoted-string holds a comma.
func TestConnectionTokenReadings(t *testing.T) {
	for _, tc := range []struct {
		value string
		ours  bool // hasListToken(value, "close")
	}{
		{"close", true},
		{"Close", true},
		{" a , CLOSE ", true},
		{"keep-alive", false},
		{"closed", false},
		{`"a,close,b"`, false}, // net/http: `"a`, close, `b"`
		{`"close"`, false},
		{"a\tclose", false},
		{",,close,", true},
	} {
		t.Run(tc.value, func(t *testing.T) {
			raw := "HTTP/1.1 200 OK\r\nConnection: " + tc.value + "\r\nContent-Length: 0\r\n\r\n"
			resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(raw)), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := headerValueContainsToken(tc.value, "close"); got != resp.Close {
				t.Errorf("headerValueContainsToken = %v, net/http's Close %v", got, resp.Close)
			}
			if got := hasListToken(tc.value, "close"); got != tc.ours {
				t.Errorf("hasListToken = %v, want %v", got, tc.ours)
			}
		})
	}
}

package parser_test

import (
	"testing"

	"github.com/abnfc/abnfc/parser"
)

// machine is what every generated machine has.
type machine interface {
	Reset()
	Write([]byte) (int, error)
	Close() error
	Prefix() int
	Offset() int
}

// TestZeroMachine: a generated machine's zero value works as after Reset,
// for machines whose Write is goto code of its own (-write-goto:
// MessageHead), the plain goto Write (HTTP-date) and the engine's Write
// of a rule with calls (User-Agent's nested comments). It had accepted
// bytes in no state and then panicked in Close.
func TestZeroMachine(t *testing.T) {
	for _, tc := range []struct {
		name      string
		new       func() machine
		good, bad string
		prefix    int // Prefix before any input
	}{
		{"MessageHead", func() machine { return new(parser.MessageHeadMachine) }, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost a\r\n\r\n", -1},
		{"HTTP-date", func() machine { return new(parser.HTTPDateMachine) }, "Sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 gmt", -1},
		{"User-Agent", func() machine { return new(parser.UserAgentMachine) }, "User-Agent: a (b (c))", "User-Agent: a ((b)", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.new().Prefix(); got != tc.prefix {
				t.Errorf("zero value: Prefix() = %d, want %d", got, tc.prefix)
			}
			m := tc.new()
			if _, err := m.Write([]byte(tc.good)); err != nil {
				t.Fatalf("zero value: Write(%q): %v", tc.good, err)
			}
			if err := m.Close(); err != nil {
				t.Fatalf("zero value: Close after %q: %v", tc.good, err)
			}
			if err := tc.new().Close(); err == nil {
				t.Error("zero value: Close of no input: nil error")
			}
			// The same errors as after Reset.
			z, r := tc.new(), tc.new()
			r.Reset()
			for _, m := range []machine{z, r} {
				m.Write([]byte(tc.bad))
				m.Close()
			}
			_, zerr := z.Write(nil)
			_, rerr := r.Write(nil)
			if zerr == nil || rerr == nil || zerr.Error() != rerr.Error() || z.Offset() != r.Offset() {
				t.Errorf("zero value: %v at %d; after Reset: %v at %d", zerr, z.Offset(), rerr, r.Offset())
			}
		})
	}
}

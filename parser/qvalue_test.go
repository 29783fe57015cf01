package parser

import (
	"errors"
	"testing"
)

func TestParseQValue(t *testing.T) {
	tests := []struct {
		name, in string
		want     int
	}{
		// RFC 2616 §3.9: "0" to "1", at most three digits after the dot.
		{"§3.9 zero", "0", 0},
		{"§3.9 one", "1", 1000},
		{"§3.9 zero dot", "0.", 0},
		{"§3.9 one dot", "1.", 1000},
		{"§3.9 one point zero", "1.0", 1000},
		{"§3.9 one point three zeros", "1.000", 1000},
		{"§3.9 a tenth", "0.5", 500},
		{"§3.9 hundredths", "0.25", 250},
		{"§3.9 thousandths", "0.001", 1},
		{"§3.9 largest below one", "0.999", 999},
		{"§3.9 zero point three zeros", "0.000", 0},
		// RFC 2616 §14.1 examples: "audio/*; q=0.2", "text/plain; q=0.5", "text/x-c" level=1 q=0.8 ...
		{"§14.1 q=0.2", "0.2", 200},
		{"§14.1 q=0.8", "0.8", 800},
		{"§14.4 q=0.7", "0.7", 700},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseQValue([]byte(tt.in))
			if err != nil || got != tt.want {
				t.Errorf("ParseQValue(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseQValueErrors(t *testing.T) {
	tests := []struct {
		name, in string
		off      int
	}{
		// RFC 2616 §3.9: "1" [ "." 0*3("0") ], so nothing above 1.
		{"§3.9 qvalue 1.001", "1.001", 4},
		{"§3.9 qvalue 1.5", "1.5", 2},
		{"§3.9 qvalue 2", "2", 0},
		{"§3.9 four digits", "0.5000", 5},
		{"§3.9 no leading digit", ".5", 0},
		{"§3.9 empty", "", 0},
		{"§3.9 leading space", " 0.5", 0},
		{"§3.9 trailing space", "0.5 ", 3},
		{"§3.9 comma", "0,5", 1},
		{"§3.9 sign", "-0", 0},
		{"§3.9 exponent", "1e0", 1},
		{"§3.9 q= is not part of qvalue", "q=0.5", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseQValue([]byte(tt.in))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseQValue(%q) = %d, %v; want an *Error", tt.in, got, err)
			}
			if e.Offset != tt.off || e.Rule != "qvalue" || e.Section != "3.9" || e.Line != 1 || e.Col != tt.off+1 {
				t.Errorf("ParseQValue(%q) error: offset %d %d:%d %q %q, want offset %d 1:%d qvalue 3.9 (%v)", tt.in, e.Offset, e.Line, e.Col, e.Rule, e.Section, tt.off, tt.off+1, e)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("ParseQValue(%q) error does not wrap the *SyntaxError", tt.in)
			}
		})
	}
}

func TestQValueAllocs(t *testing.T) {
	for _, in := range []string{"0.123", "1", "0."} {
		b := []byte(in)
		if n := testing.AllocsPerRun(100, func() { ParseQValue(b) }); n != 0 {
			t.Errorf("ParseQValue(%q) allocates %v times, want 0", in, n)
		}
	}
}

func BenchmarkParseQValue(b *testing.B) {
	in := []byte("0.875")
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := ParseQValue(in); err != nil {
			b.Fatal(err)
		}
	}
}

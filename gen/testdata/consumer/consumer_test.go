package consumer

import "testing"

// TestMatchGreeting checks the generated matcher on greetings and on
// strings that are not.
func TestMatchGreeting(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Hello, World!", true},
		{"hi, Jean-Luc!", true},
		{"HELLO, x!", true},
		{"Hello World!", false},
		{"Hello, !", false},
		{"Hello, 9!", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsGreeting(tt.in); got != tt.want {
				t.Errorf("IsGreeting(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	if err := ValidateGreeting([]byte("Hello, World?")); err == nil {
		t.Errorf("ValidateGreeting(%q) = nil, want a syntax error", "Hello, World?")
	}
}

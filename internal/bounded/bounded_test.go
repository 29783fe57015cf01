package bounded

import (
	"math"
	"strings"
	"testing"
)

// TestReadAll: up to max bytes are read whole; one more is over; a max of
// math.MaxInt64 reads all (max+1 had wrapped to a negative limit, which
// read nothing).
func TestReadAll(t *testing.T) {
	for _, tc := range []struct {
		name     string
		in       string
		max      int64
		want     string
		wantOver bool
	}{
		{"under", "abc", 4, "abc", false},
		{"at", "abcd", 4, "abcd", false},
		{"over", "abcde", 4, "abcde", true},
		{"no limit", "abcde", math.MaxInt64, "abcde", false},
		{"empty", "", 0, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, over, err := ReadAll(strings.NewReader(tc.in), tc.max)
			if err != nil || over != tc.wantOver || string(b) != tc.want {
				t.Errorf("ReadAll = %q, %v, %v; want %q, %v", b, over, err, tc.want, tc.wantOver)
			}
		})
	}
}

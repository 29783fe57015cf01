//go:build !gofuzz

package fuzz

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/abnfc/abnfc/parser"
)

// TestMachinesComplete: compareMachine knows the machine of every rule
// of parser.Rules, and every generated machine type is one of them.
func TestMachinesComplete(t *testing.T) {
	for _, r := range parser.Rules {
		if machines[r.Name] == nil {
			t.Errorf("no machine for rule %s in machines", r.Name)
		}
	}
	src, err := os.ReadFile("../parser/zz_rfc2616.go")
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, m := range regexp.MustCompile(`(?m)^type (\w+Machine) struct`).FindAllSubmatch(src, -1) {
		types = append(types, string(m[1]))
	}
	var known []string
	for name, mk := range machines {
		typ := strings.TrimPrefix(fmt.Sprintf("%T", mk()), "*parser.")
		known = append(known, typ)
		if _, ok := ruleFuncs(name); !ok {
			t.Errorf("machines has %s, not a rule of parser.Rules", name)
		}
	}
	sort.Strings(types)
	sort.Strings(known)
	if strings.Join(types, " ") != strings.Join(known, " ") {
		t.Errorf("generated machine types and machines differ:\ngenerated %v\nmachines  %v", types, known)
	}
}

// lossy is a machine that loses the last byte of every chunk of more than
// one byte it is given, as a machine that mishandles a chunk boundary
// would.
type lossy struct{ parser.HTTPDateMachine }

func (l *lossy) Write(p []byte) (int, error) {
	if len(p) > 1 {
		n, err := l.HTTPDateMachine.Write(p[:len(p)-1])
		if err == nil {
			n++
		}
		return n, err
	}
	return l.HTTPDateMachine.Write(p)
}

// prefixOff is a machine whose Prefix is one short after a match.
type prefixOff struct{ parser.HTTPDateMachine }

func (m *prefixOff) Prefix() int {
	if n := m.HTTPDateMachine.Prefix(); n > 0 {
		return n - 1
	}
	return -1
}

// TestCompareMachineFails: the machine check fails on machines that
// split wrong or report a wrong Prefix, and passes the real one.
func TestCompareMachineFails(t *testing.T) {
	const date = "Sun, 06 Nov 1994 08:49:37 GMT"
	tests := []struct {
		name string
		mk   func() machine
		fail bool
	}{
		{"generated", func() machine { return new(parser.HTTPDateMachine) }, false},
		{"lossy chunks", func() machine { return new(lossy) }, true},
		{"prefix off by one", func() machine { return new(prefixOff) }, true},
	}
	saved := machines["HTTP-date"]
	defer func() { machines["HTTP-date"] = saved }()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			machines["HTTP-date"] = tt.mk
			var r Result
			compareMachine(&r, "HTTP-date", []byte(date))
			if r.Failed() != tt.fail {
				t.Errorf("compareMachine on %q: failed %v, want %v: %v", date, r.Failed(), tt.fail, r)
			}
		})
	}
}

// Command ratios reads `go test -bench` output whose sub-benchmarks are
// named .../impl=NAME and prints, for each benchmark, the median ns/op,
// MB/s and allocs/op of every impl and its ratio to impl=abnfc: how many
// times longer the impl takes than abnfc (above 1: abnfc is faster).
//
//	go run ./internal/ratios bench.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// line matches "BenchmarkX/input=Y/impl=Z-8  N  123 ns/op ...".
var line = regexp.MustCompile(`^(Benchmark\S*)/impl=(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

type stats struct{ ns, mbs, allocs []float64 }

func main() {
	log.SetFlags(0)
	log.SetPrefix("ratios: ")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: ratios [FILE...]")
		os.Exit(2)
	}
	flag.Parse()
	var in io.Reader = os.Stdin
	if flag.NArg() > 0 {
		var rs []io.Reader
		for _, name := range flag.Args() {
			f, err := os.Open(name)
			if err != nil {
				log.Fatal(err)
			}
			defer f.Close()
			rs = append(rs, f)
		}
		in = io.MultiReader(rs...)
	}
	var groups []string
	var impls = map[string][]string{}
	var data = map[[2]string]*stats{}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		g, impl := m[1], m[2]
		k := [2]string{g, impl}
		st := data[k]
		if st == nil {
			st = new(stats)
			data[k] = st
			if _, ok := impls[g]; !ok {
				groups = append(groups, g)
			}
			impls[g] = append(impls[g], impl)
		}
		f := strings.Fields(m[3])
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				st.ns = append(st.ns, v)
			case "MB/s":
				st.mbs = append(st.mbs, v)
			case "allocs/op":
				st.allocs = append(st.allocs, v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	if len(groups) == 0 {
		log.Fatal("no benchmarks named .../impl=NAME in the input")
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "benchmark\timpl\tns/op\tMB/s\tallocs/op\ttime vs abnfc\t")
	for _, g := range groups {
		base := data[[2]string{g, "abnfc"}]
		for _, impl := range impls[g] {
			st := data[[2]string{g, impl}]
			ratio := "-"
			if base != nil && len(base.ns) > 0 && len(st.ns) > 0 {
				ratio = fmt.Sprintf("%.2fx", median(st.ns)/median(base.ns))
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t\n", strings.TrimPrefix(g, "Benchmark"), impl,
				num(st.ns, 0), num(st.mbs, 1), num(st.allocs, 0), ratio)
		}
	}
	w.Flush()
}

func median(v []float64) float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	return v[len(v)/2]
}

func num(v []float64, prec int) string {
	if len(v) == 0 {
		return "-"
	}
	return strconv.FormatFloat(median(v), 'f', prec, 64)
}

package main

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"

	"github.com/abnfc/abnfc/grammar/extract"
)

var rfcNumber = regexp.MustCompile(`(?i)Request for Comments:\s*(\d+)`)

// maxRFCText bounds the text extract reads. The longest RFCs are a few
// MiB of plain text; the limit keeps /dev/zero or a runaway pipe from
// filling memory.
const maxRFCText = 16 << 20

func runExtract(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("extract", stderr)
	section := fs.String("section", "", "extract only this section or appendix and its subsections, e.g. \"A\" (or \"a\") for a collected-ABNF appendix")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return exit(stderr, usageError{"extract takes exactly one RFC text file"})
	}
	path := fs.Arg(0)
	text, err := readLimited(path, maxRFCText)
	if err != nil {
		return exit(stderr, err)
	}
	rules, err := extract.Extract(text, extract.Options{Section: *section})
	if err != nil {
		// file:line:col: msg, as every diagnostic of a file.
		sep := " "
		if _, ok := err.(*extract.Error); ok {
			sep = ""
		}
		fmt.Fprintf(stderr, "%s:%s%v\n", path, sep, err)
		return 1
	}
	if len(rules) == 0 {
		where := ""
		if *section != "" {
			where = " in section " + *section
		}
		fmt.Fprintf(stderr, "%s: no ABNF rules found%s\n", path, where)
		return 1
	}
	rfc := filepath.Base(path)
	if m := rfcNumber.FindSubmatch(text); m != nil {
		rfc = string(m[1])
	}
	if err := extract.Write(stdout, rfc, rules); err != nil {
		return exit(stderr, err)
	}
	return 0
}

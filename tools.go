//go:build tools

// Package tools pins the fuzzing tools that fuzz/ uses, so that
// "go run github.com/dvyukov/go-fuzz/go-fuzz-build" builds the pinned
// version. go-fuzz's @latest fails on Go 1.26 ("misplaced compiler
// directive"); v0.0.0-20240203152606-b1ce7bc07150 builds and runs.
package tools

import (
	_ "github.com/dvyukov/go-fuzz/go-fuzz"
	_ "github.com/dvyukov/go-fuzz/go-fuzz-build"
	_ "github.com/dvyukov/go-fuzz/go-fuzz-dep"
)

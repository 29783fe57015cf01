// Package bench compares the abnfc parsers with other Go HTTP/1.1 parsers
// (net/http, net/textproto, fasthttp, hertz) and with the reference grammar
// parser, on the same inputs in the same run.
//
// It is a module of its own so that the peers never become a dependency of
// github.com/abnfc/abnfc. The benchmarks are in bench_test.go; the speed
// targets of issue 8 are measured by TestTargets (run.sh -quick). See
// README.md.
package bench

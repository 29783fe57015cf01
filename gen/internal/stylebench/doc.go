// Package stylebench holds the same RFC 2616 rules generated in each code
// style (-style goto, table, switch; prefixes G, T and S), so that one
// benchmark compares them in the same run:
//
//	go test -bench . -count 6 ./gen/internal/stylebench/ | benchstat -col /style -
//
// Its tests also check that the three styles agree on every input.
package stylebench

//go:generate go run ../../../cmd/abnfc gen -grammar rfc2616 -rules Request-Line,HTTP-date,message-header,Accept,field-value -package stylebench -style goto -prefix G -o zz_goto.go
//go:generate go run ../../../cmd/abnfc gen -grammar rfc2616 -rules Request-Line,HTTP-date,message-header,Accept,field-value -package stylebench -style table -prefix T -o zz_table.go
//go:generate go run ../../../cmd/abnfc gen -grammar rfc2616 -rules Request-Line,HTTP-date,message-header,Accept,field-value -package stylebench -style switch -prefix S -o zz_switch.go

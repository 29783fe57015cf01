package emit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"
)

// Decl is a name a Go file declares for its whole package, or imports:
// what abnfc gen compares with the other files of the output package
// before it writes (Files.Decls, FileDecls).
type Decl struct {
	// Name is the identifier; a method is Type.Method.
	Name string
	// Rule is the rule the declaration was generated for (its MatchR,
	// RMachine, tables and machines), or "" for the API and engine that
	// every generated file declares once for all its rules (RuleFuncs,
	// SyntaxError, the runner) and for a file abnfc did not generate.
	Rule string
	// Import is set for the name of an imported package, which is in
	// the file's block: it clashes with a name of the package block
	// declared in another file, not with another file's import.
	Import bool
	// Pos is where the name is declared.
	Pos token.Position
}

// Clashes reports whether declarations a and b, in two files of one
// package, cannot both be there: they have one name and are not both
// imports.
func (a Decl) Clashes(b Decl) bool { return a.Name == b.Name && !(a.Import && b.Import) }

// FileDecls returns the declarations of f in the package block, in
// source order, and its imports: functions (not init), methods as
// Type.Method, types, variables and constants, leaving out the blank
// identifier. An import without a name is listed by the last element of
// its path, the name the package has by convention. Rule is empty.
func FileDecls(fset *token.FileSet, f *ast.File) []Decl {
	var out []Decl
	add := func(id *ast.Ident, name string, imp bool) {
		if id.Name != "_" {
			out = append(out, Decl{Name: name, Import: imp, Pos: fset.Position(id.Pos())})
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			switch {
			case d.Recv != nil && len(d.Recv.List) == 1:
				if t := recvType(d.Recv.List[0].Type); t != "" {
					add(d.Name, t+"."+d.Name.Name, false)
				}
			case d.Recv == nil && d.Name.Name != "init":
				add(d.Name, d.Name.Name, false)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ImportSpec:
					p, err := strconv.Unquote(s.Path.Value)
					switch {
					case s.Name != nil && s.Name.Name != ".":
						add(s.Name, s.Name.Name, true)
					case s.Name == nil && err == nil:
						add(&ast.Ident{NamePos: s.Path.Pos(), Name: path.Base(p)}, path.Base(p), true)
					}
				case *ast.TypeSpec:
					add(s.Name, s.Name.Name, false)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						add(n, n.Name, false)
					}
				}
			}
		}
	}
	return out
}

// recvType is the name of the type of a method's receiver: T for T, *T,
// T[K] and *T[K]; "" for a receiver that does not parse as one.
func recvType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// owners records which rule each part of the generated files is for, so
// that Files.Decls can say it.
type owners struct {
	// first[i] is the name of the first declaration of rules[i]'s part
	// of the main file (MatchR: see file.rule); end is the first name
	// after the last rule's part (the RuleFuncs type of ruleTable).
	first, rules []string
	end          string
	// captures maps the capture constants to their rules.
	captures map[string]string
	// vecTables are the loop tables after which the vector loops of the
	// SIMD pair are named (vecLoop.table).
	vecTables []string
}

// owners returns the owners of f's declarations.
func (f *file) owners() *owners {
	o := &owners{end: f.cfg.Prefix + "RuleFuncs", captures: map[string]string{}}
	for _, r := range f.rules {
		o.rules = append(o.rules, r.Rule.Name)
		o.first = append(o.first, "Match"+f.cfg.Prefix+GoName(r.Rule.Name))
	}
	for _, c := range f.captures {
		o.captures[f.cfg.Prefix+GoName(c)+"Capture"] = c
	}
	for _, l := range f.vecLoops {
		o.vecTables = append(o.vecTables, l.table)
	}
	return o
}

// Decls parses the files and returns their declarations (FileDecls),
// each with the rule it was generated for: the main file's under the
// file name main, and with Config.SIMD the pair's under simd and nosimd.
// An error means that the generated code does not parse.
func (fs Files) Decls(main, simd, nosimd string) ([]Decl, error) {
	fset := token.NewFileSet()
	parse := func(name string, src []byte) ([]Decl, error) {
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		return FileDecls(fset, f), nil
	}
	out, err := parse(main, fs.Main)
	if err != nil || fs.owners == nil {
		return out, err
	}
	o := fs.owners
	// The rules' parts follow one another in the order of o.rules; the
	// capture constants come before the first, the API and engine after
	// the last.
	rule, next := "", 0
	ofMain := map[string]string{}
	for i, d := range out {
		switch {
		case next < len(o.first) && d.Name == o.first[next]:
			rule = o.rules[next]
			next++
		case d.Name == o.end && next == len(o.first):
			rule = ""
		}
		if c, ok := o.captures[d.Name]; ok {
			out[i].Rule = c
		} else if !d.Import {
			out[i].Rule = rule
		}
		ofMain[d.Name] = out[i].Rule
	}
	for _, f := range []struct {
		name string
		src  []byte
	}{{simd, fs.SIMD}, {nosimd, fs.NoSIMD}} {
		if f.src == nil {
			continue
		}
		ds, err := parse(f.name, f.src)
		if err != nil {
			return nil, err
		}
		for i, d := range ds {
			// A vector loop is named after the loop table it stands in
			// for: it is of that table's rule.
			for _, t := range o.vecTables {
				if strings.HasPrefix(d.Name, t) && !d.Import {
					ds[i].Rule = ofMain[t]
					break
				}
			}
		}
		out = append(out, ds...)
	}
	return out, nil
}

package pysrc

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const occurSrc = `import os
NAME = "name"
__all__ = ["helper", "other_helper"]

@register(helper)
@decorate(
    key=helper,
)
def helper(a=helper, *, b: "helper" = 1) -> helper:
    """helper docs mention helper."""
    x = obj.helper(helper=1)
    return helper(x - 1) if x else f"{helper.__name__} {o.helper} {getattr(o, 'helper')}"
class C(helper, metaclass=helper):
    attr = helper
    def m(self): return self.helper
    class helper: pass
"helper_x"; 'helper'
X = f"""
{
 helper
}"""
if TYPE_CHECKING:
    def helper(): ...
`

func occLine(o Occurrence) string {
	return fmt.Sprintf("%d %s u%d s%d", o.Line, o.Where, o.Unit, o.Stmt)
}

func TestOccurrences(t *testing.T) {
	m := mustParse(t, occurSrc)
	cases := []struct {
		name string
		want []string
	}{
		{"helper", []string{
			"3 statement u-1 s2",                       // a string in __all__
			"5 decorator u0 s-1", "7 decorator u0 s-1", // decorators, one spanning lines
			"9 signature u0 s-1", "9 signature u0 s-1", "9 signature u0 s-1", // default, string annotation, return annotation
			"11 body u0 s-1", "11 body u0 s-1", // attribute, keyword argument
			"12 body u0 s-1", "12 body u0 s-1", "12 body u0 s-1", "12 body u0 s-1", // recursive call; f-string name, attribute, string
			"13 signature u1 s-1", "13 signature u1 s-1", // base, metaclass
			"14 statement u-1 s3",   // a class attribute
			"15 body u2 s-1",        // self.helper
			"17 statement u-1 s6",   // 'helper', not "helper_x"
			"20 statement u-1 s7"}}, // inside a multi-line f-string
		{"os", []string{"1 statement u-1 s0"}},
		{"name", []string{"2 statement u-1 s1"}},
		{"TYPE_CHECKING", []string{"22 statement u-1 s8"}},
		{"absent", nil},
	}
	for _, tc := range cases {
		var got []string
		for _, o := range m.Occurrences(tc.name) {
			got = append(got, occLine(o))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got\n  %s\nwant\n  %s", tc.name, strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
		}
	}
}

func TestOccurrencesStmtIndexes(t *testing.T) {
	m := mustParse(t, occurSrc)
	stmts := m.Stmts()
	for _, o := range m.Occurrences("helper") {
		if o.Where != InStatement {
			continue
		}
		if st := stmts[o.Stmt]; o.Line < st.Start || o.Line > st.End {
			t.Errorf("line %d is outside its statement %s", o.Line, stmtLine(st))
		}
	}
}

func TestNames(t *testing.T) {
	m := mustParse(t, occurSrc)
	names := m.Names()
	for _, n := range []string{"os", "NAME", "name", "helper", "other_helper", "__name__", "getattr", "TYPE_CHECKING",
		"helper_x", "self", "helper docs mention helper."} {
		if !names[n] {
			t.Errorf("Names lacks %q", n)
		}
	}
	if names["absent"] || names["X = "] {
		t.Errorf("Names holds what the module does not")
	}
	own := map[string]bool{}
	for _, u := range m.Units {
		own[u.Name] = true
	}
	for n := range names { // nothing more than Occurrences can find
		if len(m.Occurrences(n)) == 0 && !isKeyword(n) && !own[n] {
			t.Errorf("Names holds %q, which occurs nowhere", n)
		}
	}
}

// TestFactsConcurrently reads one module's derived facts from several
// goroutines at once, as the selector may; run with -race.
func TestFactsConcurrently(t *testing.T) {
	m := mustParse(t, occurSrc)
	done := make(chan int)
	for range 4 {
		go func() {
			n := len(m.Stmts()) + len(m.Names()) + len(m.Occurrences("helper"))
			done <- n
		}()
	}
	first := <-done
	for range 3 {
		if n := <-done; n != first {
			t.Errorf("got %d, then %d", first, n)
		}
	}
}

func TestOccurrenceModulePath(t *testing.T) {
	src := "from io import StringIO\nfrom .io.sub import x\nimport io\n\n\ndef f():\n    from io import BytesIO\n    yield from io\n\n\ndef g():\n    raise E from io\n\n\ndef h():\n    x = (yield\n         from io)\n"
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, oc := range m.Occurrences("io") {
		got = append(got, fmt.Sprintf("%d:%v", oc.Line, oc.ModulePath))
	}
	want := "1:true 2:true 3:false 7:true 8:false 12:false 17:false"
	if strings.Join(got, " ") != want {
		t.Errorf("io occurrences (line:module path) = %s, want %s", strings.Join(got, " "), want)
	}
}

func TestProseAt(t *testing.T) {
	src := `"""Module docs name "pkg.mod"."""
import os
class C:
    """Class docs
    'pkg.mod'
    """
    tags = {"mod"}
    x = 1
    "x documents 'pkg.mod'"
    def f(self):
        'f docs "pkg.mod"'
        return "pkg.mod"
"pkg.mod" % os.sep
"a"; "pkg.mod"
load(
    "pkg.mod")
`
	m := mustParse(t, src)
	want := map[int]bool{1: true, 4: true, 5: true, 6: true, 9: true, 11: true}
	for line := 1; line <= strings.Count(src, "\n"); line++ {
		if got := m.ProseAt(line); got != want[line] {
			t.Errorf("ProseAt(%d) = %v, want %v: %q", line, got, want[line], strings.Split(src, "\n")[line-1])
		}
	}
}

// TestVarAnnotations: the annotation of an annotated assignment is a
// module's or a class's (stored, a string under lazy annotations) or a
// function's own (never evaluated), whatever compound statements lie
// between; a class inside a function stores its own.
func TestVarAnnotations(t *testing.T) {
	src := `X: Mod = 1
if True:
    Y: Mod
class C:
    a: Cls = 1
    if True:
        b: Cls
    @staticmethod
    def m():
        c: Fun = 1
        for _ in ():
            d: Fun = 2
        class Inner:
            e: Cls = 3
        f: Fun
def g(p: Sig) -> Sig:
    h: Fun = {"k": lambda: 1}
    self.i: Attr = 1
    return h
Z = {"x": 1}
`
	m := mustParse(t, src)
	got := map[string]string{}
	for _, name := range []string{"Mod", "Cls", "Fun", "Sig", "Attr"} {
		for _, oc := range m.Occurrences(name) {
			got[fmt.Sprintf("%s@%d", name, oc.Line)] = fmt.Sprintf("var=%v local=%v sig=%v", oc.VarAnnotation, oc.LocalAnnotation, oc.Annotation)
		}
	}
	want := map[string]string{
		"Mod@1": "var=true local=false sig=false", "Mod@3": "var=true local=false sig=false",
		"Cls@5": "var=true local=false sig=false", "Cls@7": "var=true local=false sig=false",
		"Fun@10": "var=false local=true sig=false", "Fun@12": "var=false local=true sig=false",
		"Cls@14": "var=true local=false sig=false", "Fun@15": "var=false local=true sig=false",
		"Sig@16": "var=false local=false sig=true", "Fun@17": "var=false local=true sig=false",
		"Attr@18": "var=false local=false sig=false",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// TestCastTypes: the first argument of cast() or typing.cast() is a type
// the call drops; another object's cast and the value are not.
func TestCastTypes(t *testing.T) {
	m := mustParse(t, "A = cast(type[T], T)\nB = typing.cast(dict[str, T], {})\nC = obj.cast(T, 1)\nD = cast(\"T\", T)\n")
	var got []string
	for _, oc := range m.Occurrences("T") {
		got = append(got, fmt.Sprintf("%d:%v", oc.Line, oc.CastType))
	}
	want := []string{"1:true", "1:false", "2:true", "3:false", "4:true", "4:false"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestTypeArgString: a string argument of a typing subscript (rich's
// `Callable[[Union[str, "Text"]], "Text"]`) is a forward reference; a
// Literal's, a dict's key, a list's or a call's string is not.
func TestTypeArgString(t *testing.T) {
	src := "A = Callable[[Union[str, \"Text\"]], \"Text\"]\nB = Literal[\"Text\"]\nC = d[\"Text\"]\nD = [\"Text\"]\nE = f([\"Text\"])\nF = typing.Optional[\"Text\"]\nG = {\"Text\": 1}\n"
	m := mustParse(t, src)
	var got []string
	for _, oc := range m.Occurrences("Text") {
		got = append(got, fmt.Sprintf("%d:%v:%v", oc.Line, oc.TypeArg, oc.Key))
	}
	want := []string{"1:true:false", "1:true:false", "2:false:false", "3:false:false", "4:false:false", "5:false:false", "6:true:false", "7:false:true"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("line:TypeArg:Key = %v, want %v", got, want)
	}
}

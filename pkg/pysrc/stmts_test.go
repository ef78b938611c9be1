package pysrc

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// stmtLine renders a statement as "scope start-end kind pure|impure binds".
func stmtLine(st Stmt) string {
	purity := "impure"
	if st.Pure {
		purity = "pure"
	}
	return strings.TrimSpace(fmt.Sprintf("%s %d-%d %s %s %s", st.Scope, st.Start, st.End, st.Kind, purity, strings.Join(st.Binds, ",")))
}

func TestStmts(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"tuple unpacking", "a, (b, *c) = x\n", []string{"1-1 assign pure a,b,c"}},
		{"list target", "[a, b] = x\n", []string{"1-1 assign pure a,b"}},
		{"chained assignment", "a = b = 1\n", []string{"1-1 assign pure a,b"}},
		{"annotated assignment", "x: int = 1\n", []string{"1-1 assign pure __annotations__,x"}},
		{"bare annotation", "x: int\n", []string{"1-1 assign pure __annotations__,x"}},
		{"annotation with a call", "x: make() = 1\n", []string{"1-1 assign impure __annotations__,x"}},
		{"annotated attribute", "obj.x: int = 1\n", []string{"1-1 assign impure"}},
		{"__all__", "__all__ = [\"a\", 'b']\n", []string{"1-1 assign pure __all__"}},
		{"dict list set literals", "D = {'a': 1, **E}\nL = [1, *M]\nS = {1, 2}\n",
			[]string{"1-1 assign pure D", "2-2 assign pure L", "3-3 assign pure S"}},
		{"comprehension without calls", "X = [i * 2 for i in Y if i in (1, 2)]\n", []string{"1-1 assign pure X"}},
		{"comprehension with a call", "X = [f(i) for i in Y]\n", []string{"1-1 assign impure X"}},
		{"call", "X = load(\"0.20\")\n", []string{"1-1 assign impure X"}},
		{"pure constructor call", "X = decimal.Decimal(\"0.20\")\n", []string{"1-1 assign pure X"}},
		{"a sentinel and a weak registry", "_MISSING = object()\nLOCKS: weakref.WeakKeyDictionary[IO, Lock] = (\n    weakref.WeakKeyDictionary()\n)\n",
			[]string{"1-1 assign pure _MISSING", "2-4 assign pure LOCKS,__annotations__"}},
		{"a counter may register itself", "REQUESTS = Counter(\"requests\")\n", []string{"1-1 assign impure REQUESTS"}},
		{"call of a call", "X = Path(a)(b)\n", []string{"1-1 assign impure X"}},
		{"method call", "X = \"{}\".format(1)\n", []string{"1-1 assign impure X"}},
		{"a literal's join", "V = (1, 2)\nS = '.'.join([str(p) for p in V if p or p == 0])\n", []string{"1-1 assign pure V", "2-2 assign pure S"}},
		{"a join on a name", "S = sep.join(V)\n", []string{"1-1 assign impure S"}},
		{"call on a string", "X = 'a'('b')\n", []string{"1-1 assign impure X"}},
		{"call on a subscript", "X = d['k'](1)\n", []string{"1-1 assign impure X"}},
		{"negative number", "X = -1\n", []string{"1-1 assign pure X"}},
		{"conditional expression", "X = 1 if A else 2\n", []string{"1-1 assign pure X"}},
		{"keywords before a bracket", "X = not (a) and (b) or (c) if (d) else (e)\n", []string{"1-1 assign pure X"}},
		{"lambda", "F = lambda x=1, *a: (x, a)\n", []string{"1-1 assign pure F"}},
		{"lambda calling", "F = lambda: g()\n", []string{"1-1 assign impure F"}},
		{"f-string without calls", "X = f\"({n} items) {d['k']!r:>{w}}\"\n", []string{"1-1 assign pure X"}},
		{"f-string with a call", "X = f\"{len(items)} items\"\n", []string{"1-1 assign impure X"}},
		{"f-string with a walrus", "X = f\"{(y:=1)} {( z := 2 )}\"\n", []string{"1-1 assign impure X,y,z"}},
		{"attribute read", "X = some.attr\n", []string{"1-1 assign pure X"}},
		{"subscript read", "X = d[\"k\"]\n", []string{"1-1 assign pure X"}},
		{"subscript target", "d[\"k\"] = 1\n", []string{"1-1 assign impure"}},
		{"attribute target", "a.b = 1\n", []string{"1-1 assign impure"}},
		{"mixed targets", "a, b.c = 1, 2\n", []string{"1-1 assign impure a"}},
		{"augmented", "n += 1\n", []string{"1-1 assign impure n"}},
		{"await and yield", "x = await y\n", []string{"1-1 assign impure x"}},
		{"walrus in an assignment", "x = (y := 2)\n", []string{"1-1 assign pure x,y"}},
		{"import dotted as", "import a.b.c as d\n", []string{"1-1 import pure d"}},
		{"import dotted", "import a.b.c, e\n", []string{"1-1 import pure a,e"}},
		{"from dot import", "from . import x\n", []string{"1-1 import pure x"}},
		{"from relative parenthesized", "from .m import (a as b,\n    c,)\n", []string{"1-2 import pure b,c"}},
		{"star import", "from m import *\n", []string{"1-1 import pure *"}},
		{"future import", "from __future__ import annotations\n", []string{"1-1 import impure annotations"}},
		{"module docstring", "\"\"\"Doc.\n\nMore.\n\"\"\"\nx = 1\n", []string{"1-4 docstring pure __doc__", "5-5 assign pure x"}},
		{"implicitly concatenated docstring", "'a' \"b\"\n", []string{"1-1 docstring pure __doc__"}},
		{"bytes is no docstring", "b'doc'\n", []string{"1-1 other pure"}},
		{"f-string is no docstring", "f'doc'\n", []string{"1-1 other impure"}},
		{"string after the first statement", "x = 1\n'''About x.'''\n...\n", []string{"1-1 assign pure x", "2-2 other pure", "3-3 other pure"}},
		{"class docstring", "class C:\n    \"\"\"Doc.\"\"\"\n    x = 1\n", []string{"C 2-2 docstring pure __doc__", "C 3-3 assign pure x"}},
		{"one-line class body", "class C: x = 1; y = 2\n", []string{"C 1-1 assign pure x", "C 1-1 assign pure y"}},
		{"docstring after a method is none", "class C:\n    def f(self): pass\n    'not doc'\n", []string{"C 3-3 other pure"}},
		{"nested class scopes", "class A:\n    x = 1\n    class B:\n        y = 2\n        def m(self): pass\n        z = 3\n    w = 4\nv = 5\n",
			[]string{"A 2-2 assign pure x", "A.B 4-4 assign pure y", "A.B 6-6 assign pure z", "A 7-7 assign pure w", "8-8 assign pure v"}},
		{"repeated class names", "class C:\n    x = 1\nclass C:\n    y = 2\n", []string{"C 2-2 assign pure x", "C#2 4-4 assign pure y"}},
		{"TYPE_CHECKING block", "if TYPE_CHECKING:\n    from m import T\n    def f(): ...\n    class K:\n        a = 1\nelse:\n    T = None\n",
			[]string{"1-7 other impure K,T,f", "K 5-5 assign pure a"}},
		{"def ending a compound", "if X:\n    def f():\n        return 1\n\n\ny = 2\n", []string{"1-3 other impure f", "6-6 assign pure y"}},
		{"try import", "try:\n    import x\nexcept ImportError:\n    x = None\n", []string{"1-4 other impure x"}},
		{"try with every clause", "try:\n    pass\nexcept (A, B) as e:\n    pass\nexcept* C as g:\n    pass\nelse:\n    h = 1\nfinally:\n    i = 2\n",
			[]string{"1-10 other impure e,g,h,i"}},
		{"walrus in an if", "if (m := re.match(p, s)) is not None:\n    pass\n", []string{"1-2 other impure m"}},
		{"for else", "for i, (j, *k) in pairs:\n    total += i\nelse:\n    done = True\n", []string{"1-4 other impure done,i,j,k,total"}},
		{"comprehension targets stay local", "X = [y for y in Z]\n", []string{"1-1 assign pure X"}},
		{"with targets", "with open(p) as f, lock as (a, b), ctx as self.c:\n    pass\n", []string{"1-2 other impure a,b,f"}},
		{"parenthesized with", "with (\n    open(p) as f,\n    open(q) as g,\n):\n    pass\n", []string{"1-5 other impure f,g"}},
		{"async for and with", "async def f(): pass\nasync with a as b:\n    async for c in d:\n        pass\n", []string{"2-4 other impure b,c"}},
		{"while with walrus", "while chunk := read():\n    pass\n", []string{"1-2 other impure chunk"}},
		{"one-line compounds", "if a: b = 1; c = 2\nelif d: e = 3\nelse: f = 4\ng = 5\n", []string{"1-3 other impure b,c,e,f", "4-4 assign pure g"}},
		{"match", "match cmd:\n    case Point(x=0, y=yy) as p if (q := yy):\n        pass\n    case [a, *rest] | {\"k\": a, **rest}:\n        pass\n    case Color.RED | _:\n        case = 1\n",
			[]string{"1-7 other impure a,case,p,q,rest,yy"}},
		{"match as a name", "match = 1\nmatch(x)\n", []string{"1-1 assign pure match", "2-2 other impure"}},
		{"one-line case", "match x:\n    case [a]: b = 1\n", []string{"1-2 other impure a,b"}},
		{"del", "del a, b[0], (c, d)\n", []string{"1-1 other impure a,c,d"}},
		{"global at module level", "global G, H\n", []string{"1-1 other impure G,H"}},
		{"pass", "pass\n", []string{"1-1 other pure"}},
		{"expression statement", "print(x)\n", []string{"1-1 other impure"}},
		{"assert and raise", "assert x\nraise E\n", []string{"1-1 other impure", "2-2 other impure"}},
		{"type alias", "type X[T] = list[T]\ntype = 3\n", []string{"1-1 assign pure X", "2-2 assign pure type"}},
		{"backslash continuation", "X = 1 + \\\n    2 + \\\n    3\n", []string{"1-3 assign pure X"}},
		{"semicolons", "a = 1; b = f(); import c;\n", []string{"1-1 assign pure a", "1-1 assign impure b", "1-1 import pure c"}},
		{"decorators spanning lines are no statements", "@dec(\n    1,\n)\ndef f(): pass\nx = 1\n", []string{"5-5 assign pure x"}},
		{"statements around a unit", "A = 1\ndef f(): pass\nB = 2\n", []string{"1-1 assign pure A", "3-3 assign pure B"}},
		{"multi-line string value", "X = '''a\nb\n'''\n", []string{"1-3 assign pure X"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := mustParse(t, tc.src)
			var got []string
			for _, st := range m.Stmts() {
				got = append(got, stmtLine(st))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestStmtsSharedAndStable(t *testing.T) {
	m := mustParse(t, baseSrc)
	a, b := m.Stmts(), m.Stmts()
	if len(a) == 0 || &a[0] != &b[0] {
		t.Fatalf("Stmts is computed again on each call")
	}
	byHand := &Module{} // a Module not made by Parse has no statements, and no panic
	if got := byHand.Stmts(); len(got) != 0 {
		t.Errorf("got %v", got)
	}
}

package pysrc

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// unitLine renders a unit as "kind qualname parent start/def/body/end [decorators] async".
func unitLine(u Unit) string {
	s := fmt.Sprintf("%s %s %d %d/%d/%d/%d", u.Kind, u.QualName, u.Parent, u.Start, u.DefLine, u.BodyStart, u.End)
	if len(u.Decorators) > 0 {
		s += " @" + strings.Join(u.Decorators, " @")
	}
	if u.Async {
		s += " async"
	}
	return s
}

func TestParseUnits(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"one-line def", "def f(): return 1\n", []string{"func f -1 1/1/1/1"}},
		{"body ends before comments", "def f():\n    x = 1\n    # trailing\n\n\ny = 2\n", []string{"func f -1 1/1/2/2"}},
		{"body ends in a multi-line string", "def f():\n    return '''a\nb\n'''\n", []string{"func f -1 1/1/2/4"}},
		{"docstring starts body", "def f():\n    \"\"\"Doc.\"\"\"\n    return 1\n", []string{"func f -1 1/1/2/3"}},
		{"multi-line decorator and signature", "@pytest.mark.parametrize(\n    'a', [1,\n 2],\n)\ndef test(\n    a,\n    b=2,\n):\n    pass\n",
			[]string{"func test -1 1/5/9/9 @pytest.mark.parametrize('a', [1, 2],)"}},
		{"lambda and annotations in header", "def f(a=lambda x: x, *, b: int = 1) -> Dict[str, int]: return {}\n",
			[]string{"func f -1 1/1/1/1"}},
		{"nested defs belong to the body", "def outer():\n    def inner():\n        class K:\n            def m(self): pass\n    return inner\n",
			[]string{"func outer -1 1/1/2/5"}},
		{"class members", "class C(Base, metaclass=M):\n    x = 1\n    @property\n    def p(self):\n        return self._p\n    @p.setter\n    def p(self, v):\n        self._p = v\n    class Inner:\n        def m(self): pass\n    class Inner:\n        def m(self): pass\n",
			[]string{"class C -1 1/1/2/12", "func C.p 0 3/4/5/5 @property", "func C.p#2 0 6/7/8/8 @p.setter",
				"class C.Inner 0 9/9/10/10", "func C.Inner.m 3 10/10/10/10", "class C.Inner#2 0 11/11/12/12", "func C.Inner#2.m 5 12/12/12/12"}},
		{"units in compound statements", "if TYPE_CHECKING:\n    def f(): ...\nelse:\n    def f():\n        pass\ntry:\n    class A: pass\nexcept ImportError:\n    A = None\n",
			[]string{"func f -1 2/2/2/2", "func f#2 -1 4/4/5/5", "class A -1 7/7/7/7"}},
		{"match at module level", "match sys.platform:\n    case 'win32':\n        def g(): pass\n    case _:\n        match = 1\n",
			[]string{"func g -1 3/3/3/3"}},
		{"async def", "async def h():\n    async with a:\n        await b\n", []string{"func h -1 1/1/2/3 async"}},
		{"decorated async method", "class C:\n    @staticmethod\n    async def h(): pass\n",
			[]string{"class C -1 1/1/2/3", "func C.h 0 2/3/3/3 @staticmethod async"}},
		{"one-line class", "class E(Exception): pass\n", []string{"class E -1 1/1/1/1"}},
		{"strings mentioning def and class", "s = '''\ndef f():\n    pass\n'''\nfoo(class_=1)\nt = f\"{'def g(): pass'}\"\n", nil},
		{"crlf", "def f():\r\n    return 1\r\n\r\nclass C:\r\n    pass\r\n", []string{"func f -1 1/1/2/2", "class C -1 4/4/5/5"}},
		{"tabs", "class C:\n\tdef m(self):\n\t\treturn 1\n", []string{"class C -1 1/1/2/3", "func C.m 0 2/2/3/3"}},
		{"no final newline", "def f():\n    return 1", []string{"func f -1 1/1/2/2"}},
		{"decorator call with comments", "@functools.lru_cache(  # cache it\n    maxsize=None)\ndef f(): pass\n",
			[]string{"func f -1 1/3/3/3 @functools.lru_cache(maxsize=None)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range m.Units {
				got = append(got, unitLine(u))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"unexpected indent", "x = 1\n    y = 2\n", 2, "unexpected indent"},
		{"unexpected indent in a body", "def f():\n    x = 1\n        y = 2\n", 3, "unexpected indent"},
		{"header without colon in a body", "def f(lines):\n    for a in lines\n        print(a)\n", 3, "unexpected indent"},
		{"global after use", "def f():\n    _x = None\n    global _x\n", 3, "used prior to global"},
		{"global after use, nested def before", "def f():\n    def g():\n        global y\n        return y\n    y = 1\n    global y\n", 6, "used prior to global"},
		{"colon without block in a body", "def f():\n    if x:\n    y = 1\n", 3, "expected an indented block"},
		{"missing block", "if x:\ny = 1\n", 1, "expected an indented block"},
		{"missing block at EOF", "class C:\n", 1, "expected an indented block"},
		{"decorator without def", "@dec\nx = 1\n", 2, "expected def or class"},
		{"def without colon", "def f()\n    pass\n", 1, "expected ':'"},
		{"def without name", "def (): pass\n", 1, "without a name"},
		{"tokenizer error", "def f():\n    return 'x\n", 2, "unterminated string"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *SyntaxError", err)
			}
			if se.Line != tc.line || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("got line %d %q, want line %d %q", se.Line, se.Msg, tc.line, tc.msg)
			}
		})
	}
}

func mustParse(t *testing.T, src string) *Module {
	t.Helper()
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

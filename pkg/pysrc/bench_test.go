package pysrc

import (
	"fmt"
	"go/scanner"
	"go/token"
	"strings"
	"testing"
)

// generateModule writes a realistic Python module of about 50*classes lines:
// imports, constants, decorated classes and methods with docstrings,
// f-strings, comments, comprehensions and nested functions.
func generateModule(classes int) string {
	var b strings.Builder
	b.WriteString("\"\"\"Generated module for benchmarks.\"\"\"\nfrom __future__ import annotations\n\nimport functools\nimport os\nfrom typing import Any, Dict, List, Optional\n\nfrom .models import Base, Field  # local\n\nLOG_LEVEL = os.environ.get(\"LOG_LEVEL\", \"INFO\")\n\n\n")
	for i := 0; i < classes; i++ {
		fmt.Fprintf(&b, `@dataclass(frozen=True)
class Model%[1]d(Base):
    """A model with a docstring.

    It spans several lines, like real ones do.
    """

    name: str = "model_%[1]d"
    size: int = %[1]d
    tags: List[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.name}-{self.size:04d} ({', '.join(self.tags)!r})"

    @functools.lru_cache(maxsize=None)
    def compute(self, factor: float = 1.5, *, strict: bool = False) -> Dict[str, Any]:
        # Compute derived values; keep it simple.
        if factor <= 0:
            raise ValueError(f"bad factor {factor} for {self.name!r}")
        values = {k: v * factor for k, v in self.items() if not k.startswith("_")}
        total = sum(values.values()) + 0x1F + 1_000 + 3.5e-2
        def helper(x):
            return x ** 2 // 3
        return {"total": helper(total), 'raw': values, "ok": strict or total > 10}

    async def fetch(self, client, retries=3):
        for attempt in range(retries):
            try:
                resp = await client.get(f"/models/{self.size}", timeout=5)
            except TimeoutError:  # retry
                continue
            else:
                return resp.json()
        return None


def build_%[1]d(items: Optional[List[int]] = None) -> Model%[1]d:
    """Build a model."""
    items = items or [1, 2, 3]
    data = [
        (i, str(i))
        for i in items
        if i %% 2
    ]
    return Model%[1]d(name=str(data), size=len(items))


`, i)
	}
	return b.String()
}

func benchSource(b *testing.B) []byte {
	src := []byte(generateModule(105)) // 5,000+ lines
	if n := strings.Count(string(src), "\n"); n < 5000 {
		b.Fatalf("generated %d lines, want 5000+", n)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	return src
}

func BenchmarkTokenize(b *testing.B) {
	src := benchSource(b)
	for b.Loop() {
		if _, err := Tokenize(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	src := benchSource(b)
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompare(b *testing.B) {
	src := benchSource(b)
	changed := []byte(strings.Replace(string(src), "x ** 2 // 3", "x ** 3 // 2", 1))
	for b.Loop() {
		if _, err := Compare(src, changed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBaselineGoScanner is the yardstick: the standard library's Go
// scanner over Go source of the same size, run in the same process.
func BenchmarkBaselineGoScanner(b *testing.B) {
	py := benchSource(b)
	unit := "// Package p is generated.\nfunc (m *Model) Compute(factor float64, strict bool) (map[string]any, error) {\n\tif factor <= 0 {\n\t\treturn nil, fmt.Errorf(\"bad factor %v for %q\", factor, m.Name)\n\t}\n\tvalues := map[string]float64{\"a\": 1.5, 'b': 0x1F}\n\treturn values, nil\n}\n"
	src := []byte("package p\n" + strings.Repeat(unit, len(py)/len(unit)+1))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		var s scanner.Scanner
		fset := token.NewFileSet()
		s.Init(fset.AddFile("p.go", -1, len(src)), src, nil, scanner.ScanComments)
		for {
			if _, tok, _ := s.Scan(); tok == token.EOF {
				break
			}
		}
	}
}

// BenchmarkFacts measures what the selector adds per module on top of
// Parse (its baseline, BenchmarkParse): statements, names and the
// occurrences of one name.
func BenchmarkFacts(b *testing.B) {
	src := benchSource(b)
	for b.Loop() {
		m, err := Parse(src)
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Stmts()) == 0 || len(m.Names()) == 0 || len(m.Occurrences("self")) == 0 {
			b.Fatal("no facts")
		}
	}
}

// BenchmarkCompareScope changes a module constant, so that Compare also
// aligns the module's statements; BenchmarkCompare is its baseline.
func BenchmarkCompareScope(b *testing.B) {
	src := benchSource(b)
	changed := []byte(strings.Replace(string(src), `"LOG_LEVEL", "INFO"`, `"LOG_LEVEL", "DEBUG"`, 1))
	for b.Loop() {
		d, err := Compare(src, changed)
		if err != nil || len(d.Statements) != 1 {
			b.Fatalf("got %+v, %v", d, err)
		}
	}
}

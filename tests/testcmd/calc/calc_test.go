package calc

import (
	"fmt"
	"testing"
)

func TestDouble(t *testing.T) {
	if got := double(21); got != 42 {
		t.Fatalf("double(21) = %d", got)
	}
}

func TestAdd(t *testing.T) {
	cases := []struct {
		name    string
		a, b, w int
	}{
		{"zero", 0, 0, 0},
		{"one", 1, 0, 1},
		{"two", 1, 1, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Add(c.a, c.b); got != c.w {
				t.Errorf("Add(%d, %d) = %d, want %d", c.a, c.b, got, c.w)
			}
			t.Logf("Add(%d, %d) = %d", c.a, c.b, c.w)
		})
	}
}

func TestSkipped(t *testing.T) {
	t.Skip("not on this machine")
}

func TestShort(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	fmt.Println("long mode")
}

func TestParallel(t *testing.T) {
	for _, n := range []int{1, 2} {
		t.Run(fmt.Sprint("p", n), func(t *testing.T) {
			t.Parallel()
			if Sub(n, n) != 0 {
				t.Error("Sub")
			}
		})
	}
}

func BenchmarkAdd(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Add(i, i)
	}
}

func FuzzSub(f *testing.F) {
	f.Add(1, 2)
	f.Add(-5, 5)
	f.Fuzz(func(t *testing.T, a, b int) {
		if Sub(a, b)+b != a {
			t.Errorf("Sub(%d, %d) wrong", a, b)
		}
	})
}

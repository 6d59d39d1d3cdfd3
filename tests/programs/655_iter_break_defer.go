package main

import (
	"errors"
	"fmt"
	"iter"
)

var log []string

func logf(format string, args ...any) {
	log = append(log, fmt.Sprintf(format, args...))
}

func Resource(name string, n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		logf("open %s", name)
		defer logf("close %s", name)
		for i := 0; i < n; i++ {
			if !yield(i) {
				logf("%s: consumer stopped at %d", name, i)
				return
			}
		}
		logf("%s: exhausted", name)
	}
}

func Pairs() iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		defer logf("pairs done")
		for _, k := range []string{"a", "b", "c", "d"} {
			if !yield(k, len(k)*int(k[0])) {
				return
			}
		}
	}
}

func findFirst(limit int) (int, error) {
	for v := range Resource("find", 10) {
		if v*v > limit {
			return v, nil
		}
	}
	return 0, errors.New("none")
}

func deferInLoop() (out []int) {
	defer func() { out = append(out, -1) }()
	for v := range Resource("defer", 3) {
		defer func() { out = append(out, v) }()
	}
	return []int{100}
}

func nested() string {
outer:
	for i := range Resource("outer", 3) {
		for j := range Resource("inner", 3) {
			if j == 1 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			logf("body %d %d", i, j)
		}
	}
	return "nested done"
}

func gotoish() int {
	n := 0
	for v := range Resource("goto", 5) {
		if v == 3 {
			goto end
		}
		n += v
	}
end:
	return n
}

func panicky() (res string) {
	defer func() {
		if r := recover(); r != nil {
			res = fmt.Sprint("recovered: ", r)
		}
	}()
	for v := range Resource("panicky", 5) {
		if v == 2 {
			panic("boom at 2")
		}
	}
	return "unreachable"
}

func main() {
	for v := range Resource("full", 3) {
		logf("got %d", v)
	}
	for v := range Resource("partial", 10) {
		if v == 2 {
			break
		}
		logf("got %d", v)
	}
	r, err := findFirst(20)
	logf("findFirst: %d %v", r, err)
	r, err = findFirst(1000)
	logf("findFirst: %d %v", r, err)
	logf("deferInLoop: %v", deferInLoop())
	logf(nested())
	logf("gotoish: %d", gotoish())
	logf("%s", panicky())
	for k, v := range Pairs() {
		if k == "c" {
			break
		}
		logf("pair %s=%d", k, v)
	}
	sum := 0
	for range Resource("count", 4) {
		sum++
	}
	logf("count %d", sum)
	for _, l := range log {
		fmt.Println(l)
	}
	bad := func(yield func(int) bool) {
		yield(1)
		yield(2)
	}
	defer func() { fmt.Println("final recover:", recover()) }()
	for v := range bad {
		fmt.Println("bad got", v)
		break
	}
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"plugin"
	"reflect"
	"unsafe"

	"rgo.test/plugins/shared"
)

func must[T any](v T, err error) T {
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	return v
}

func main() {
	dir := os.Args[1]
	p1 := must(plugin.Open(filepath.Join(dir, "p1.so")))

	// A function.
	hello := must(p1.Lookup("Hello")).(func(string) string)
	fmt.Println(hello("host"))

	// A variable: Lookup returns its address.
	counter := must(p1.Lookup("Counter")).(*int)
	*counter = 42
	fmt.Println(hello("again"))

	// A plugin value asserted to a host interface and to a shared struct type.
	newShape := must(p1.Lookup("NewShape")).(func(float64) shared.Shape)
	s := newShape(3)
	fmt.Println(s.Name(), s.Area())
	var x any = s
	if sh, ok := x.(shared.Shape); ok {
		fmt.Println("asserted to shared.Shape:", sh.Name())
	}
	newPoint := must(p1.Lookup("NewPoint")).(func(int, int) any)
	pt := newPoint(3, 4)
	if p, ok := pt.(shared.Point); ok {
		fmt.Println("asserted to shared.Point:", p.X, p.Y, p)
	} else {
		fmt.Printf("not a shared.Point: %T\n", pt)
	}
	// One descriptor per type, one itab per (type, interface) pair, in host and plugins.
	fmt.Println("one descriptor:", reflect.TypeOf(pt) == reflect.TypeOf(shared.Point{}))
	pointStringer := must(p1.Lookup("PointStringer")).(func(int, int) fmt.Stringer)
	fromPlugin := pointStringer(7, 8)
	var fromHost fmt.Stringer = shared.Point{X: 1, Y: 1}
	itab := func(s fmt.Stringer) unsafe.Pointer { return (*[2]unsafe.Pointer)(unsafe.Pointer(&s))[0] }
	fmt.Println("one itab:", itab(fromPlugin) == itab(fromHost), fromPlugin.String())
	describe := must(p1.Lookup("Describe")).(func(any) string)
	fmt.Println(describe(shared.Point{X: 5, Y: 6}))
	fmt.Println(describe(s))

	// Missing symbol.
	if _, err := p1.Lookup("Nope"); err != nil {
		fmt.Println(err)
	}

	// Opening the same path twice returns the same plugin; its init ran once.
	again := must(plugin.Open(filepath.Join(dir, "p1.so")))
	fmt.Println("same plugin:", again == p1)
	initRuns := must(p1.Lookup("InitRuns")).(func() int)
	fmt.Println("p1 init runs:", initRuns())

	// A second plugin.
	p2 := must(plugin.Open(filepath.Join(dir, "p2.so")))
	add := must(p2.Lookup("Add")).(func(int, int) int)
	fmt.Println("2+3 =", add(2, 3))
	squares := must(p2.Lookup("Squares")).(func(int) int)
	fmt.Println("squares:", squares(10))
	shout := must(p2.Lookup("Shout")).(func(string) string)
	fmt.Println(shout("loud"))
	greeting := must(p2.Lookup("Greeting")).(*string)
	fmt.Println(*greeting)

	// The shared package exists once: one init, one registry.
	fmt.Println("shared inits:", shared.Inits(), "registry:", shared.Registry)

	// A missing file.
	if _, err := plugin.Open(filepath.Join(dir, "missing.so")); err != nil {
		fmt.Println("missing:", filepath.Base(err.Error()))
	}

	// A panic in the plugin unwinds through host frames.
	fail := must(p1.Lookup("Fail")).(func(string))
	if len(os.Args) > 2 && os.Args[2] == "panic" {
		callFail(fail)
	}
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		fail("recoverable")
	}()
}

func callFail(f func(string)) { f("unrecovered") }

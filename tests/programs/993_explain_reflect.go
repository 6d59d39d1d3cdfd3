package main

// For `rgo explain` (tests/tests/explain.rs): reflect.TypeOf(x).Name() on a named type.

import (
	"fmt"
	"reflect"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func main() {
	var x any = Celsius(21.5)
	fmt.Println(reflect.TypeOf(x).Name(), reflect.TypeOf(x).Kind(), x)
}

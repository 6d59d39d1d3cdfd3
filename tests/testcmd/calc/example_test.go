package calc_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"example.com/testcmd/calc"
	"example.com/testcmd/uses"
)

func TestExternal(t *testing.T) {
	if calc.Double(4) != 8 {
		t.Error("Double")
	}
	if uses.Triple(2) != 6 {
		t.Error("Triple")
	}
}

func TestTestdata(t *testing.T) {
	data, err := os.ReadFile("testdata/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(strings.Fields(string(data)))
}

func ExampleAdd() {
	fmt.Println(calc.Add(1, 2))
	// Output: 3
}

func ExampleDiv() {
	_, err := calc.Div(1, 0)
	fmt.Println(err)
	fmt.Println("<done>")
	// Output:
	// calc: division by zero
	// <done>
}

func ExampleSub_unordered() {
	for _, x := range []int{3, 1, 2} {
		fmt.Println(calc.Sub(x, 0))
	}
	// Unordered output:
	// 1
	// 2
	// 3
}

// ExampleAdd_noOutput is compiled, not run: it has no output comment.
func ExampleAdd_noOutput() {
	fmt.Println("never checked")
}

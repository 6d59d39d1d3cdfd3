package failing

import (
	"fmt"
	"testing"
)

func TestPass(t *testing.T) {}

func TestWrong(t *testing.T) {
	if got := Answer(); got != 42 {
		t.Errorf("Answer() = %d, want 42", got)
	}
	t.Log("still running after Errorf")
}

func TestSubtests(t *testing.T) {
	t.Run("ok", func(t *testing.T) {})
	t.Run("fatal", func(t *testing.T) {
		t.Fatal("stop here")
		t.Log("not reached")
	})
	t.Run("nested", func(t *testing.T) {
		t.Run("deep", func(t *testing.T) {
			t.Error("deep failure")
		})
	})
}

func TestOutput(t *testing.T) {
	fmt.Print("partial line without newline")
	t.Error("then an error")
}

func ExampleAnswer() {
	fmt.Println(Answer())
	// Output: 42
}

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"time"
)

type Address struct {
	Street string `json:"street"`
	City   string `json:"city,omitempty"`
}

type Base struct {
	ID      int    `json:"id"`
	Created string `json:"created"`
}

type User struct {
	Base
	Name     string            `json:"name"`
	Email    string            `json:"email,omitempty"`
	Age      int               `json:"age,omitempty"`
	Admin    bool              `json:"is_admin"`
	Tags     []string          `json:"tags"`
	Meta     map[string]any    `json:"meta,omitempty"`
	Addr     *Address          `json:"addr,omitempty"`
	Score    float64           `json:"score,string"`
	Secret   string            `json:"-"`
	Dash     string            `json:"-,"`
	private  int
	Raw      json.RawMessage   `json:"raw,omitempty"`
	Counts   map[int]int       `json:"counts,omitempty"`
	Labels   map[string]string `json:",omitempty"`
	Ratio    float32
	Nothing  any
	Bytes    []byte
	When     time.Time `json:"when"`
	Zero     Address   `json:"zero,omitzero"`
	Duration time.Duration
}

func main() {
	u := User{
		Base:  Base{ID: 7, Created: "2024-01-02"},
		Name:  "Ann <admin> & co",
		Admin: true,
		Tags:  []string{"a", "b"},
		Meta:  map[string]any{"z": 1, "a": []int{1, 2}, "m": map[string]bool{"t": true}, "n": nil, "f": 1.5e300},
		Addr:  &Address{Street: "Main 1"},
		Score: 9.5, Secret: "hidden", Dash: "dash", private: 3,
		Raw:    json.RawMessage(`{"pre":"computed"}`),
		Counts: map[int]int{10: 1, 2: 3},
		Ratio:  0.1,
		Bytes:  []byte("hello"),
		When:   time.Date(2024, 2, 29, 13, 4, 5, 123000000, time.UTC),
		Duration: 1500 * time.Millisecond,
	}
	b, err := json.Marshal(u)
	fmt.Println(string(b), err)
	b, _ = json.MarshalIndent(u.Addr, ">", "  ")
	fmt.Println(string(b))
	var empty User
	b, _ = json.Marshal(empty)
	fmt.Println(string(b))
	vals := []any{nil, true, 0, -1, 3.0, 1e21, 1e-7, 0.1, float32(0.1), math.MaxInt64, uint64(math.MaxUint64), "str\u2028\t\"\\<>&", []int(nil), []int{}, map[string]int(nil), [2]bool{}, struct{}{}, 'x', []byte{}, 100000000000000000000.0, 123456789.0}
	for _, v := range vals {
		b, err := json.Marshal(v)
		fmt.Printf("%T -> %s %v\n", v, b, err)
	}
	for _, v := range []any{math.NaN(), math.Inf(1), make(chan int), func() {}, map[[2]int]int{{1, 2}: 3}, complex(1, 2)} {
		_, err := json.Marshal(v)
		fmt.Println(err)
	}
	type cyc struct{ Next *cyc }
	c := &cyc{}
	c.Next = c
	_, err = json.Marshal(c)
	fmt.Println(err)
}

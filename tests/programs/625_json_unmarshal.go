package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

type Config struct {
	Name    string            `json:"name"`
	Port    int               `json:"port"`
	Debug   bool              `json:"debug"`
	Hosts   []string          `json:"hosts"`
	Limits  map[string]int    `json:"limits"`
	Nested  *struct{ A, B int } `json:"nested"`
	Ratio   float64
	Unknown any `json:"unknown"`
	Number  json.Number `json:"num"`
}

func main() {
	in := `{"name":"svc","port":8080,"debug":true,"hosts":["a","b"],"limits":{"cpu":2,"mem":512},
	"nested":{"A":1,"b":2},"RATIO":0.25,"unknown":{"x":[1,"two",null,true,{"y":1.5}]},"num":12345678901234567890,"extra":1}`
	var c Config
	err := json.Unmarshal([]byte(in), &c)
	nested := c.Nested
	c.Nested = nil
	fmt.Printf("%+v %v\n", c, err)
	fmt.Printf("%+v %T\n", *nested, c.Unknown.(map[string]any)["x"].([]any)[0])
	var anyv any
	json.Unmarshal([]byte(`[1, 2.5, "s", null, {"k": [true]}]`), &anyv)
	fmt.Printf("%v %T\n", anyv, anyv)
	bad := []string{`{"port": "notanumber"}`, `{"port": 1.5}`, `{"name": 5}`, `{`, `[1,2]`, `{"hosts": "x"}`, `nul`, ``, `{"port": 99999999999999999999}`, `{"a":1}x`, `{"name":"\ud800"}`}
	for _, s := range bad {
		var c Config
		err := json.Unmarshal([]byte(s), &c)
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		fmt.Printf("%-30q %v | syntax=%v type=%v\n", s, err, errors.As(err, &se), errors.As(err, &te))
		if te != nil {
			fmt.Println("   field:", te.Field, "value:", te.Value, "type:", te.Type)
		}
	}
	var ip *int
	fmt.Println(json.Unmarshal([]byte("5"), ip))
	fmt.Println(json.Unmarshal([]byte("5"), nil))
	dec := json.NewDecoder(strings.NewReader(`{"name":"a","bogus":1}`))
	dec.DisallowUnknownFields()
	fmt.Println(dec.Decode(&c))
	stream := json.NewDecoder(strings.NewReader(`{"n":1} {"n":2}
	[3] "four" 5.5 null`))
	for {
		var v any
		if err := stream.Decode(&v); err != nil {
			fmt.Println("end:", err)
			break
		}
		fmt.Printf("%v ", v)
	}
	dn := json.NewDecoder(strings.NewReader(`{"big": 1e400, "int": 42}`))
	dn.UseNumber()
	var m map[string]any
	fmt.Println(dn.Decode(&m), m)
	n := m["int"].(json.Number)
	i, _ := n.Int64()
	fmt.Println(i, n.String())
	tok := json.NewDecoder(strings.NewReader(`{"a":[1,"x",true,null],"b":{}}`))
	for {
		t, err := tok.Token()
		if err != nil {
			break
		}
		fmt.Printf("%T:%v ", t, t)
	}
	fmt.Println()
	fmt.Println(json.Valid([]byte(`{"ok":[1]}`)), json.Valid([]byte(`{ok}`)))
	var arr [2]int
	json.Unmarshal([]byte(`[1,2,3]`), &arr)
	var sl = []int{9, 9, 9, 9}
	json.Unmarshal([]byte(`[1,2]`), &sl)
	fmt.Println(arr, sl, len(sl))
	var iface any = &Config{Name: "keep"}
	json.Unmarshal([]byte(`{"port":1}`), iface)
	fmt.Printf("%+v\n", *iface.(*Config))
}

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

type Level int

const (
	Low Level = iota
	Mid
	High
)

var names = []string{"low", "mid", "high"}

func (l Level) MarshalJSON() ([]byte, error) {
	if l < 0 || int(l) >= len(names) {
		return nil, fmt.Errorf("bad level %d", int(l))
	}
	return json.Marshal(names[l])
}

func (l *Level) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	for i, n := range names {
		if n == s {
			*l = Level(i)
			return nil
		}
	}
	return fmt.Errorf("unknown level %q", s)
}

type Color struct{ R, G, B uint8 }

func (c Color) MarshalText() ([]byte, error) {
	return []byte(fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)), nil
}

func (c *Color) UnmarshalText(t []byte) error {
	_, err := fmt.Sscanf(string(t), "#%02x%02x%02x", &c.R, &c.G, &c.B)
	return err
}

type Alert struct {
	Msg    string           `json:"msg"`
	Level  Level            `json:"level"`
	Colors map[Color]string `json:"colors"`
	Fg     Color            `json:"fg"`
	Ptr    *Level           `json:"ptr"`
}

func main() {
	h := High
	a := Alert{"disk full", High, map[Color]string{{255, 0, 0}: "red", {0, 0, 255}: "blue"}, Color{1, 2, 3}, &h}
	b, err := json.Marshal(a)
	fmt.Println(string(b), err)
	var back Alert
	err = json.Unmarshal(b, &back)
	ptr := back.Ptr
	back.Ptr = nil
	fmt.Printf("%+v %v %v\n", back, *ptr, err)
	err = json.Unmarshal([]byte(`{"level":"extreme"}`), &back)
	fmt.Println(err)
	_, err = json.Marshal(Alert{Level: 9})
	fmt.Println(err)
	var out bytes.Buffer
	json.Indent(&out, []byte(`{"a":[1,2,{"b":null}],"c":{},"d":[]}`), "", "\t")
	fmt.Println(out.String())
	out.Reset()
	json.Compact(&out, []byte("{ \"a\" : [ 1 , 2 ] ,\n \"b\" : \"x y\" }"))
	fmt.Println(out.String())
	out.Reset()
	json.HTMLEscape(&out, []byte(`{"h":"<b>&</b>"}`))
	fmt.Println(out.String())
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.Encode(map[string]any{"b": []Level{Low, Mid}, "a": "<tag>"})
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "")
	enc.Encode(map[string]any{"a": "<tag>&"})
	type Inner struct{ X, Y int }
	type Outer struct {
		Inner
		Y    string
		List []Inner `json:"list"`
	}
	b, _ = json.MarshalIndent(Outer{Inner{1, 2}, "outer", []Inner{{3, 4}}}, "", "  ")
	fmt.Println(string(b))
	var o Outer
	json.NewDecoder(strings.NewReader(string(b))).Decode(&o)
	fmt.Printf("%+v\n", o)
}

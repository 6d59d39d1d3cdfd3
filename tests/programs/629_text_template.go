package main

import (
	"fmt"
	"os"
	"strings"
	"text/template"
)

type Item struct {
	Name  string
	Price float64
	Qty   int
	Tags  []string
}

func (i Item) Total() float64 { return i.Price * float64(i.Qty) }

type Order struct {
	ID       int
	Customer *struct{ Name, City string }
	Items    []Item
	Notes    map[string]string
	Paid     bool
}

const tmpl = `Order #{{.ID}} for {{with .Customer}}{{.Name}} ({{.City}}){{else}}anonymous{{end}}
{{range $i, $it := .Items}}{{if $i}}
{{end}}{{printf "%-8s" $it.Name}} {{$it.Qty}} x {{printf "%6.2f" $it.Price}} = {{$it.Total | printf "%.2f"}}{{if $it.Tags}} [{{join $it.Tags ", "}}]{{end}}{{end}}
{{- /* a comment */ -}}
{{range $k, $v := .Notes}}
note {{$k}}: {{$v | upper}}{{end}}
{{if and .Paid (gt (len .Items) 1)}}paid, multiple items{{else if .Paid}}paid{{else}}unpaid{{end}}
{{define "footer"}}-- {{.}} --{{end}}{{template "footer" "thanks"}}
{{len .Items}} {{index .Items 1 | name}} {{index .Notes "gift"}} {{slice "abcdef" 1 3}} {{eq .ID 42 43}} {{ne 1 2}} {{lt 1.5 2.5}} {{not .Paid}} {{or 0 "" "fallback"}}
{{range $i, $e := seq 5}}{{if eq $e 3}}{{continue}}{{end}}{{if eq $e 5}}{{break}}{{end}}{{$e}}{{end}} {{html "<a&b>"}} {{js "it's"}} {{urlquery "a b&c"}} {{print 1 2 "x" 3}} {{println "ln"}}`

func main() {
	funcs := template.FuncMap{
		"join":  strings.Join,
		"upper": strings.ToUpper,
		"name":  func(i Item) string { return "<" + i.Name + ">" },
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i + 1
			}
			return s
		},
	}
	t := template.Must(template.New("order").Funcs(funcs).Parse(tmpl))
	o := Order{
		ID:       42,
		Customer: &struct{ Name, City string }{"Zoë", "Oslo"},
		Items:    []Item{{"pen", 1.5, 4, nil}, {"notebook", 3.25, 2, []string{"a5", "dotted"}}, {"ink", 12, 1, []string{"blue"}}},
		Notes:    map[string]string{"gift": "wrap it", "door": "leave at back"},
		Paid:     true,
	}
	if err := t.Execute(os.Stdout, o); err != nil {
		fmt.Println("\nerror:", err)
	}
	fmt.Println()
	o.Customer = nil
	o.Paid = false
	o.Items = o.Items[:2]
	t.Execute(os.Stdout, o)
	fmt.Println()
	_, err := template.New("bad").Parse("{{.Foo")
	fmt.Println(err)
	_, err = template.New("bad2").Parse("{{if}}{{end}}")
	fmt.Println(err)
	_, err = template.New("bad3").Parse("{{nofunc 1}}")
	fmt.Println(err)
	t2 := template.Must(template.New("x").Parse("{{.Missing}}"))
	err = t2.Execute(os.Stdout, o)
	fmt.Println("\n", err)
	t3 := template.Must(template.New("y").Option("missingkey=error").Parse("{{.a}} {{.b}}"))
	err = t3.Execute(os.Stdout, map[string]int{"a": 1})
	fmt.Println("\n", err)
	t4 := template.Must(template.New("z").Parse("{{index . 5}}"))
	fmt.Println(t4.Execute(os.Stdout, []int{1}))
	var sb strings.Builder
	template.Must(template.New("w").Parse(`{{with $x := "scoped"}}{{$x}}{{end}} {{$y := 1}}{{$y = 2}}{{$y}} {{range .}}{{.}}{{else}}empty{{end}}`)).Execute(&sb, []int{})
	fmt.Println(sb.String())
	fmt.Println(t.Lookup("footer") != nil, t.Lookup("nope") == nil, t.Name())
}

package main

import (
	"fmt"
	"html/template"
	"os"
	"strings"
)

type Post struct {
	Title   string
	Author  string
	Body    string
	URL     string
	Tags    []string
	Trusted template.HTML
	Style   string
	Score   int
}

const page = `<html><head><title>{{.Title}}</title>
<script>var author = {{.Author}}; var tags = {{.Tags}}; var score = {{.Score}};</script>
<style>p { color: {{.Style}}; }</style></head>
<body>
<h1 title="{{.Title}}">{{.Title}}</h1>
<a href="{{.URL}}">link</a> <a href="/search?q={{.Author}}">search</a>
<p onclick="alert({{.Body}})">{{.Body}}</p>
{{range .Tags}}<span class="tag-{{.}}">{{. | upper}}</span>{{end}}
{{.Trusted}}
<!-- comments are stripped -->
</body></html>
`

func main() {
	t := template.Must(template.New("page").Funcs(template.FuncMap{"upper": strings.ToUpper}).Parse(page))
	posts := []Post{
		{"Hello & <Welcome>", "O'Brien \"the\" <author>", "<script>alert('x')</script>", "http://example.com/a b?x=1&y=2", []string{"go", "a<b"}, "<b>bold ok</b>", "red", 5},
		{"Plain", "ann", "text", "javascript:alert(1)", nil, "", "expression(alert(1))", -1},
	}
	for _, p := range posts {
		if err := t.Execute(os.Stdout, p); err != nil {
			fmt.Println("error:", err)
		}
	}
	fmt.Println(template.HTMLEscapeString("<a href='x'>&</a>"), template.JSEscapeString("it's \"q\" </script>"), template.URLQueryEscaper("a b&c=d"))
	_, err := template.New("bad").Parse(`<a href="{{.}}`)
	fmt.Println(err)
	t2 := template.Must(template.New("bad2").Parse(`<a href="{{.}}`))
	err = t2.Execute(os.Stdout, "x")
	fmt.Println("\n", err)
	t3 := template.Must(template.New("attr").Parse(`<input value={{.}}><div {{.}}></div>`))
	err = t3.Execute(os.Stdout, `a b"c`)
	fmt.Println("\n", err)
	t4 := template.Must(template.New("safe").Parse(`<a href="{{.U}}">{{.H}}</a><script>{{.J}}</script>`))
	t4.Execute(os.Stdout, map[string]any{"U": template.URL("javascript:void(0)"), "H": template.HTML("<i>i</i>"), "J": template.JS("var x = 1")})
	fmt.Println()
}

package main

import (
	"encoding/xml"
	"fmt"
	"os"
	"strings"
)

type Address struct {
	City    string `xml:"city"`
	Country string `xml:"country,attr"`
}

type Person struct {
	XMLName xml.Name  `xml:"person"`
	ID      int       `xml:"id,attr"`
	Name    string    `xml:"name"`
	Email   []string  `xml:"contact>email"`
	Addr    *Address  `xml:"address,omitempty"`
	Note    string    `xml:",comment"`
	Bio     string    `xml:",chardata"`
	Age     int       `xml:"age,omitempty"`
	Extra   string    `xml:"-"`
}

type Library struct {
	XMLName xml.Name `xml:"library"`
	Books   []struct {
		Title  string   `xml:"title"`
		Year   int      `xml:"year,attr"`
		Tags   []string `xml:"tag"`
	} `xml:"book"`
}

func main() {
	p := Person{ID: 7, Name: "Ann & <Bob>", Email: []string{"a@x.org", "b@y.org"}, Addr: &Address{"Oslo", "NO"}, Note: " vip ", Bio: "likes \"xml\"", Extra: "hidden"}
	out, err := xml.MarshalIndent(p, "", "  ")
	fmt.Println(string(out), err)
	out, _ = xml.Marshal(Person{ID: 1, Name: "min"})
	fmt.Println(string(out))
	var back Person
	err = xml.Unmarshal([]byte(xml.Header+`<person id="9"><name>Zed</name><contact><email>z@z</email></contact><address country="SE"><city>Lund</city></address><age>41</age>text</person>`), &back)
	fmt.Printf("%+v %+v %v\n", back.Name, *back.Addr, err)
	fmt.Println(back.ID, back.Email, back.Age, back.Bio, back.XMLName.Local)
	src := `<library>
  <book year="1954"><title>The Fellowship</title><tag>fantasy</tag><tag>classic</tag></book>
  <book year="1965"><title>Dune</title><tag>sf</tag></book>
</library>`
	var lib Library
	fmt.Println(xml.Unmarshal([]byte(src), &lib))
	for _, b := range lib.Books {
		fmt.Println(b.Year, b.Title, b.Tags)
	}
	dec := xml.NewDecoder(strings.NewReader(`<a x="1"><b>text<!-- c --></b><?pi data?><c/></a>`))
	for {
		tok, err := dec.Token()
		if err != nil {
			fmt.Println("end:", err)
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			fmt.Printf("start %s %v\n", t.Name.Local, t.Attr)
		case xml.EndElement:
			fmt.Printf("end %s\n", t.Name.Local)
		case xml.CharData:
			fmt.Printf("chardata %q\n", string(t))
		case xml.Comment:
			fmt.Printf("comment %q\n", string(t))
		case xml.ProcInst:
			fmt.Printf("procinst %s %q\n", t.Target, string(t.Inst))
		}
	}
	for _, bad := range []string{`<a><b></a>`, `<a x=1/>`, `<a>&bogus;</a>`, ``} {
		var v struct{}
		fmt.Println(xml.Unmarshal([]byte(bad), &v))
	}
	enc := xml.NewEncoder(os.Stdout)
	enc.Indent(">", "\t")
	enc.Encode(struct {
		XMLName xml.Name `xml:"cfg"`
		Port    int      `xml:"port"`
		Debug   bool     `xml:"debug,attr"`
	}{Port: 80, Debug: true})
	fmt.Println()
	var sb strings.Builder
	xml.EscapeText(&sb, []byte(`<"'&>`))
	fmt.Println(sb.String())
}

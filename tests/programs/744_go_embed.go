package main

// //go:embed of the program's own source as a string, a []byte (a writable copy) and an
// embed.FS (file list, contents, Stat, ReadDir).

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed 744_go_embed.go
var self string

//go:embed "744_go_embed.go"
var selfBytes []byte

//go:embed 744_go_embed.go
var files embed.FS

var (
	//go:embed 744_go_embed.go
	grouped string
)

func main() {
	fmt.Println(strings.HasPrefix(self, "package main"), len(self) == len(selfBytes), grouped == self)
	selfBytes[0] = 'P'
	fmt.Println(string(selfBytes[:12]), self[:12])
	ents, err := fs.ReadDir(files, ".")
	for _, e := range ents {
		fmt.Println(e.Name(), e.IsDir())
	}
	fmt.Println(err)
	data, err := files.ReadFile("744_go_embed.go")
	fmt.Println(string(data) == self, err)
	f, err := files.Open("744_go_embed.go")
	if err == nil {
		st, _ := f.Stat()
		fmt.Println(st.Name(), st.Size() == int64(len(self)), st.Mode())
	}
	_, err = files.Open("missing.txt")
	fmt.Println(err)
}

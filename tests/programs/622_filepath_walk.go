package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

func main() {
	root, err := os.MkdirTemp("", "walk")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(root)
	files := map[string]int{
		"a.txt":             10,
		"b/c.go":            200,
		"b/d/e.go":          30,
		"b/d/f.txt":         4,
		"b/zz/.hidden":      1,
		"g/h/i/j/k.md":      55,
		"g/readme":          0,
		"b/d/skip/ignored":  9,
		"b/d/skip/more/x.y": 9,
	}
	for name, size := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(strings.Repeat("z", size)), 0o644)
	}
	os.Mkdir(filepath.Join(root, "empty"), 0o755)
	total := int64(0)
	err = filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if info.IsDir() && info.Name() == "skip" {
			fmt.Println("skipdir", filepath.ToSlash(rel))
			return filepath.SkipDir
		}
		if info.IsDir() {
			fmt.Println("dir ", filepath.ToSlash(rel))
		} else {
			total += info.Size()
			fmt.Println("file", filepath.ToSlash(rel), info.Size())
		}
		return nil
	})
	fmt.Println("total", total, err)
	count := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if d.Name() == "g" {
			return fs.SkipDir
		}
		if strings.HasSuffix(p, ".go") {
			count++
		}
		if d.Name() == "e.go" {
			return fs.SkipAll
		}
		return nil
	})
	fmt.Println("go files before SkipAll:", count)
	fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		fmt.Print(p, ";")
		return nil
	})
	fmt.Println()
	for _, p := range []string{"a/b/../c", "/x//y/./z/", "", "..", "a/../../b", "./file.tar.gz"} {
		fmt.Printf("%q clean=%q base=%q dir=%q ext=%q abs=%v\n", p, filepath.Clean(p), filepath.Base(p), filepath.Dir(p), filepath.Ext(p), filepath.IsAbs(p))
	}
	d, f := filepath.Split("/usr/lib/libc.so")
	fmt.Println(d, f, filepath.Join("a", "", "b", "../c"), path.Join("/", "x"), filepath.VolumeName("/x"))
	for _, pat := range []string{"*.go", "a?c", "[a-c]*", "\\*", "[^x]y"} {
		for _, name := range []string{"main.go", "abc", "b", "*", "zy", "xy"} {
			ok, err := filepath.Match(pat, name)
			if ok || err != nil {
				fmt.Print(pat, "~", name, " ", err, "; ")
			}
		}
	}
	fmt.Println()
	r, err := filepath.Rel("/a/b", "/a/c/d")
	fmt.Println(r, err)
	_, err = filepath.Rel("a", "/b")
	fmt.Println(err)
	fmt.Println(filepath.SplitList("/bin:/usr/bin"), string(filepath.Separator), filepath.IsLocal("a/b"), filepath.IsLocal("../a"))
}

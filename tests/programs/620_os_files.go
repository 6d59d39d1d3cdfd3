package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func check(err error) {
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
}

func main() {
	dir, err := os.MkdirTemp("", "rgo-os-*")
	check(err)
	defer os.RemoveAll(dir)
	rel := func(p string) string {
		r, err := filepath.Rel(dir, p)
		check(err)
		return r
	}
	p := filepath.Join(dir, "hello.txt")
	check(os.WriteFile(p, []byte("hello, file\nsecond line\n"), 0o644))
	data, err := os.ReadFile(p)
	check(err)
	fmt.Printf("%q %d\n", data, len(data))
	st, err := os.Stat(p)
	check(err)
	fmt.Println(st.Name(), st.Size(), st.IsDir(), st.Mode().IsRegular(), st.Mode().Perm())
	f, err := os.Create(filepath.Join(dir, "created.bin"))
	check(err)
	n, err := f.Write([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	fmt.Println(n, err)
	n, err = f.WriteString("tail")
	fmt.Println(n, err)
	off, err := f.Seek(2, io.SeekStart)
	fmt.Println(off, err)
	f.Write([]byte{0xff})
	check(f.Close())
	n, err = f.Write([]byte("x"))
	fmt.Println(n, strings.ReplaceAll(err.Error(), dir, "$TMP"))
	f, err = os.Open(filepath.Join(dir, "created.bin"))
	check(err)
	buf := make([]byte, 4)
	n, err = f.Read(buf)
	fmt.Println(n, err, buf)
	n, err = f.ReadAt(buf, 10)
	fmt.Println(n, err, string(buf))
	rest, err := io.ReadAll(f)
	fmt.Println(len(rest), err)
	n, err = f.Read(buf)
	fmt.Println(n, err)
	f.Close()
	af, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	check(err)
	af.WriteString("appended\n")
	af.Close()
	data, _ = os.ReadFile(p)
	fmt.Printf("%q\n", data)
	check(os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	check(os.MkdirAll(filepath.Join(dir, "sub", "deep", "er"), 0o755))
	for i, name := range []string{"zeta.txt", "alpha.txt", "mid.log"} {
		check(os.WriteFile(filepath.Join(dir, "sub", name), make([]byte, (i+1)*100), 0o600))
	}
	entries, err := os.ReadDir(filepath.Join(dir, "sub"))
	check(err)
	for _, e := range entries {
		info, _ := e.Info()
		if e.IsDir() {
			fmt.Println(e.Name(), e.IsDir(), info.IsDir(), e.Type().IsDir())
		} else {
			fmt.Println(e.Name(), e.IsDir(), info.Size(), e.Type().IsDir())
		}
	}
	check(os.Rename(filepath.Join(dir, "sub", "mid.log"), filepath.Join(dir, "moved.log")))
	_, err = os.Stat(filepath.Join(dir, "sub", "mid.log"))
	fmt.Println(errors.Is(err, fs.ErrNotExist), os.IsNotExist(err))
	st, _ = os.Stat(filepath.Join(dir, "moved.log"))
	fmt.Println(st.Size())
	check(os.Remove(filepath.Join(dir, "moved.log")))
	err = os.Remove(filepath.Join(dir, "sub"))
	fmt.Println(err != nil)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		fmt.Println(pe.Op, rel(pe.Path), pe.Err)
	}
	_, err = os.ReadFile(filepath.Join(dir, "nope"))
	errors.As(err, &pe)
	fmt.Println(pe.Op, rel(pe.Path), pe.Err)
	check(os.Truncate(p, 5))
	data, _ = os.ReadFile(p)
	fmt.Printf("%q\n", data)
	check(os.Chmod(p, 0o400))
	st, _ = os.Lstat(p)
	fmt.Println(st.Mode())
	matches, _ := filepath.Glob(filepath.Join(dir, "sub", "*.txt"))
	for _, m := range matches {
		fmt.Println("glob:", rel(m))
	}
	fsys := os.DirFS(dir)
	b, err := fs.ReadFile(fsys, "sub/alpha.txt")
	fmt.Println(len(b), err)
	names, _ := fs.Glob(fsys, "*")
	fmt.Println(names)
	check(os.RemoveAll(dir))
	_, err = os.Stat(dir)
	fmt.Println(os.IsNotExist(err))
}

package main

//go:noinline
func nilPtrFunc() *[4]int { return nil }

var nilPtrVar *[4]int

func try(name string, f func()) {
	defer func() { println(name, recover() != nil) }()
	f()
}

func main() {
	try("len1", func() { _ = len(*nilPtrFunc()) })
	try("len2", func() { _ = len(nilPtrFunc()) })
	try("len3", func() { _ = len(*nilPtrVar) })
	try("len4", func() { _ = len(nilPtrVar) })
	try("r1", func() { for range *nilPtrFunc() {} })
	try("r2", func() { for range nilPtrFunc() {} })
	try("r3", func() { for range *nilPtrVar {} })
	try("r4", func() { for range nilPtrVar {} })
	try("r5", func() { s := 0; for i, _ := range nilPtrVar { s += i }; println(s) })
	try("r6", func() { s := 0; for i := range *nilPtrVar { s += i }; println(s) })
	try("r7", func() { s := 0; for i, _ := range *nilPtrVar { s += i }; println(s) })
	try("r8", func() { s := 0; for i, _ := range *nilPtrFunc() { s += i }; println(s) })
	try("r9", func() { s := 0; for _, v := range nilPtrVar { s += v }; println(s) })
}

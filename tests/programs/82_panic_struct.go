package main

type Failure struct {
	Code int
	Msg  string
}

func main() {
	f := Failure{Code: 7, Msg: "broken"}
	println(f.Code, f.Msg)
	panic(f)
}

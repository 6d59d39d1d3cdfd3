package main

func main() {
	var x interface{} = 1
	switch x.(type) { case int: println("int") case string: println("s") }
	switch y := x.(type) { case int: println(y) default: println("d") }
	switch 1 { case 1: println(1) case 2: println(2); case 3: }
	switch {
	case true: println(1); default: println(0) }
	c := make(chan int)
	select { case <-c: println("c") default: println("d") }
	select { case v := <-c: println(v); case c <- 1: }
}

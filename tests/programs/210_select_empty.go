package main

func main() {
	done := make(chan bool)
	go func() {
		println("goroutine ran")
		done <- true
	}()
	<-done
	select {}
}

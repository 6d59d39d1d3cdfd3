package main

func main() {
	c := make(chan bool)
	done := make(chan bool)
	go func() {
		for range c {
		}
		done <- true
	}()
	c <- true
	close(c)
	<-done
	close(c)
}

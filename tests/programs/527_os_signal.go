package main

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1, syscall.SIGINT)
	go func() {
		time.Sleep(5 * time.Millisecond)
		syscall.Kill(os.Getpid(), syscall.SIGUSR1)
	}()
	s := <-c
	println("got", s.String())
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	s = <-c
	println("got", s.String())
	signal.Ignore(syscall.SIGUSR2)
	println(signal.Ignored(syscall.SIGUSR2))
	syscall.Kill(os.Getpid(), syscall.SIGUSR2)
	signal.Stop(c)
	signal.Reset()
	println("done")
}

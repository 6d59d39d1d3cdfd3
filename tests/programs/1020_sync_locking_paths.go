package main

// The locking paths of channels, select, semaphores and sync.Cond: selects whose cases
// repeat a channel or name many channels (each locked once, in address order), selects
// that park and are completed by a sender or by close, semaphore waiters served in order,
// Cond.Signal and Broadcast. The output does not depend on scheduling.

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	// A select naming one channel in several cases, receive and send.
	c := make(chan int, 1)
	c <- 7
	n := 0
	for i := 0; i < 100; i++ {
		select {
		case v := <-c:
			n += v
			c <- v
		case w := <-c:
			n += w
			c <- w
		case c <- 1:
			n += 1000
		}
	}
	fmt.Println("repeated cases:", n)

	// A select over 64 channels parks; a sender completes one case, the rest are withdrawn.
	chans := make([]chan int, 64)
	for i := range chans {
		chans[i] = make(chan int)
	}
	got := make(chan int)
	go func() {
		for round := 0; round < 64; round++ {
			v, idx := selectMany(chans)
			got <- v*100 + idx
		}
	}()
	sum := 0
	for i := range chans {
		chans[63-i] <- i
		r := <-got
		if r%100 != 63-i {
			fmt.Println("wrong case", r)
		}
		sum += r / 100
	}
	fmt.Println("many channels:", sum)

	// A parked select woken by close.
	done := make(chan struct{})
	res := make(chan string)
	go func() {
		select {
		case <-done:
			res <- "closed"
		case <-chans[0]:
			res <- "value"
		}
	}()
	time.Sleep(time.Millisecond)
	close(done)
	fmt.Println("select woken by:", <-res)

	// Mutex waiters and a WaitGroup.
	var mu sync.Mutex
	var wg sync.WaitGroup
	total := 0
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				mu.Lock()
				total++
				if i%10 == 0 {
					time.Sleep(10 * time.Microsecond)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("mutex total:", total)

	// sync.Cond: Signal wakes one waiter at a time, Broadcast the rest.
	var cmu sync.Mutex
	cond := sync.NewCond(&cmu)
	ready := 0
	woken := 0
	var cwg sync.WaitGroup
	for g := 0; g < 10; g++ {
		cwg.Add(1)
		go func() {
			defer cwg.Done()
			cmu.Lock()
			ready++
			for woken == 0 {
				cond.Wait()
			}
			woken++
			cmu.Unlock()
		}()
	}
	for {
		cmu.Lock()
		r := ready
		cmu.Unlock()
		if r == 10 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cmu.Lock()
	woken = 1
	cond.Signal()
	cmu.Unlock()
	cmu.Lock()
	cond.Broadcast()
	cmu.Unlock()
	cwg.Wait()
	fmt.Println("cond woken:", woken-1)
}

// selectMany receives from whichever of the 64 channels is ready, with a select of 64 cases
// (one select statement of 64 cases).
func selectMany(cs []chan int) (int, int) {
	select {
	case v := <-cs[0]:
		return v, 0
	case v := <-cs[1]:
		return v, 1
	case v := <-cs[2]:
		return v, 2
	case v := <-cs[3]:
		return v, 3
	case v := <-cs[4]:
		return v, 4
	case v := <-cs[5]:
		return v, 5
	case v := <-cs[6]:
		return v, 6
	case v := <-cs[7]:
		return v, 7
	case v := <-cs[8]:
		return v, 8
	case v := <-cs[9]:
		return v, 9
	case v := <-cs[10]:
		return v, 10
	case v := <-cs[11]:
		return v, 11
	case v := <-cs[12]:
		return v, 12
	case v := <-cs[13]:
		return v, 13
	case v := <-cs[14]:
		return v, 14
	case v := <-cs[15]:
		return v, 15
	case v := <-cs[16]:
		return v, 16
	case v := <-cs[17]:
		return v, 17
	case v := <-cs[18]:
		return v, 18
	case v := <-cs[19]:
		return v, 19
	case v := <-cs[20]:
		return v, 20
	case v := <-cs[21]:
		return v, 21
	case v := <-cs[22]:
		return v, 22
	case v := <-cs[23]:
		return v, 23
	case v := <-cs[24]:
		return v, 24
	case v := <-cs[25]:
		return v, 25
	case v := <-cs[26]:
		return v, 26
	case v := <-cs[27]:
		return v, 27
	case v := <-cs[28]:
		return v, 28
	case v := <-cs[29]:
		return v, 29
	case v := <-cs[30]:
		return v, 30
	case v := <-cs[31]:
		return v, 31
	case v := <-cs[32]:
		return v, 32
	case v := <-cs[33]:
		return v, 33
	case v := <-cs[34]:
		return v, 34
	case v := <-cs[35]:
		return v, 35
	case v := <-cs[36]:
		return v, 36
	case v := <-cs[37]:
		return v, 37
	case v := <-cs[38]:
		return v, 38
	case v := <-cs[39]:
		return v, 39
	case v := <-cs[40]:
		return v, 40
	case v := <-cs[41]:
		return v, 41
	case v := <-cs[42]:
		return v, 42
	case v := <-cs[43]:
		return v, 43
	case v := <-cs[44]:
		return v, 44
	case v := <-cs[45]:
		return v, 45
	case v := <-cs[46]:
		return v, 46
	case v := <-cs[47]:
		return v, 47
	case v := <-cs[48]:
		return v, 48
	case v := <-cs[49]:
		return v, 49
	case v := <-cs[50]:
		return v, 50
	case v := <-cs[51]:
		return v, 51
	case v := <-cs[52]:
		return v, 52
	case v := <-cs[53]:
		return v, 53
	case v := <-cs[54]:
		return v, 54
	case v := <-cs[55]:
		return v, 55
	case v := <-cs[56]:
		return v, 56
	case v := <-cs[57]:
		return v, 57
	case v := <-cs[58]:
		return v, 58
	case v := <-cs[59]:
		return v, 59
	case v := <-cs[60]:
		return v, 60
	case v := <-cs[61]:
		return v, 61
	case v := <-cs[62]:
		return v, 62
	case v := <-cs[63]:
		return v, 63
	}
}

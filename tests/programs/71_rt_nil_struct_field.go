package main

type Node struct {
	val  int
	next *Node
}

func length(n *Node) int {
	c := 0
	for n != nil {
		c++
		n = n.next
	}
	return c
}

func main() {
	list := &Node{1, &Node{2, &Node{3, nil}}}
	println(length(list))
	third := list.next.next
	println(third.val)
	println(third.next.val)
}

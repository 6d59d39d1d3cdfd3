// binary-trees from the Computer Language Benchmarks Game (single-threaded form): allocates and
// drops tree nodes while a long-lived tree stays reachable, so it measures the allocator and the
// garbage collector (peak RSS and time). The Benchmarks Game's depth is 21 (`binarytrees 21`),
// which `bench` passes (`--bt-depth N` changes it); without an argument the depth is 18.
package main

import "os"

type Node struct{ left, right *Node }

func bottomUpTree(depth int) *Node {
	if depth <= 0 {
		return &Node{}
	}
	return &Node{bottomUpTree(depth - 1), bottomUpTree(depth - 1)}
}

func (n *Node) itemCheck() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.itemCheck() + n.right.itemCheck()
}

func main() {
	n := 18
	if len(os.Args) > 1 {
		n = 0
		for _, c := range os.Args[1] {
			n = n*10 + int(c-'0')
		}
	}
	minDepth := 4
	maxDepth := n
	if minDepth+2 > n {
		maxDepth = minDepth + 2
	}
	stretch := maxDepth + 1
	println("stretch tree of depth", stretch, "\t check:", bottomUpTree(stretch).itemCheck())
	longLived := bottomUpTree(maxDepth)
	for d := minDepth; d <= maxDepth; d += 2 {
		iters := 1 << uint(maxDepth-d+minDepth)
		check := 0
		for i := 0; i < iters; i++ {
			check += bottomUpTree(d).itemCheck()
		}
		println(iters, "\t trees of depth", d, "\t check:", check)
	}
	println("long lived tree of depth", maxDepth, "\t check:", longLived.itemCheck())
}

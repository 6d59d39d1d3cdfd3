package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode"
)

const text = `It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness,
it was the spring of hope, it was the winter of despair, we had everything
before us, we had nothing before us, we were all going direct to Heaven, we were
all going direct the other way -- in short, the period was so far like the
present period, that some of its noisiest authorities insisted on its being
received, for good or for evil, in the superlative degree of comparison only.

There were a king with a large jaw and a queen with a plain face, on the throne
of England; there were a king with a large jaw and a queen with a fair face, on
the throne of France. In both countries it was clearer than crystal to the lords
of the State preserves of loaves and fishes, that things in general were settled
for ever. Naïve café déjà-vu façade — übermäßig!`

type entry struct {
	word  string
	count int
}

func main() {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Split(bufio.ScanWords)
	freq := map[string]int{}
	lengths := map[int]int{}
	total := 0
	for sc.Scan() {
		w := strings.ToLower(strings.TrimFunc(sc.Text(), func(r rune) bool { return !unicode.IsLetter(r) }))
		if w == "" {
			continue
		}
		freq[w]++
		lengths[len([]rune(w))]++
		total++
	}
	entries := make([]entry, 0, len(freq))
	for w, c := range freq {
		entries = append(entries, entry{w, c})
	}
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].count != entries[j].count {
			return entries[i].count > entries[j].count
		}
		return entries[i].word < entries[j].word
	})
	fmt.Printf("%d words, %d distinct\n", total, len(freq))
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rank\tword\tcount\tshare\t")
	for i, e := range entries[:15] {
		fmt.Fprintf(tw, "%d\t%s\t%d\t%.1f%%\t\n", i+1, e.word, e.count, 100*float64(e.count)/float64(total))
	}
	tw.Flush()
	ls := make([]int, 0, len(lengths))
	for l := range lengths {
		ls = append(ls, l)
	}
	sort.Ints(ls)
	for _, l := range ls {
		fmt.Printf("%2d %-30s %d\n", l, strings.Repeat("#", lengths[l]), lengths[l])
	}
	var once []string
	for _, e := range entries {
		if e.count == 1 && len(e.word) > 8 {
			once = append(once, e.word)
		}
	}
	fmt.Println(once)
}

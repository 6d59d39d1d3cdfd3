package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

type Align int

const (
	Left Align = iota
	Right
	Center
)

type Column struct {
	Title string
	Align Align
}

type Table struct {
	Cols []Column
	Rows [][]string
}

func pad(s string, w int, a Align) string {
	n := utf8.RuneCountInString(s)
	if n >= w {
		return s
	}
	gap := w - n
	switch a {
	case Right:
		return strings.Repeat(" ", gap) + s
	case Center:
		l := gap / 2
		return strings.Repeat(" ", l) + s + strings.Repeat(" ", gap-l)
	}
	return s + strings.Repeat(" ", gap)
}

func (t *Table) Render() string {
	widths := make([]int, len(t.Cols))
	for i, c := range t.Cols {
		widths[i] = utf8.RuneCountInString(c.Title)
	}
	for _, r := range t.Rows {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	var sb strings.Builder
	line := func(l, m, r string) {
		sb.WriteString(l)
		for i, w := range widths {
			if i > 0 {
				sb.WriteString(m)
			}
			sb.WriteString(strings.Repeat("─", w+2))
		}
		sb.WriteString(r + "\n")
	}
	row := func(cells []string, header bool) {
		sb.WriteString("│")
		for i, w := range widths {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			a := t.Cols[i].Align
			if header {
				a = Center
			}
			sb.WriteString(" " + pad(c, w, a) + " │")
		}
		sb.WriteString("\n")
	}
	line("┌", "┬", "┐")
	titles := make([]string, len(t.Cols))
	for i, c := range t.Cols {
		titles[i] = c.Title
	}
	row(titles, true)
	line("├", "┼", "┤")
	for _, r := range t.Rows {
		row(r, false)
	}
	line("└", "┴", "┘")
	return sb.String()
}

type Planet struct {
	Name     string
	Mass     float64
	Radius   float64
	Moons    int
	Distance float64
}

func main() {
	planets := []Planet{
		{"Mercury", 0.330, 2439.7, 0, 57.9},
		{"Venus", 4.87, 6051.8, 0, 108.2},
		{"Earth", 5.97, 6371.0, 1, 149.6},
		{"Mars", 0.642, 3389.5, 2, 227.9},
		{"Jupiter", 1898, 69911, 95, 778.5},
		{"Saturn", 568, 58232, 146, 1432.0},
		{"Uranus", 86.8, 25362, 28, 2867.0},
		{"Neptune", 102, 24622, 16, 4515.0},
	}
	t := Table{Cols: []Column{{"#", Right}, {"Planet", Left}, {"Mass (10²⁴kg)", Right}, {"Radius km", Right}, {"Moons", Center}, {"AU", Right}}}
	var totalMass float64
	totalMoons := 0
	for i, p := range planets {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), p.Name, fmt.Sprintf("%.3g", p.Mass), fmt.Sprintf("%.1f", p.Radius), fmt.Sprint(p.Moons), fmt.Sprintf("%.2f", p.Distance/149.6)})
		totalMass += p.Mass
		totalMoons += p.Moons
	}
	t.Rows = append(t.Rows, []string{"", "Σ", fmt.Sprintf("%.4g", totalMass), "", fmt.Sprint(totalMoons), ""})
	fmt.Print(t.Render())
	fmt.Printf("|%-10s|%10s|%-10.3f|%10.2e|%+5d|%05d|%x|\n", "left", "right", 3.14159, 123456.789, 42, 42, "hex")
	fmt.Printf("|%6.2f%%|%-8q|%8v|%-8t|\n", 99.5, "q", []int{1, 2}, true)
	for i := 1; i <= 12; i++ {
		for j := 1; j <= 12; j++ {
			fmt.Printf("%4d", i*j)
		}
		fmt.Println()
	}
	money := []float64{0, 1, -1234.5, 1234567.891, 0.005, 999.995}
	for _, m := range money {
		fmt.Printf("[%s]\n", formatMoney(m))
	}
}

func formatMoney(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := fmt.Sprintf("%.2f", v)
	intPart, frac, _ := strings.Cut(s, ".")
	var out []byte
	for i := range len(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, intPart[i])
	}
	res := "$" + string(out) + "." + frac
	if neg {
		res = "-" + res
	}
	return fmt.Sprintf("%15s", res)
}

package main

import (
	"bufio"
	"fmt"
	"slices"
	"sort"
	"strings"
)

type Room struct {
	Name  string
	Desc  string
	Exits map[string]string
	Items []string
	Lock  string
}

type Game struct {
	Rooms     map[string]*Room
	Here      string
	Inventory []string
	Moves     int
	Score     int
	Over      bool
	visited   map[string]bool
}

func NewGame() *Game {
	rooms := map[string]*Room{
		"hall":    {Name: "Hall", Desc: "A dusty hall.", Exits: map[string]string{"north": "library", "east": "kitchen"}, Items: []string{"lamp"}},
		"library": {Name: "Library", Desc: "Shelves of old books.", Exits: map[string]string{"south": "hall", "up": "attic"}, Items: []string{"book", "key"}},
		"kitchen": {Name: "Kitchen", Desc: "Smells of bread.", Exits: map[string]string{"west": "hall", "down": "cellar"}, Items: []string{"bread"}},
		"cellar":  {Name: "Cellar", Desc: "Dark and damp.", Exits: map[string]string{"up": "kitchen"}, Items: []string{"treasure"}, Lock: "lamp"},
		"attic":   {Name: "Attic", Desc: "Cobwebs everywhere.", Exits: map[string]string{"down": "library"}, Items: nil, Lock: "key"},
	}
	return &Game{Rooms: rooms, Here: "hall", visited: map[string]bool{"hall": true}}
}

func (g *Game) look() string {
	r := g.Rooms[g.Here]
	exits := make([]string, 0, len(r.Exits))
	for d := range r.Exits {
		exits = append(exits, d)
	}
	sort.Strings(exits)
	s := fmt.Sprintf("%s: %s Exits: %s.", r.Name, r.Desc, strings.Join(exits, ", "))
	if len(r.Items) > 0 {
		s += " You see: " + strings.Join(r.Items, ", ") + "."
	}
	return s
}

func (g *Game) do(line string) string {
	words := strings.Fields(strings.ToLower(line))
	if len(words) == 0 {
		return "Say something."
	}
	g.Moves++
	verb, obj := words[0], ""
	if len(words) > 1 {
		obj = words[1]
	}
	r := g.Rooms[g.Here]
	switch verb {
	case "look", "l":
		return g.look()
	case "go", "n", "s", "e", "w", "u", "d":
		if verb != "go" {
			obj = map[string]string{"n": "north", "s": "south", "e": "east", "w": "west", "u": "up", "d": "down"}[verb]
		}
		dest, ok := r.Exits[obj]
		if !ok {
			return "You can't go " + obj + "."
		}
		if need := g.Rooms[dest].Lock; need != "" && !slices.Contains(g.Inventory, need) {
			return fmt.Sprintf("You need the %s to go there.", need)
		}
		g.Here = dest
		if !g.visited[dest] {
			g.visited[dest] = true
			g.Score += 5
		}
		return g.look()
	case "take", "get":
		i := slices.Index(r.Items, obj)
		if i < 0 {
			return "No " + obj + " here."
		}
		r.Items = slices.Delete(r.Items, i, i+1)
		g.Inventory = append(g.Inventory, obj)
		if obj == "treasure" {
			g.Score += 50
		}
		return "Taken: " + obj + "."
	case "drop":
		i := slices.Index(g.Inventory, obj)
		if i < 0 {
			return "You don't have " + obj + "."
		}
		g.Inventory = slices.Delete(g.Inventory, i, i+1)
		r.Items = append(r.Items, obj)
		return "Dropped."
	case "eat":
		if obj == "bread" && slices.Contains(g.Inventory, "bread") {
			g.Inventory = slices.DeleteFunc(g.Inventory, func(s string) bool { return s == "bread" })
			g.Score++
			return "Delicious."
		}
		return "You can't eat that."
	case "inventory", "i":
		if len(g.Inventory) == 0 {
			return "You carry nothing."
		}
		inv := slices.Clone(g.Inventory)
		slices.Sort(inv)
		return "You carry: " + strings.Join(inv, ", ") + "."
	case "quit":
		g.Over = true
		return fmt.Sprintf("Bye. Score %d in %d moves.", g.Score, g.Moves)
	}
	g.Moves--
	return fmt.Sprintf("I don't know how to %q.", verb)
}

const script = `look
take lamp
go west
n
take key
take book
i
up
look
d
s
e
take bread
eat bread
eat bread
d
take treasure
drop book
look
dance wildly

inventory
quit
look`

func main() {
	g := NewGame()
	sc := bufio.NewScanner(strings.NewReader(script))
	for sc.Scan() && !g.Over {
		fmt.Printf("> %s\n%s\n", sc.Text(), g.do(sc.Text()))
	}
	visited := make([]string, 0)
	for r := range g.visited {
		visited = append(visited, r)
	}
	sort.Strings(visited)
	fmt.Println("visited:", visited, "score:", g.Score, "moves:", g.Moves)
}

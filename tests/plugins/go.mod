module rgo.test/plugins

go 1.27

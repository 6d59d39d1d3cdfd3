module example.com/testcmd

go 1.27

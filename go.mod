module github.com/tasrih/tasrih

go 1.26.8

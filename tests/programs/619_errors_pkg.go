package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
)

type NotFoundError struct {
	Key string
}

func (e *NotFoundError) Error() string { return "not found: " + e.Key }

type TempError struct {
	Op  string
	Err error
}

func (e TempError) Error() string   { return e.Op + ": " + e.Err.Error() }
func (e TempError) Unwrap() error   { return e.Err }
func (e TempError) Temporary() bool { return true }

type codeErr int

func (c codeErr) Error() string { return "code " + strconv.Itoa(int(c)) }
func (c codeErr) Is(target error) bool {
	t, ok := target.(codeErr)
	return ok && (t == 0 || t == c)
}

var ErrBase = errors.New("base failure")

func lookup(k string) error {
	if k == "" {
		return ErrBase
	}
	return TempError{"lookup", &NotFoundError{k}}
}

func main() {
	e := lookup("x")
	fmt.Println(e)
	var nf *NotFoundError
	fmt.Println(errors.As(e, &nf), nf.Key)
	var te TempError
	fmt.Println(errors.As(e, &te), te.Op)
	var tmp interface{ Temporary() bool }
	fmt.Println(errors.As(e, &tmp), tmp.Temporary())
	fmt.Println(errors.Is(lookup(""), ErrBase), errors.Is(e, ErrBase))
	w := fmt.Errorf("ctx: %w", fmt.Errorf("mid: %w", ErrBase))
	fmt.Println(w, errors.Is(w, ErrBase), errors.Unwrap(errors.Unwrap(w)) == ErrBase)
	j := errors.Join(ErrBase, nil, io.EOF, codeErr(7))
	fmt.Printf("%v\n%q\n", j, j.Error())
	fmt.Println(errors.Is(j, io.EOF), errors.Is(j, codeErr(7)), errors.Is(j, codeErr(0)), errors.Is(j, codeErr(8)))
	fmt.Println(errors.Join(nil, nil) == nil, errors.Unwrap(j) == nil)
	if u, ok := j.(interface{ Unwrap() []error }); ok {
		fmt.Println(len(u.Unwrap()))
	}
	multi := fmt.Errorf("multi: %w; %w", &NotFoundError{"a"}, codeErr(3))
	var ce codeErr
	fmt.Println(errors.As(multi, &nf), nf.Key, errors.As(multi, &ce), ce)
	_, err := os.Open("/nonexistent/definitely/missing")
	fmt.Println(err, errors.Is(err, fs.ErrNotExist), errors.Is(err, os.ErrNotExist))
	var pe *fs.PathError
	if errors.As(err, &pe) {
		fmt.Println(pe.Op, pe.Path, pe.Err)
	}
	_, err = strconv.Atoi("x1")
	fmt.Println(errors.Is(err, strconv.ErrSyntax), errors.Unwrap(err))
	var nilErr *NotFoundError
	var asErr error = nilErr
	fmt.Println(asErr == nil, nilErr == nil)
	fmt.Println(errors.Is(nil, ErrBase), errors.Is(ErrBase, nil), errors.Is(nil, nil))
	e1 := errors.New("same")
	e2 := errors.New("same")
	fmt.Println(e1 == e2, errors.Is(e1, e2), e1.Error() == e2.Error())
	fmt.Println(errors.ErrUnsupported)
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		err, ok := r.(error)
		fmt.Println(ok, err)
	}()
	var arr []int
	_ = arr[5]
}

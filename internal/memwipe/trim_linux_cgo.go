//go:build linux && cgo

package memwipe

/*
#include <malloc.h>

static void tasrih_malloc_trim(void) { malloc_trim(0); }
static int tasrih_perturb(int b) { return mallopt(M_PERTURB, b); }
*/
import "C"

const cTrim = true

// perturbByte is what glibc writes over every block the C heap frees (and
// the complement over every block it hands out), M_PERTURB.
const perturbByte = 0xA5

// From the start of the process (package initialisation, before GTK and
// WebKit allocate), every block freed in the C heap is overwritten: what
// WebKit's UI-process side and GLib copied from the page (messages,
// scripts) does not outlive its free even in a page malloc_trim cannot give
// back. A few percent of the C heap's speed.
func init() { C.tasrih_perturb(perturbByte) }

// trimC gives the free pages of glibc's heaps (every arena) back to the
// kernel: malloc_trim(0) also madvises the free whole pages inside them.
func trimC() { C.tasrih_malloc_trim() }

//go:build linux && cgo && webkit2_41 && !headless

package app

/*
#cgo pkg-config: gtk+-3.0 webkit2gtk-4.1
#include <stdlib.h>
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

// A call run on the GTK main thread (where Wails runs gtk_main) while the
// calling goroutine waits. Reference-counted: a caller that gives up
// waiting (timeout) leaves the call to free itself once it has run.
typedef struct {
	gint refs;
	GMutex mu;
	GCond cond;
	gboolean done;
	int reset;      // 0: read the page's URI; 1: new web process on uri
	char *uri;      // in (reset) or out (read)
	int views;      // WebKitWebViews found
} tasrih_call;

static void tasrih_unref(tasrih_call *c) {
	if (!g_atomic_int_dec_and_test(&c->refs)) return;
	g_mutex_clear(&c->mu);
	g_cond_clear(&c->cond);
	g_free(c->uri);
	g_free(c);
}

typedef struct {
	WebKitWebView *view;
	int n;
} tasrih_found;

static void tasrih_walk(GtkWidget *w, gpointer data) {
	tasrih_found *f = data;
	if (WEBKIT_IS_WEB_VIEW(w)) {
		f->view = WEBKIT_WEB_VIEW(w);
		f->n++;
		return;
	}
	if (GTK_IS_CONTAINER(w)) gtk_container_forall(GTK_CONTAINER(w), tasrih_walk, data);
}

// The web views of this process's toplevel windows (Wails v2 has one).
static tasrih_found tasrih_find(void) {
	tasrih_found f = {NULL, 0};
	GList *tops = gtk_window_list_toplevels();
	for (GList *l = tops; l != NULL; l = l->next) tasrih_walk(GTK_WIDGET(l->data), &f);
	g_list_free(tops);
	return f;
}

static gboolean tasrih_on_main(gpointer p) {
	tasrih_call *c = p;
	tasrih_found f = tasrih_find();
	c->views = f.n;
	if (f.n == 1) {
		if (c->reset) {
			// The process that ran the unlocked page ends (its memory
			// with it); loading the start page starts a new one, with
			// the same user content manager (Wails' message handler)
			// and the same wails:// scheme handler (both live here, in
			// the UI process).
			webkit_web_view_terminate_web_process(f.view);
			webkit_web_view_load_uri(f.view, c->uri);
		} else {
			const char *u = webkit_web_view_get_uri(f.view);
			c->uri = g_strdup(u != NULL ? u : "");
		}
	}
	g_mutex_lock(&c->mu);
	c->done = TRUE;
	g_cond_signal(&c->cond);
	g_mutex_unlock(&c->mu);
	tasrih_unref(c);
	return G_SOURCE_REMOVE;
}

// tasrih_run runs c on the main thread and waits up to timeout_ms for it;
// 1 when it ran. The idle priority keeps it behind the scripts Wails queued
// before it (the lock event), which it also queues with g_idle_add.
static int tasrih_run(tasrih_call *c, int timeout_ms) {
	g_mutex_init(&c->mu);
	g_cond_init(&c->cond);
	c->refs = 2;
	if (g_main_context_is_owner(g_main_context_default())) {
		tasrih_on_main(c);
	} else {
		g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, tasrih_on_main, c, NULL);
	}
	gint64 end = g_get_monotonic_time() + (gint64)timeout_ms * G_TIME_SPAN_MILLISECOND;
	g_mutex_lock(&c->mu);
	while (!c->done) {
		if (!g_cond_wait_until(&c->cond, &c->mu, end)) break;
	}
	int done = c->done;
	g_mutex_unlock(&c->mu);
	return done;
}

static tasrih_call *tasrih_new(int reset, const char *uri) {
	tasrih_call *c = g_new0(tasrih_call, 1);
	c->reset = reset;
	if (uri != NULL) c->uri = g_strdup(uri);
	return c;
}

static const char *tasrih_uri(tasrih_call *c) { return c->uri; }
static int tasrih_views(tasrih_call *c) { return c->views; }
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// nativeViewExpected: in this build the web process is replaced after a
// lock; not reaching the web view is a failure worth a line on stderr.
const nativeViewExpected = true

// mainThreadWait bounds the wait for the GTK main thread (busy with a
// dialog, or not running yet or any more).
const mainThreadWait = 5000 // ms

var errMainThread = errors.New("app: the GTK main thread did not answer")

// onMain runs a call on the GTK main thread: reset=false returns the page's
// URI, reset=true ends the web process and loads uri in a new one.
func onMain(reset bool, uri string) (string, error) {
	var cu *C.char
	if reset {
		cu = C.CString(uri)
		defer C.free(unsafe.Pointer(cu))
	}
	r := C.int(0)
	if reset {
		r = 1
	}
	c := C.tasrih_new(r, cu)
	defer C.tasrih_unref(c)
	if C.tasrih_run(c, mainThreadWait) == 0 {
		return "", errMainThread
	}
	if n := C.tasrih_views(c); n != 1 {
		return "", fmt.Errorf("%w (%d web views)", errNoNativeView, int(n))
	}
	if reset {
		return "", nil
	}
	return C.GoString(C.tasrih_uri(c)), nil
}

// resetNativeView replaces the window's web process after a lock for
// reason: the page's URI is read, then on the main thread the web process
// is terminated and the start page (resetURI) loaded in a new one, which
// shows the unlock screen.
func resetNativeView(reason string) error {
	cur, err := onMain(false, "")
	if err != nil {
		return err
	}
	next, err := resetURI(cur, reason)
	if err != nil {
		return err
	}
	_, err = onMain(true, next)
	return err
}

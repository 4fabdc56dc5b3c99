package backup

import (
	"context"
	"errors"
	"io"

	"github.com/tasrih/tasrih/internal/i18n"
)

// Progress and cancellation, shared by the writer (WriteContext, counted in
// records) and the restore (RestoreContext, counted in bytes).

// CodeCancelled is the code of a backup or a restore stopped by its context:
// nothing changed (no file written, or the data as it was).
const CodeCancelled = "backup.cancelled"

var (
	msgCancelled = i18n.Text{
		FR: "restauration annulée : les données n'ont pas changé",
		AR: "أُلغي الاسترجاع: لم تتغير البيانات",
		EN: "restore cancelled: the data did not change",
	}
	msgWriteCancelled = i18n.Text{
		FR: "sauvegarde annulée : aucun fichier n'a été écrit",
		AR: "أُلغيت النسخة الاحتياطية: لم يُكتب أي ملف",
		EN: "backup cancelled: no file was written",
	}
)

// cancelled returns err as backup.cancelled (with msg) when ctx is done, err
// otherwise. The result is in the chain of ctx.Err().
func cancelled(ctx context.Context, err error, msg i18n.Text) error {
	if err == nil || ctx.Err() == nil {
		return err
	}
	var ue *i18n.Error
	if errors.As(err, &ue) && ue.Code == CodeCancelled {
		return err
	}
	return i18n.Wrap(ctx.Err(), CodeCancelled, msg)
}

// meter reports the progress of one operation and stops it when its context
// is done. done only grows; a report is sent when it moved by step or more
// since the last one, and always for the first and the final one.
type meter struct {
	ctx      context.Context
	progress func(done, total int64) // nil: none
	step     int64
	total    int64 // -1: unknown yet
	last     int64
	sent     bool
}

// at records that done units (of total) are done; it fails with ctx.Err()
// once the context is done.
func (m *meter) at(done int64, final bool) error {
	if err := m.ctx.Err(); err != nil {
		return err
	}
	if m.progress != nil && (final || !m.sent || done-m.last >= m.step) {
		m.last, m.sent = done, true
		m.progress(done, m.total)
	}
	return nil
}

// progressReader passes the bytes of r to its meter, from base on.
type progressReader struct {
	m    *meter
	r    io.Reader
	base int64
	n    int64
}

func (p *progressReader) Read(b []byte) (int, error) {
	if err := p.m.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.r.Read(b)
	p.n += int64(n)
	if merr := p.m.at(p.base+p.n, err == io.EOF); merr != nil && err == nil {
		err = merr
	}
	return n, err
}

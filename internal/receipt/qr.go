package receipt

import (
	"strings"

	"rsc.io/qr"
)

// QRPayload is the text of a receipt's QR code:
//
//	TASRIH|ACK=<acknowledgement number>|SHA256=<64 lower-case hex digits>
//
// In the acknowledgement number, "%", "|" and every byte outside the
// printable ASCII range (space included) are percent-encoded (RFC 3986
// style, "%7C" for "|"), so that the fields always split on "|". The
// acknowledgement number of a manual deposit is the deposit reference the
// user recorded.
func QRPayload(ack, sha256 string) string {
	return "TASRIH|ACK=" + qrEscape(ack) + "|SHA256=" + strings.ToLower(sha256)
}

func qrEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7F || c == '%' || c == '|' {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// qrRun is a horizontal run of n dark modules from (x, y).
type qrRun struct{ x, y, n int }

// qrMatrix encodes payload (error correction level M) and returns the size
// of the symbol in modules and its dark modules as horizontal runs.
func qrMatrix(payload string) (size int, runs []qrRun, err error) {
	code, err := qr.Encode(payload, qr.M)
	if err != nil {
		return 0, nil, err
	}
	for y := 0; y < code.Size; y++ {
		for x := 0; x < code.Size; {
			if !code.Black(x, y) {
				x++
				continue
			}
			start := x
			for x < code.Size && code.Black(x, y) {
				x++
			}
			runs = append(runs, qrRun{start, y, x - start})
		}
	}
	return code.Size, runs, nil
}

// drawQR draws the QR code of payload as vector shapes in the square of side
// `side` at (x, y), the 4-module quiet zone included: every run of dark
// modules is a rectangle, all filled as one path (no seams between modules
// in a rendering). It returns the number of rectangles.
func (d *doc) drawQR(x, y, side float64, payload string) (int, error) {
	size, runs, err := qrMatrix(payload)
	if err != nil {
		return 0, err
	}
	if d.rtl {
		x = pageW - x - side
	}
	m := side / float64(size+8)
	x0, y0 := x+4*m, y+4*m
	p := d.p
	p.SetFillColor(0, 0, 0)
	for _, r := range runs {
		rx, ry := x0+float64(r.x)*m, y0+float64(r.y)*m
		w := float64(r.n) * m
		p.MoveTo(rx, ry)
		p.LineTo(rx+w, ry)
		p.LineTo(rx+w, ry+m)
		p.LineTo(rx, ry+m)
		p.ClosePath()
	}
	p.DrawPath("F")
	return len(runs), nil
}

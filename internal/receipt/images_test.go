package receipt

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Rendered pages compared with golden images: a broken shaping, a reversed
// number or an unmirrored table moves ink that the text comparison may not
// see (pdftotext puts right-to-left text back in logical order).
const (
	imageDPI = "50"
	// A pixel differs when its grey level moves by more than pixelTolerance
	// (0–255); a page differs when more than maxDifferentPixels do. The
	// tolerance absorbs anti-aliasing changes between poppler and FreeType
	// versions; the code B02 drawn "02B" in one Arabic row moves 51 pixels
	// of a receipt (a mutation: data not isolated).
	pixelTolerance     = 64
	maxDifferentPixels = 6
)

// imageDocs are the documents whose first page is compared with
// testdata/<name>.golden.png; go test -update rewrites them.
var imageDocs = []document{
	receiptDoc("manual", false, manualDeposit),
	receiptDocIn("ar", "manual", false, manualDeposit),
	receiptDocIn("ar", "sandbox", true, sandboxDeposit),
	receiptDocIn("en", "normal", false, normalDeposit),
	summaryDocIn("ar", "small", false, vectorSummary),
	evidenceDoc("ar", "outage", outageEvidence),
}

// renderGray renders the first page of pdf in grey levels at imageDPI.
func renderGray(t *testing.T, pdf []byte) *image.Gray {
	t.Helper()
	tool := poppler(t, "pdftoppm")
	dir := t.TempDir()
	out, err := exec.Command(tool, "-png", "-gray", "-r", imageDPI, "-f", "1", "-l", "1", "-singlefile",
		writePDF(t, pdf), filepath.Join(dir, "p")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	return toGray(readPNG(t, filepath.Join(dir, "p.png")))
}

func toGray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g
}

// differentPixels counts the pixels whose grey levels differ by more than
// pixelTolerance; images of different sizes differ everywhere.
func differentPixels(a, b *image.Gray) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		if d > pixelTolerance || d < -pixelTolerance {
			n++
		}
	}
	return n
}

func TestGoldenImages(t *testing.T) {
	for _, doc := range imageDocs {
		t.Run(doc.name, func(t *testing.T) {
			got := renderGray(t, doc.render(t))
			file := filepath.Join("testdata", doc.name+".golden.png")
			if *update {
				f, err := os.Create(file)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(f, got); err != nil {
					t.Fatal(err)
				}
				return
			}
			if _, err := os.Stat(file); err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			want := toGray(readPNG(t, file))
			if n := differentPixels(got, want); n > maxDifferentPixels {
				t.Errorf("page 1 differs from %s in %d pixels (at most %d allowed; go test -update rewrites it)", file, n, maxDifferentPixels)
			}
		})
	}
}

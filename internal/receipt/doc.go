// Package receipt turns plain data into PDF documents: the receipt of a
// deposit (Receipt), the "bordereau récapitulatif" of a whole declaration
// (SummaryPDF), the outage evidence pack of a declaration (EvidencePDF,
// EvidenceZIP), and ZIP exports of many of them (ExportZIP). The functions
// are pure: no store, no clock, no file system; the caller (the outbox's
// "on accepted" hook, the Receipts service) stores and exports the bytes.
// They are safe for concurrent use.
//
// # Documents
//
// A receipt is one A4 page: employer (affiliation, name, ICE), period,
// declaration kind (principal DS or complementary DSC<n>), file name and
// SHA-256, counts of 02 and 04 lines, totals, the contribution estimate per
// branch with employer and employee parts (params.Estimate), the platform's
// acknowledgement number and payment reference, deposit and acceptance
// times, operator, due date and whether the deposit was on time
// (params.OnTime; the deposit day is taken in Casablanca time, or is the
// declared date of a manual deposit). A manual deposit shows the block
// "Dépôt manuel déclaré par l'utilisateur" with the evidence recorded.
//
// A summary lists every line of the declaration (immatriculation, CIN,
// name, days, real and capped salary, situation, "E" for entrants), with
// the column headings repeated on each page, a running header (employer,
// period, file) and "page x / y" in the footer; the totals are the 03, 05
// and 06 records of the file as parsed (the tests check them against the
// sums of the lines), followed by the estimate and a legend of the codes.
// About 54 lines fit on a page: 2 500 employees take 48 pages.
//
// Every page of a sandbox document carries the watermark
// "SANDBOX — SANS VALEUR LÉGALE" along the page's diagonal: large, light
// (13 % opacity), drawn last so that no filled cell hides it. Text
// extractors see it as diagonal text (pdftotext -nodiag leaves it out).
//
// # Evidence pack
//
// EvidencePDF lists what proves that an employer tried to deposit: the
// declaration (file, SHA-256, totals), the legal deadline and the CNSS
// extension entered, if any, every attempt in time order (Casablanca time,
// channel, what was tried, outcome, the platform's answer or the network
// error, the operator's note, the screenshot's name in the archive,
// operator), the acceptance when there is one, and a statement generated
// from those facts only (how many attempts failed, between which times, how
// many on or before the applicable deadline, the extension, acceptance
// within or after it). EvidenceZIP adds the raw files and manifest.sha256
// ("<digest>  <name>" lines, as sha256sum -c reads them); its entries are
// dated with the document's time, so the same facts give the same bytes.
//
// # QR code
//
// The receipt's QR code (error correction level M) carries
//
//	TASRIH|ACK=<acknowledgement number>|SHA256=<64 lower-case hex digits>
//
// (QRPayload; for a manual deposit, ACK is the deposit reference). The
// module matrix comes from rsc.io/qr; each run of dark modules is drawn as a
// rectangle, all filled as one vector path: no image, no seams.
//
// # Language, fonts, formats
//
// Every document is produced in the language of its Lang field (FR, AR or
// EN; "" is French): titles, labels, notes, period names, branch and
// situation labels. Identifiers, codes (DS, DSC<n>, B02…), numbers, dates
// and amounts are the same in every language. An Arabic document is laid
// out right to left: labels on the right of their values, the QR code on
// the left, table columns in mirrored order, alignments swapped (doc.cellV
// mirrors logical coordinates, so the layout code is shared).
//
// Arabic text is shaped by go-text/typesetting's HarfBuzz port (contextual
// forms, lam-alef ligatures, mirrored brackets) and put in visual order by
// the Unicode bidi algorithm (go-text/typesetting/bidi, the fork of
// golang.org/x/text/unicode/bidi that exposes the embedding levels the
// reordering needs; see shape.go). The data inserted into an Arabic
// sentence (numbers, codes, file names, amounts) is wrapped in a
// left-to-right isolate, so it keeps its direction; a value alone in a
// cell (an amount, a Latin name) is a left-to-right paragraph. fpdf draws
// the shaped glyphs through their code points (the Arabic presentation
// forms). A name in Arabic in a French or English document is shaped too.
//
// The font is DejaVu Sans (regular and bold) from Debian's
// fonts-dejavu-core, which covers Latin and Arabic, embedded with go:embed
// (fonts/LICENSE) and subset: documents without Arabic embed the Latin
// repertoire (printable ASCII, Latin-1, Latin Extended-A, typographic
// punctuation, €…: all of French), documents with Arabic add the Arabic
// block and presentation forms; fpdf then keeps only the glyphs used. Any
// other character of user text is transliterated or shown as "?"
// (pdfText). Amounts are domain.Money.FormatMAD ("1 234,56 MAD"; the detail
// table omits the unit, given in its headings); dates are
// "JJ/MM/AAAA HH:MM" in Africa/Casablanca time (time/tzdata is linked in).
//
// # Determinism
//
// The same input gives the same bytes: the PDF creation and modification
// dates are the deposit's (AcceptedAt, else DepositedAt, else the manual
// deposit date; Summary.CreatedAt, else the first day after the period),
// resources are written in a fixed order and nothing is random. ZIP
// entries take the item's time (zero = 1980-01-01) and are stored (the PDF
// streams are compressed already), so exports are deterministic too. Golden tests compare the
// text of the documents (pdftotext -layout -nodiag) with testdata/*.golden.txt
// in each language, and the first page rendered at 50 dpi in grey levels
// (pdftoppm) with testdata/*.golden.png, within a tolerance that absorbs
// anti-aliasing but not a reversed code or an unshaped word;
// go test -update rewrites them. The tests that use poppler-utils
// (pdftotext, pdftoppm, pdfinfo) skip only when it is not installed.
//
// # Performance
//
// fpdf parses a UTF-8 TrueType font again for every document and cannot
// share a parsed font between documents. The package therefore cuts the
// embedded fonts once (fpdf.UTF8CutFont, 6 to 15 ms) to the repertoire:
// about 60 kB each instead of 700 kB, which makes the per-document parse
// and subsetting cheap. What remains per document is fixed cost inside fpdf
// (a JSON hash of each font's 64 k-entry width table, five zlib streams):
// about 10 ms for a receipt on the 2-core reference machine. Shaping an
// Arabic text is cached (bounded), as the labels recur in every document. ExportZIP
// renders on GOMAXPROCS goroutines while it writes, in order. Benchmarks:
// BenchmarkReceipt (target < 15 ms), BenchmarkSummary2000 (< 300 ms),
// BenchmarkZIP300Receipts (< 5 s).
package receipt

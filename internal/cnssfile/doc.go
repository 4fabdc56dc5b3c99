// Package cnssfile is the fixed-width codec of the CNSS DAMANCOM file exchange
// (cnss-edi.md §2–§4): préétabli files (A00–A03), principal declarations DS
// (B00–B06) and complementary declarations DSC<n> (E00–E06).
//
// Every record layout is defined once, as data (layouts.go): a table of fields
// with their position, width and kind. The reader (Split, Decode*) and the writer
// (Encode*, AppendDeclaration) both walk those tables; nothing else in the
// project knows a field position.
//
// The per-record work reads and writes eight bytes at a time (swar.go):
// Check tests a record against per-layout byte bounds in one branch-free pass
// and only walks the fields (checkFields) to name the issues of a bad record;
// the decoders read N fields eight digits per word, the encoders write them
// so. Each fast path has a differential test against the plain version it
// replaced (checkFields; decoderef_test.go, encoderef_test.go and the
// reference split in split_test.go) on random and altered records, and a
// fuzz target.
//
// The codec is purely syntactic. It splits lines, checks field kinds and
// converts values; the business rules of the catalogue live in
// internal/declaration.
//
// Decisions (cnss-edi.md): records are written with "\n" after each one,
// including the last; the reader accepts LF, CRLF, a missing final terminator,
// a UTF-8 BOM and trailing blank lines, and never trims trailing spaces.
package cnssfile

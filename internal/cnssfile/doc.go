// Package cnssfile is the fixed-width codec of the CNSS DAMANCOM file exchange
// (cnss-edi.md §2–§4): préétabli files (A00–A03), principal declarations DS
// (B00–B06) and complementary declarations DSC<n> (E00–E06).
//
// Every record layout is defined once, as data (layouts.go): a table of fields
// with their position, width and kind. The reader (Split, Decode*) and the writer
// (Encode*, AppendDeclaration) both walk those tables; nothing else in the
// project knows a field position.
//
// The codec is purely syntactic. It splits lines, checks field kinds and
// converts values; the business rules of the catalogue live in
// internal/declaration.
//
// Decisions (cnss-edi.md): records are written with "\n" after each one,
// including the last; the reader accepts LF, CRLF, a missing final terminator,
// a UTF-8 BOM and trailing blank lines, and never trims trailing spaces.
package cnssfile

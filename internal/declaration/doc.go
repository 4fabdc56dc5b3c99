// Package declaration builds CNSS declarations (DS and complementary DSC<n>
// files) from a préétabli and the month's employee lines, and validates any
// DS/DSC file against the rule catalogue of cnss-edi.md §7.
//
// The builder never trusts itself: Build encodes the file, parses the bytes
// back and runs the whole catalogue on them; a caller writes the file only when
// the report has no blocking finding.
//
// Decisions kept here, in one place (cnss-edi.md): B03 order N_T_Num_Imma then
// N_T_AF_A_Reverser; B04 names "LASTNAME FIRSTNAME"; occasional labour
// (999999999) capped salary = min(real, ceiling) when writing, min(real,
// ceiling) or real accepted when validating; records end with LF; names are cut to 60
// characters; B06 is checked against the sums recomputed from the lines.
package declaration

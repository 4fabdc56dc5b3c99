// Package importer reads the spreadsheets users bring: the month's payroll CSV
// for a declaration, and (with the store) employer and employee lists from CSV
// and XLSX. Columns are matched by header name, case- and accent-insensitive,
// in French or English; every bad cell is reported with its file, line and
// column, in French, Arabic and English.
package importer

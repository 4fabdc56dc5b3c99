// Package params holds the dated parameters of the CNSS declaration
// (parameters.md §1–§4): contribution rates, the salary ceiling, the minimum
// wages (SMIG, SMAG), the maximum of declared days, the due day and the penalty
// parameters. Every computation asks "what was in force for period P" with
// Table.At.
//
// The table is data shipped with the application: params.json, embedded in the
// binary and parsed and validated at start-up (Default); Parse validates any
// other table the same way, so that a parameter file supplied later goes
// through the same checks. No rate or amount is written anywhere else in the
// code.
//
// # Table format
//
// The file is {"version": 1, "rows": [...]}. Each row starts applying at its
// "from" period (AAAAMM) and holds only the values that change at that period;
// the other values carry over from the previous row. The first row must set
// every value. Rows are in strictly increasing order of "from". Money is in
// centimes (6 000,00 MAD = 600000) and rates in hundredths of a percent
// (8,98 % = 898), always integers: a decimal such as 8.98 is refused, so a
// value cannot be entered in the wrong unit silently. An optional "note" says
// where the row comes from.
//
// # Decisions
//
//   - The contribution rates are documented as in force "since at least
//     2024-01" with no known change; the first row (202309, the SMIG of
//     September 2023) carries them, so periods 202309–202312 use the same rates.
//   - The SMAG is unknown before 2025-04: SMAGDaily is 0 ("unknown") there.
//   - The 2025 late-payment reform (0,5 % per further month instead of 1 %) has
//     no effective date in the reference: it applies from period 202501. It is a
//     parameter of the period declared, like every other value.
//   - The first-month late-payment rate is disputed (3 % or 5 %): both are kept,
//     and LatePaymentSurcharge returns a low and a high estimate.
//   - A declaration or payment made on the due date is on time; each started
//     month after the due date counts as a month of delay (the first month ends
//     on the same day of the following month, clamped to the month's end).
//   - Penalty and contribution figures are estimates shown to the user; CNSS's
//     own bill is authoritative (EstimateNote). The penalty functions, which
//     cannot fail, use the first row for a period before it.
//   - The due date is the DueDay (10) of the month after the period; extensions
//     announced by CNSS are the caller's override (a due date passed in).
package params

// The names the screens import for what the Go services send and receive.
// Every shape here is generated from Go (wailsjs/go/models.ts, written by
// build/scripts/bindings.sh from the structs the bound methods reach, with
// their JSON tags; Period, Date, time and []byte fields carry a ts_type tag
// saying what really crosses the bridge, checked by app's
// TestBoundTypesSayTheirJSONForm). This file only gives them the short
// names the screens use: a renamed Go field is a tsc error in the screen or
// fixture that reads it.
//
// Statuses, kinds and severities are Go enums bound with EnumBind (TS enums
// in models.ts). The page reads each generated type T as Json<T>: the same
// fields, each enum as the union of its string values and each field Go may
// leave nil as possibly null: what the JSON carries. A Go value removed from
// an enum is a tsc error where the page or a fixture writes it.
import type {
  app,
  backup,
  desktop,
  domain,
  i18n,
  importer,
  lifecycle,
  monthly,
  params,
  sandbox,
  settings,
  store,
  declaration,
} from '../../wailsjs/go/models';

/**
 * Json<T> is a generated type T as its JSON arrives (and as the page or a
 * test fixture writes it): enum fields as their string values, optional
 * fields (a Go pointer, or omitempty) also null. Every T is assignable to
 * Json<T>; the field names are T's, so a renamed Go field fails tsc.
 */
export type Json<T> = T extends string
  ? `${T}`
  : T extends readonly (infer E)[]
    ? Json<E>[] | null
    : T extends object
      ? { [K in keyof T]: {} extends Pick<T, K> ? Json<Exclude<T[K], undefined>> | null : Json<T[K]> }
      : T;

/** A period "AAAAMM". */
export type Period = string;
/** A date "AAAAMMJJ", or "" for none. */
export type Date8 = string;
/** An amount in centimes (Go's domain.Money). Never a float. */
export type Centimes = number;
/** An RFC 3339 time. */
export type Time = string;

/** A text in the three languages (Go's i18n.Text). */
export type Text = Json<i18n.Text>;

// ---------------------------------------------------------------- Session

export type SessionStatus = Json<app.SessionStatus>;
export type CreatedVault = Json<app.Created>;

// ---------------------------------------------------------------- Settings

export type Settings = Json<settings.Settings>;
export type Snapshot = Json<backup.SnapshotInfo>;
/** A previous-… folder: the data a restore replaced, kept until the user removes it. */
export type PreviousCopy = Json<backup.PreviousInfo>;

// ---------------------------------------------------------------- Employers

export type PeriodState = `${store.PeriodState}`;

export const PERIOD_STATES: readonly PeriodState[] = [
  'not_started',
  'preetabli_imported',
  'in_progress',
  'errors',
  'ready',
  'queued',
  'submitted',
  'accepted',
  'rejected',
  'manual',
];

export type Urgency = `${desktop.Urgency}`;
export const URGENCIES: readonly Urgency[] = ['overdue', 'urgent', 'soon', 'ok', 'done'];

export type HistoryPoint = Json<desktop.HistoryPoint>;
export type DashboardRow = Json<desktop.DashboardRow>;
export type Dashboard = Json<desktop.Dashboard>;
export type DeadlineOverride = Json<domain.DeadlineOverride>;
export type Employer = Json<domain.Employer>;

// ---------------------------------------------------------------- Employees

export type Employee = Json<domain.Employee>;
/** A previous version of an employee (store.EmployeeVersion). */
export type EmployeeVersion = Json<store.EmployeeVersion>;

export type ImportAction = `${importer.Action}`;
export type IssueSeverity = `${declaration.Severity}`;
export type ImportIssue = Json<importer.Issue>;
export type ImportColumn = Json<importer.Column>;
export type ImportEmployeeRow = Json<importer.EmployeeRow>;
export type ImportCounts = Json<importer.Counts>;
export type ImportPreview = Json<importer.Preview>;
/** The answer of ImportPreview: the operation to apply (or discard) and what it would do. */
export type ImportPreviewResult = Json<app.ImportPreview>;
export type ImportResult = Json<importer.Result>;

// ---------------------------------------------------------------- Month

export type Category = `${monthly.Category}`;
export const CATEGORIES: readonly Category[] = ['current', 'entrant', 'leaver', 'unknown'];

/** info: a plausibility finding (PLA-*) that only informs; like a warning, it never blocks. */
export type Severity = `${declaration.Severity}`;

/** The grid's columns a finding can point at (monthly.Finding.column). */
export type Column = 'immatriculation' | 'name' | 'cin' | 'days' | 'gross' | 'situation' | '';

export type Finding = Json<monthly.Finding>;
export type MonthRow = Json<monthly.Row>;
export type RowSource = `${monthly.Source}`;
export type Preetabli = Json<store.Preetabli>;
/** The month's grand totals (monthly.Totals). */
export type Totals = Json<monthly.Totals>;
export type BranchEstimate = Json<params.BranchEstimate>;
export type Estimate = Json<params.Estimate>;
export type DeclStatus = `${lifecycle.Status}`;
/** lifecycle.Flags: what Go says a declaration allows (the page renders them). */
export type DeclFlags = Json<lifecycle.Flags>;
/** lifecycle.MonthFlags: what Go says the month allows. */
export type MonthFlags = Json<lifecycle.MonthFlags>;
export type StoredFinding = Json<store.Finding>;
export type Declaration = Json<store.Declaration>;
/** monthly.Declaration: a declaration of the month with its lifecycle flags. */
export type MonthDeclaration = Json<monthly.Declaration>;
export type Workspace = Json<monthly.Workspace>;
export type LineInput = Json<monthly.LineInput>;
export type Generated = Json<monthly.Generated>;
/** A finding of the rule catalogue on a file (préétabli) rather than on the grid. */
export type ReportFinding = Json<desktop.ReportFinding>;
/** The answer of ImportPreetabli / FetchPreetabli: imported, or refused with its findings. */
export type PreetabliImport = Json<app.PreetabliImport>;

// ---------------------------------------------------------------- Batch

export type BatchState = `${monthly.BatchState}`;
export type BatchResult = Json<monthly.BatchResult>;
export type Progress = Json<desktop.Progress>;

// ---------------------------------------------------------------- Submissions

export type SubmissionState = `${lifecycle.SubState}`;
export type Submission = Json<store.Submission>;
export type Profile = Json<desktop.Profile>;
export type LoginResult = Json<app.Challenge>;
export type InboxMessage = Json<sandbox.InboxMessage>;
export type ErrorPayloadJSON = Json<app.ErrorPayload>;
export type SubmitResult = Json<app.SubmitResult>;
export type SubmitOutcome = Json<app.SubmitOutcome>;
/** A file or folder chosen in a native dialog: a single-use token for the
 * method that reads or writes it, and its name for display (app.Chosen). */
export type Chosen = Json<app.Chosen>;
export type ManualEvidence = Json<app.ManualEvidenceInput>;

// ---------------------------------------------------------------- Receipts

/** One receipt of the list (desktop.ReceiptRow). */
export type ReceiptInfo = Json<desktop.ReceiptRow>;
/** A stored receipt, without its PDF (store.Receipt). */
export type StoredReceipt = Json<store.Receipt>;
/** A receipt with its PDF in base64 (app.ReceiptDoc). */
export type ReceiptDetail = Json<app.ReceiptDoc>;
/** One entry of the journal with its labels in the three languages (desktop.AuditRow). */
export type AuditEntry = Json<desktop.AuditRow>;
/** One item of a platform's control report (store.ControlFinding). */
export type ControlFinding = Json<store.ControlFinding>;
/** The platform's verdict on a deposit (store.DepositResult). */
export type DepositResult = Json<store.DepositResult>;

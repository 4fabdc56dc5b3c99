// The shapes of what the Go services send and receive, as their JSON tags
// make them (internal/store, internal/monthly, internal/importer, …).
// The generated wailsjs/go/models.ts describes Go's structs field by field,
// but not what crosses the bridge for types with their own JSON form
// (domain.Period → "AAAAMM", domain.Date → "AAAAMMJJ", domain.Money → a
// number of centimes); these types say what really arrives.

/** A period "AAAAMM". */
export type Period = string;
/** A date "AAAAMMJJ", or "" for none. */
export type Date8 = string;
/** An amount in centimes (Go's domain.Money). Never a float. */
export type Centimes = number;
/** An RFC 3339 time. */
export type Time = string;

/** A text in the three languages (Go's i18n.Text). */
export interface Text {
  fr: string;
  ar: string;
  en: string;
}

// ---------------------------------------------------------------- Session

export interface SessionStatus {
  has_vault: boolean;
  unlocked: boolean;
  data_dir: string;
  remembered: boolean;
  /** An error code ("keyring.unavailable") when the OS keyring could not be used, else "". */
  keyring_banner: string;
  lang: string;
  auto_lock_minutes: number;
  /** Seconds the unlock form must wait after too many wrong secrets (0: now). */
  retry_in_seconds?: number;
  /** How the session was unlocked ("" while locked). */
  method?: string;
  /** Set when another Tasrih holds this data folder: its error is shown instead of the forms. */
  blocked?: { code: string; message: string; fields: unknown[] } | null;
  /** The recovery code unlocked the vault and no new passphrase was set since: ask for one (re-key). */
  recovery_pending?: boolean;
  /**
   * Set while the open data is older than (or diverges from) its audit
   * anchors: changes are refused until Session.AcknowledgeRollback.
   */
  rollback?: { kind: string; known_seq: number; found_seq: number; message: string } | null;
}

export interface CreatedVault {
  recovery_code: string;
  /** keyring.unavailable when "remember" could not reach the OS keyring. */
  keyring_banner?: string;
}

// ---------------------------------------------------------------- Settings

export interface Settings {
  lang: string;
  auto_lock_minutes: number;
  backup_folder: string;
  snapshots_kept: number;
  snapshot_on_exit: boolean;
  snapshot_on_submit: boolean;
}

export interface Snapshot {
  path: string;
  name: string;
  size: number;
  /** When the backup was made (RFC 3339). */
  time?: string;
  /** Written by the automatic snapshots (rotation may delete it); false for a manual backup. */
  auto?: boolean;
}

/** A previous-… folder: the data a restore replaced, kept until the user removes it. */
export interface PreviousCopy {
  name: string;
  path: string;
  size: number;
  time: string;
}

// ---------------------------------------------------------------- Employers

export type PeriodState =
  | 'not_started'
  | 'preetabli_imported'
  | 'in_progress'
  | 'errors'
  | 'ready'
  | 'queued'
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'manual';

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

export type Urgency = 'overdue' | 'urgent' | 'soon' | 'ok' | 'done';
export const URGENCIES: readonly Urgency[] = ['overdue', 'urgent', 'soon', 'ok', 'done'];

export interface HistoryPoint {
  period: Period;
  /** Payroll mass (total real salary) declared for the period, in centimes. */
  real: Centimes;
  headcount: number;
}

export interface DashboardRow {
  employer_id: string;
  affiliation: string;
  name: string;
  profile: string;
  employees: number;
  period: Period;
  state: PeriodState;
  deadline: Date8;
  preetabli_imported: boolean;
  preetabli_employees: number;
  lines: number;
  declarations: number;
  declaration_id?: string;
  declaration_status?: string;
  errors: number;
  warnings: number;
  updated_at: Time;
  due_date: Date8;
  days_left: number;
  urgency: Urgency;
  history: HistoryPoint[] | null;
  /** The deadline is near and every deposit attempt of the period failed. */
  attempts_failed: boolean;
}

export interface Dashboard {
  period: Period;
  today?: Date8;
  rows: DashboardRow[] | null;
  counts?: Partial<Record<Urgency, number>> | null;
}

export interface DeadlineOverride {
  period: Period;
  date: Date8;
  note?: string;
}

export interface Employer {
  id: string;
  affiliation: string;
  name: string;
  ice?: string;
  if?: string;
  rc?: string;
  activity?: string;
  address?: string;
  city?: string;
  postal_code?: string;
  agency?: string;
  platform_profile: string;
  amo_solidarity_only: boolean;
  deadline_overrides?: DeadlineOverride[] | null;
  created_at?: Time;
  updated_at?: Time;
}

// ---------------------------------------------------------------- Employees

export interface Employee {
  id: string;
  employer_id: string;
  immatriculation?: string;
  cin?: string;
  last_name: string;
  first_name?: string;
  birth_date: Date8;
  hire_date: Date8;
  exit_date: Date8;
  job_title?: string;
  monthly_gross: Centimes;
  children: number;
  rib?: string;
  created_at?: Time;
  updated_at?: Time;
}

/** A previous version of an employee (store.EmployeeVersion). */
export interface EmployeeVersion {
  seq: number;
  at: Time;
  author: string;
  previous: Employee;
}

export type ImportAction = 'create' | 'update' | 'unchanged' | 'error';
export type IssueSeverity = 'error' | 'warning' | 'info';

export interface ImportIssue {
  line?: number;
  column?: string;
  field?: string;
  code: string;
  severity: IssueSeverity;
  message: Text;
  /** The message without the file and the line, for the preview's row (which shows them). */
  detail?: Text;
}

export interface ImportColumn {
  index: number;
  letter: string;
  header: string;
  field?: string;
}

export interface ImportEmployeeRow {
  line: number;
  action: ImportAction;
  record: Employee;
  existing?: Employee;
  matched_by?: string;
  changes?: string[] | null;
  errors?: ImportIssue[] | null;
  warnings?: ImportIssue[] | null;
}

export interface ImportCounts {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  errors: number;
  warnings: number;
}

export interface ImportPreview {
  kind: string;
  file: string;
  format: string;
  sheet?: string;
  header_line: number;
  columns: ImportColumn[] | null;
  ignored_columns: ImportColumn[] | null;
  notices?: ImportIssue[] | null;
  employees?: ImportEmployeeRow[] | null;
  counts: ImportCounts;
}

/** The answer of ImportPreview: the operation to apply (or discard) and what it would do. */
export interface ImportPreviewResult {
  op_id: string;
  preview: ImportPreview;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

// ---------------------------------------------------------------- Month

export type Category = 'current' | 'leaver' | 'unknown' | 'entrant';
export const CATEGORIES: readonly Category[] = ['current', 'entrant', 'leaver', 'unknown'];

/** info: a plausibility finding (PLA-*) that only informs; like a warning, it never blocks. */
export type Severity = 'error' | 'warning' | 'info';

export type Column = 'immatriculation' | 'name' | 'cin' | 'days' | 'gross' | 'situation' | '';

export interface Finding {
  rule: string;
  severity: Severity;
  /** Index in Workspace.rows, -1 for the file as a whole. */
  row: number;
  column: Column | string;
  record: string;
  line: number;
  field: string;
  message: Text;
  hint: Text;
}

export interface MonthRow {
  employee_id: string;
  immatriculation: string;
  cin: string;
  name: string;
  category: Category;
  preetabli_line: number;
  days: number;
  gross: Centimes;
  situation: string;
  needs_situation: boolean;
  saved: boolean;
  /** Where the values come from (monthly.Source). */
  source?: RowSource;
  findings: Finding[] | null;
}

export type RowSource = 'saved' | 'previous_month' | 'employee_file' | 'leaver_default' | 'none';

export interface Preetabli {
  employer_id: string;
  period: Period;
  file_name?: string;
  transfer_id?: string;
  employees: number;
  sha256: string;
  imported_at: Time;
}

export interface Totals {
  Count?: number;
  Days?: number;
  Real?: Centimes;
  Capped?: Centimes;
  [k: string]: unknown;
}

export interface BranchEstimate {
  branch: string;
  label: Text;
  base: Centimes;
  employer_rate: number;
  employee_rate: number;
  employer: Centimes;
  employee: Centimes;
}

export interface Estimate {
  branches: BranchEstimate[] | null;
  employer: Centimes;
  employee: Centimes;
  total: Centimes;
}

export type DeclStatus = 'draft' | 'ready' | 'outdated' | 'queued' | 'submitted' | 'accepted' | 'rejected' | 'manual';

/** lifecycle.Flags: what Go says a declaration allows (the page renders them). */
export interface DeclFlags {
  frozen: boolean;
  can_submit: boolean;
  can_export: boolean;
  needs_regenerate: boolean;
  deposited: boolean;
}

/** lifecycle.MonthFlags: what Go says the month allows. */
export interface MonthFlags {
  frozen: boolean;
  can_complement: boolean;
  needs_regenerate: boolean;
}

export interface StoredFinding {
  rule: string;
  severity: string;
  record?: string;
  line?: number;
  field?: string;
}

export interface Declaration {
  id: string;
  employer_id: string;
  period: Period;
  kind: 'principal' | 'complementary';
  sequence: number;
  status: DeclStatus;
  file_name: string;
  sha256: string;
  findings?: StoredFinding[] | null;
  errors: number;
  warnings: number;
  note?: string;
  created_at: Time;
  updated_at: Time;
  frozen_at: Time;
}

/** monthly.Declaration: a declaration of the month with its lifecycle flags. */
export interface MonthDeclaration extends Declaration {
  flags: DeclFlags;
}

export interface Workspace {
  employer_id: string;
  affiliation: string;
  period: Period;
  preetabli: Preetabli | null;
  rows: MonthRow[] | null;
  findings: Finding[] | null;
  errors: number;
  warnings: number;
  totals: Totals;
  estimate: Estimate;
  due_date: Date8;
  /** The period's maximum of declared days (parameter table). */
  max_days: number;
  declarations: MonthDeclaration[] | null;
  lifecycle: MonthFlags;
  counts: Partial<Record<Category, number>> | null;
  prefilled: boolean;
  /** Lines were saved for the month before (the source of the proposals). */
  previous_month?: boolean;
}

export interface LineInput {
  employee_id: string;
  days: number;
  gross: Centimes;
  situation: string;
}

export interface Generated {
  declaration: Declaration;
  findings: Finding[] | null;
  valid: boolean;
}

/** A finding of the rule catalogue on a file (préétabli) rather than on the grid. */
export interface ReportFinding {
  rule: string;
  severity: Severity;
  record: string;
  line: number;
  field: string;
  employee: string;
  message: Text;
  hint: Text;
}

/** The answer of ImportPreetabli / FetchPreetabli: imported, or refused with its findings. */
export interface PreetabliImport {
  imported: boolean;
  preetabli: Preetabli | null;
  findings: ReportFinding[] | null;
}

// ---------------------------------------------------------------- Batch

export type BatchState = 'ready' | 'errors' | 'no_preetabli' | 'frozen' | 'failed' | 'cancelled';

export interface BatchResult {
  employer_id: string;
  affiliation: string;
  name: string;
  state: BatchState;
  errors: number;
  warnings: number;
  declaration_id?: string;
  message: Text;
}

export interface Progress {
  op_id: string;
  done: number;
  /** -1 when unknown. */
  total: number;
  phase?: string;
  result?: unknown;
}

// ---------------------------------------------------------------- Submissions

export type SubmissionState =
  | 'queued'
  | 'sending'
  | 'received'
  | 'processing'
  | 'accepted'
  | 'rejected'
  | 'failed'
  | 'cancelled';

export interface Submission {
  id: string;
  declaration_id: string;
  employer_id: string;
  profile: string;
  idempotency_key?: string;
  sha256: string;
  state: SubmissionState;
  attempts: number;
  last_error?: string;
  next_attempt_at?: Time;
  deposit_id?: string;
  acknowledgement_number?: string;
  payment_reference?: string;
  created_at: Time;
  updated_at: Time;
}

export interface Profile {
  id: string;
  /** "sandbox", "remote" or "manual". */
  kind: string;
  available: boolean;
  base_url?: string;
  has_session: boolean;
  /** Submissions parked until a login. */
  waiting: number;
  logins: string[] | null;
  demo_login?: string;
  demo_password?: string;
}

export interface LoginResult {
  otp_channel: string;
  otp_destination: string;
  expires_in?: number;
}

export interface InboxMessage {
  login: string;
  channel: string;
  destination: string;
  code: string;
  challenge_id: string;
  sent_at: Time;
  text: string;
}

export interface ErrorPayloadJSON {
  code: string;
  message: string;
  fields: Array<{ field: string; code: string; message: string }>;
}

export interface SubmitResult {
  declaration_id: string;
  submission: Submission | null;
  created: boolean;
  error: ErrorPayloadJSON | null;
}

export interface SubmitOutcome {
  results: SubmitResult[] | null;
  snapshot_path: string;
  snapshot_error: ErrorPayloadJSON | null;
}

/** A file or folder chosen in a native dialog: a single-use token for the
 * method that reads or writes it, and its name for display (app.Chosen). */
export interface Chosen {
  token: string;
  name: string;
}

export interface ManualEvidence {
  deposit_reference: string;
  deposit_date: Date8;
  payment_reference: string;
  /** The control-report PDF chosen with ChooseControlReport ("" : none). */
  control_report_token: string;
}

// ---------------------------------------------------------------- Receipts

/** One receipt of the list (desktop.ReceiptRow). */
export interface ReceiptInfo {
  receipt_id: string;
  declaration_id: string;
  submission_id?: string;
  employer_id: string;
  affiliation: string;
  name: string;
  period: Period;
  kind: 'principal' | 'complementary';
  sequence: number;
  file_name: string;
  status: DeclStatus;
  sandbox: boolean;
  created_at: Time;
}

/** A stored receipt, without its PDF (store.Receipt). */
export interface StoredReceipt {
  id: string;
  declaration_id: string;
  submission_id?: string;
  sandbox: boolean;
  created_at: Time;
}

/** A receipt with its PDF in base64 (app.ReceiptDoc). */
export interface ReceiptDetail extends StoredReceipt {
  pdf_base64: string;
}

export interface AuditEntry {
  seq: number;
  time: Time;
  who: string;
  action: string;
  entity: string;
  entity_id: string;
  before?: unknown;
  after?: unknown;
  prev: string;
  hash?: string;
}

/** One item of a platform's control report (store.ControlFinding). */
export interface ControlFinding {
  rule: string;
  severity: string;
  line: number;
  field?: string;
  message?: string;
}

/** The platform's verdict on a deposit (store.DepositResult). */
export interface DepositResult {
  submission_id: string;
  declaration_id: string;
  deposit_id: string;
  status: 'accepted' | 'rejected';
  acknowledgement_number?: string;
  payment_reference?: string;
  control_report?: ControlFinding[] | null;
  processed_at: Time;
}

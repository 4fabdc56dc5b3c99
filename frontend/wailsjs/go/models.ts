export namespace app {
	
	export enum EventName {
	    AppClosing = "app:closing",
	    BatchDone = "batch:done",
	    BatchProgress = "batch:progress",
	    FirmSyncDone = "firm:sync_done",
	    FirmSyncProgress = "firm:sync_progress",
	    ImportProgress = "import:progress",
	    OutboxEvent = "outbox:event",
	    OutboxLoginRequired = "outbox:login_required",
	    ReceiptCreated = "receipt:created",
	    RekeyProgress = "rekey:progress",
	    RestoreProgress = "restore:progress",
	    SandboxOtp = "sandbox:otp",
	    SessionLocked = "session:locked",
	    SessionUnlocked = "session:unlocked",
	    SnapshotProgress = "snapshot:progress",
	    ZipDone = "zip:done",
	    ZipProgress = "zip:progress",
	}
	export interface BuildInfo {
	    version: string;
	    commit: string;
	    modified: boolean;
	    platform: string;
	}
	export interface Challenge {
	    otp_channel: string;
	    otp_destination: string;
	    expires_in: number;
	}
	export interface Chosen {
	    token: string;
	    name: string;
	}
	export interface Created {
	    recovery_code: string;
	    keyring_banner: string;
	}
	export interface FieldError {
	    field: string;
	    code: string;
	    message: string;
	}
	export interface ErrorPayload {
	    code: string;
	    message: string;
	    fields: FieldError[];
	}
	export interface EventPayloads {
	    "session:locked": desktop.Locked;
	    "session:unlocked": desktop.Unlocked;
	    "import:progress": desktop.Progress;
	    "batch:progress": desktop.Progress;
	    "batch:done": desktop.BatchDone;
	    "zip:progress": desktop.Progress;
	    "zip:done": desktop.ZIPDone;
	    "rekey:progress": desktop.Progress;
	    "restore:progress": desktop.Progress;
	    "outbox:event": outbox.Event;
	    "outbox:login_required": desktop.ProfileEvent;
	    "sandbox:otp": desktop.OTPEvent;
	    "receipt:created": desktop.ReceiptEvent;
	    "app:closing": Record<string, never>;
	    "snapshot:progress": desktop.Progress;
	    "firm:sync_progress": desktop.Progress;
	    "firm:sync_done": desktop.FirmSyncDone;
	}
	
	export interface ImportPreview {
	    op_id: string;
	    preview?: importer.Preview;
	}
	export interface Language {
	    code: i18n.Lang;
	    name: string;
	    dir: string;
	}
	export interface ManualEvidenceInput {
	    deposit_reference: string;
	    deposit_date: string;
	    payment_reference: string;
	    control_report_token: string;
	}
	export interface PreetabliImport {
	    imported: boolean;
	    preetabli?: store.Preetabli;
	    findings: desktop.ReportFinding[];
	}
	export interface ProfileTest {
	    reach: client.Reach;
	}
	export interface ReceiptDoc {
	    id: string;
	    declaration_id: string;
	    submission_id?: string;
	    pdf: string | null;
	    sandbox: boolean;
	    created_at: string;
	    pdf_base64: string;
	}
	export interface RollbackPayload {
	    kind: string;
	    known_seq: number;
	    found_seq: number;
	    message: string;
	}
	export interface SessionStatus {
	    has_vault: boolean;
	    unlocked: boolean;
	    data_dir: string;
	    remembered: boolean;
	    keyring_banner: string;
	    lang: i18n.Lang;
	    auto_lock_minutes: number;
	    retry_in_seconds: number;
	    method: string;
	    blocked?: ErrorPayload;
	    recovery_pending: boolean;
	    rollback?: RollbackPayload;
	}
	export interface SubmitResult {
	    declaration_id: string;
	    submission?: store.Submission;
	    created: boolean;
	    error?: ErrorPayload;
	}
	export interface SubmitOutcome {
	    results: SubmitResult[];
	    snapshot_path: string;
	    snapshot_error?: ErrorPayload;
	}

}

export namespace backup {
	
	export interface Manifest {
	    format_version: number;
	    schema_version: number;
	    vault_id: string;
	    created_at: string;
	    records: number;
	    stream_bytes: number;
	    stream_sha256: string;
	    vault_json_sha256: string;
	    reason?: string;
	}
	export interface PreviousInfo {
	    name: string;
	    path: string;
	    size: number;
	    time: string;
	}
	export interface Restored {
	    manifest: Manifest;
	    vault: vault.Info;
	    records: number;
	    audit: number;
	    previous: string;
	}
	export interface SnapshotInfo {
	    path: string;
	    name: string;
	    size: number;
	    time: string;
	    auto: boolean;
	}

}

export namespace client {
	
	export enum Reach {
	    NotPlatform = "not_platform",
	    Reachable = "reachable",
	    Timeout = "timeout",
	    TlsError = "tls_error",
	    Unreachable = "unreachable",
	}

}

export namespace cnssfile {
	
	export interface Totals {
	    Affiliation: string;
	    Period: domain.Period;
	    Count: number;
	    ImmatSum: number;
	    Days: number;
	    Real: number;
	    Capped: number;
	    Ctr: number;
	}
	export interface Entrant {
	    Affiliation: string;
	    Period: domain.Period;
	    Immat: string;
	    Name: string;
	    CIN: string;
	    Days: number;
	    Real: number;
	    Capped: number;
	    Ctr: number;
	}
	export interface LineTotals {
	    Affiliation: string;
	    Period: domain.Period;
	    Count: number;
	    Children: number;
	    AFToPay: number;
	    AFToDeduct: number;
	    AFNet: number;
	    ImmatSum: number;
	    AFToReverse: number;
	    Days: number;
	    Real: number;
	    Capped: number;
	    Ctr: number;
	}
	export interface Line {
	    Affiliation: string;
	    Period: domain.Period;
	    Immat: string;
	    Name: string;
	    Children: number;
	    AFToPay: number;
	    AFToDeduct: number;
	    AFNet: number;
	    AFToReverse: number;
	    Days: number;
	    Real: number;
	    Capped: number;
	    Situation: string;
	    Ctr: number;
	}
	export interface Employer {
	    Affiliation: string;
	    Period: domain.Period;
	    Name: string;
	    Activity: string;
	    Address: string;
	    City: string;
	    PostalCode: string;
	    Agency: string;
	    IssueDate: domain.Date;
	    DueDate: domain.Date;
	}
	export interface Header {
	    TransferID: string;
	    Cat: string;
	}
	export interface Declaration {
	    Prefix: number;
	    Header: Header;
	    Employer: Employer;
	    Lines: Line[];
	    LineTotals: LineTotals;
	    Entrants: Entrant[];
	    EntrantTotals: Totals;
	    GrandTotals: Totals;
	}
	
	
	
	
	

}

export namespace declaration {
	
	export enum Severity {
	    Error = "error",
	    Info = "info",
	    Warning = "warning",
	}
	export interface Finding {
	    Rule: string;
	    Severity: Severity;
	    Record: string;
	    Line: number;
	    Field: string;
	    Employee: string;
	    Source: string;
	    Msg: i18n.Text;
	    Args: any[];
	    HintArgs: any[];
	}
	export interface Report {
	    Findings: Finding[];
	}
	export interface Result {
	    Kind: string;
	    Sequence: number;
	    FileName: string;
	    Bytes: number[];
	    SHA256: string;
	    Report?: Report;
	    Decl: cnssfile.Declaration;
	    Estimate: params.Estimate;
	}

}

export namespace desktop {
	
	export enum FirmStage {
	    Deposited = "deposited",
	    Prepared = "prepared",
	    Ready = "ready",
	    Sending = "sending",
	}
	export enum PasswordPresence {
	    No = "no",
	    Unknown = "unknown",
	    Yes = "yes",
	}
	export enum ProfileKind {
	    Manual = "manual",
	    Remote = "remote",
	    Sandbox = "sandbox",
	}
	export enum Urgency {
	    Done = "done",
	    OK = "ok",
	    Overdue = "overdue",
	    Soon = "soon",
	    Urgent = "urgent",
	}
	export interface AuditRow {
	    seq: number;
	    time: string;
	    who: string;
	    action: string;
	    action_label: i18n.Text;
	    entity: string;
	    entity_label: i18n.Text;
	    entity_id: string;
	    hash: string;
	    erased?: boolean;
	}
	export interface BatchDone {
	    op_id: string;
	    results: monthly.BatchResult[];
	    cancelled: boolean;
	    error_code?: string;
	}
	export interface HistoryPoint {
	    period: string;
	    real: number;
	    headcount: number;
	}
	export interface DashboardRow {
	    employer_id: string;
	    affiliation: string;
	    name: string;
	    profile: string;
	    employees: number;
	    period: string;
	    state: store.PeriodState;
	    deadline: string;
	    preetabli_imported: boolean;
	    preetabli_employees: number;
	    lines: number;
	    declarations: number;
	    declaration_id?: string;
	    declaration_status?: lifecycle.Status;
	    errors: number;
	    warnings: number;
	    updated_at: string;
	    due_date: string;
	    days_left: number;
	    urgency: Urgency;
	    history: HistoryPoint[];
	    attempts_failed: boolean;
	}
	export interface Dashboard {
	    period: string;
	    today: string;
	    rows: DashboardRow[];
	    counts: Record<string, number>;
	}
	
	export interface ErrorInfo {
	    code: string;
	    message: i18n.Text;
	}
	export interface FirmDossier {
	    employer_id: string;
	    employer_name: string;
	    dossier: string;
	    holder: string;
	    holder_name: string;
	    since: string;
	    expires: string;
	    mine: boolean;
	    free: boolean;
	    head: number;
	    applied: number;
	    proposals: number;
	    pending: boolean;
	    stage: FirmStage;
	    seats: string[];
	    clash: string;
	    clash_with: string;
	    clash_message: i18n.Text;
	}
	export interface FirmJournalRow {
	    employer_id: string;
	    writer: string;
	    writer_name: string;
	    seq: number;
	    time: string;
	    who: string;
	    action: string;
	    action_label: i18n.Text;
	    entity: string;
	    entity_label: i18n.Text;
	    entity_id: string;
	    personal?: string;
	    hash: string;
	}
	export interface FirmProposal {
	    id: string;
	    at: string;
	    base_seq: number;
	    records: number;
	    kinds: Record<string, number>;
	}
	export interface FirmSeat {
	    id: string;
	    name: string;
	    founder: boolean;
	    revoked: boolean;
	    me: boolean;
	}
	export interface FirmSettings {
	    endpoint: string;
	    bucket: string;
	    region: string;
	    access_key: string;
	}
	export interface FirmStatus {
	    set_up: boolean;
	    has_seat: boolean;
	    seat_id: string;
	    seat_name: string;
	    invitation: string;
	    founder: boolean;
	    ref: string;
	    settings: FirmSettings;
	    seats: FirmSeat[];
	    reachable: boolean;
	    last_error: string;
	    last_sync: string;
	    dossiers: number;
	}
	export interface SyncResult {
	    applied: number;
	    published: number;
	    proposed: number;
	    clashes: number;
	    at: string;
	}
	export interface FirmSyncDone {
	    op_id: string;
	    result: SyncResult;
	    cancelled: boolean;
	    error_code: string;
	    message: i18n.Text;
	}
	
	export interface Locked {
	    reason: string;
	}
	export interface OTPEvent {
	    login: string;
	}
	export interface ProfileLogin {
	    login: string;
	    saved: PasswordPresence;
	}
	export interface PlatformProfile {
	    id: string;
	    name: string;
	    builtin: boolean;
	    base_url: string;
	    env_url?: string;
	    employers: number;
	    logins: ProfileLogin[];
	}
	export interface Profile {
	    id: string;
	    kind: ProfileKind;
	    available: boolean;
	    base_url?: string;
	    has_session: boolean;
	    waiting: number;
	    logins: string[];
	    demo_login?: string;
	    demo_password?: string;
	}
	export interface ProfileEvent {
	    profile: string;
	}
	
	export interface Progress {
	    op_id: string;
	    done: number;
	    total: number;
	    phase?: string;
	    result?: any;
	}
	export interface ReceiptEvent {
	    receipt_id: string;
	    declaration_id: string;
	}
	export interface ReceiptRow {
	    receipt_id: string;
	    declaration_id: string;
	    submission_id?: string;
	    employer_id: string;
	    affiliation: string;
	    name: string;
	    period: string;
	    kind: store.DeclKind;
	    sequence: number;
	    file_name: string;
	    status: lifecycle.Status;
	    sandbox: boolean;
	    created_at: string;
	}
	export interface ReportFinding {
	    rule: string;
	    severity: declaration.Severity;
	    record: string;
	    line: number;
	    field: string;
	    employee: string;
	    message: i18n.Text;
	    hint: i18n.Text;
	}
	
	export interface Unlocked {
	    method: string;
	}
	export interface ZIPDone {
	    op_id: string;
	    path: string;
	    entries: number;
	    cancelled: boolean;
	    error?: ErrorInfo;
	}

}

export namespace domain {
	
	export interface Date {
	    Year: number;
	    Month: number;
	    Day: number;
	}
	export interface DeadlineOverride {
	    period: string;
	    date: string;
	    note?: string;
	}
	export interface Employee {
	    id: string;
	    employer_id: string;
	    immatriculation?: string;
	    cin?: string;
	    last_name: string;
	    first_name?: string;
	    birth_date: string;
	    hire_date: string;
	    exit_date: string;
	    job_title?: string;
	    monthly_gross: number;
	    children: number;
	    rib?: string;
	    created_at?: string;
	    updated_at?: string;
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
	    deadline_overrides?: DeadlineOverride[];
	    created_at?: string;
	    updated_at?: string;
	}
	export interface Period {
	    Year: number;
	    Month: number;
	}

}

export namespace i18n {
	
	export enum Lang {
	    AR = "ar",
	    EN = "en",
	    FR = "fr",
	}
	export interface Text {
	    fr: string;
	    ar: string;
	    en: string;
	}
	export interface Error {
	    Code: string;
	    Msg: Text;
	    Args: any[];
	    Field: string;
	    Err: any;
	}

}

export namespace importer {
	
	export enum Action {
	    Create = "create",
	    Error = "error",
	    Unchanged = "unchanged",
	    Update = "update",
	}
	export enum Kind {
	    Employees = "employees",
	    Employers = "employers",
	}
	export interface Column {
	    index: number;
	    letter: string;
	    header: string;
	    field?: string;
	}
	export interface Counts {
	    rows: number;
	    create: number;
	    update: number;
	    unchanged: number;
	    errors: number;
	    warnings: number;
	}
	export interface Issue {
	    line?: number;
	    column?: string;
	    field?: string;
	    code: string;
	    severity: declaration.Severity;
	    message: i18n.Text;
	    detail: i18n.Text;
	}
	export interface EmployeeRow {
	    line: number;
	    action: Action;
	    record: domain.Employee;
	    existing?: domain.Employee;
	    matched_by?: string;
	    changes?: string[];
	    errors?: Issue[];
	    warnings?: Issue[];
	}
	export interface EmployerRow {
	    line: number;
	    action: Action;
	    record: domain.Employer;
	    existing?: domain.Employer;
	    changes?: string[];
	    errors?: Issue[];
	    warnings?: Issue[];
	}
	
	export interface Preview {
	    kind: Kind;
	    file: string;
	    format: string;
	    sheet?: string;
	    sheets?: string[];
	    encoding?: string;
	    header_line: number;
	    columns: Column[];
	    ignored_columns: Column[];
	    employer_id?: string;
	    notices?: Issue[];
	    employers?: EmployerRow[];
	    employees?: EmployeeRow[];
	    counts: Counts;
	}
	export interface Result {
	    created: number;
	    updated: number;
	    unchanged: number;
	    skipped: number;
	    transactions: number;
	    staged: boolean;
	}

}

export namespace lifecycle {
	
	export enum Status {
	    Accepted = "accepted",
	    Draft = "draft",
	    Manual = "manual",
	    Outdated = "outdated",
	    Queued = "queued",
	    Ready = "ready",
	    Rejected = "rejected",
	    Submitted = "submitted",
	}
	export enum SubState {
	    Accepted = "accepted",
	    Cancelled = "cancelled",
	    Failed = "failed",
	    Processing = "processing",
	    Queued = "queued",
	    Received = "received",
	    Rejected = "rejected",
	    Sending = "sending",
	}
	export interface Flags {
	    frozen: boolean;
	    can_submit: boolean;
	    can_export: boolean;
	    needs_regenerate: boolean;
	    deposited: boolean;
	}
	export interface MonthFlags {
	    frozen: boolean;
	    can_complement: boolean;
	    needs_regenerate: boolean;
	}

}

export namespace monthly {
	
	export enum BatchState {
	    Cancelled = "cancelled",
	    Errors = "errors",
	    Failed = "failed",
	    Frozen = "frozen",
	    NoPreetabli = "no_preetabli",
	    Ready = "ready",
	}
	export enum Category {
	    Current = "current",
	    Entrant = "entrant",
	    Leaver = "leaver",
	    Unknown = "unknown",
	}
	export enum Source {
	    EmployeeFile = "employee_file",
	    LeaverDefault = "leaver_default",
	    None = "none",
	    PreviousMonth = "previous_month",
	    Saved = "saved",
	}
	export interface BatchResult {
	    employer_id: string;
	    affiliation: string;
	    name: string;
	    state: BatchState;
	    errors: number;
	    warnings: number;
	    declaration_id?: string;
	    message: i18n.Text;
	}
	export interface Declaration {
	    id: string;
	    employer_id: string;
	    period: string;
	    kind: store.DeclKind;
	    sequence: number;
	    status: lifecycle.Status;
	    file_name: string;
	    bytes?: string;
	    sha256: string;
	    findings?: store.Finding[];
	    errors: number;
	    warnings: number;
	    note?: string;
	    created_at: string;
	    updated_at: string;
	    frozen_at: string;
	    flags: lifecycle.Flags;
	}
	export interface Finding {
	    rule: string;
	    severity: declaration.Severity;
	    row: number;
	    column: string;
	    record: string;
	    line: number;
	    field: string;
	    message: i18n.Text;
	    hint: i18n.Text;
	}
	export interface Generated {
	    declaration: store.Declaration;
	    findings: Finding[];
	    valid: boolean;
	}
	export interface LineInput {
	    employee_id: string;
	    days: number;
	    gross: number;
	    situation: string;
	}
	export interface Row {
	    employee_id: string;
	    immatriculation: string;
	    cin: string;
	    name: string;
	    category: Category;
	    preetabli_line: number;
	    days: number;
	    gross: number;
	    situation: string;
	    needs_situation: boolean;
	    saved: boolean;
	    source: Source;
	    findings: Finding[];
	}
	export interface Totals {
	    employees: number;
	    days: number;
	    real: number;
	    capped: number;
	}
	export interface Workspace {
	    employer_id: string;
	    affiliation: string;
	    period: string;
	    preetabli?: store.Preetabli;
	    rows: Row[];
	    findings: Finding[];
	    errors: number;
	    warnings: number;
	    totals: Totals;
	    estimate: params.Estimate;
	    due_date: string;
	    declarations: Declaration[];
	    lifecycle: lifecycle.MonthFlags;
	    counts: Record<string, number>;
	    prefilled: boolean;
	    previous_month: boolean;
	    max_days: number;
	}

}

export namespace outbox {
	
	export enum EventKind {
	    LoginRequired = "login_required",
	    Retry = "retry",
	    State = "state",
	}
	export interface EventError {
	    code: string;
	    message: i18n.Text;
	    retryable: boolean;
	}
	export interface Event {
	    kind: EventKind;
	    submission_id: string;
	    declaration_id: string;
	    employer_id: string;
	    profile: string;
	    state: lifecycle.SubState;
	    attempt: number;
	    next_attempt_at?: string;
	    deposit_id?: string;
	    error?: EventError;
	    at: string;
	}

}

export namespace params {
	
	export interface BranchEstimate {
	    branch: string;
	    label: i18n.Text;
	    base: number;
	    employer_rate: number;
	    employee_rate: number;
	    employer: number;
	    employee: number;
	}
	export interface Estimate {
	    branches: BranchEstimate[];
	    employer: number;
	    employee: number;
	    total: number;
	}

}

export namespace profiles {
	
	export interface Remote {
	    name: string;
	    base_url: string;
	}

}

export namespace sandbox {
	
	export interface InboxMessage {
	    login: string;
	    channel: string;
	    destination: string;
	    code: string;
	    challenge_id: string;
	    sent_at: string;
	    text: string;
	}

}

export namespace settings {
	
	export interface Settings {
	    lang: i18n.Lang;
	    auto_lock_minutes: number;
	    backup_folder: string;
	    snapshots_kept: number;
	    snapshot_on_exit: boolean;
	    snapshot_on_submit: boolean;
	}

}

export namespace store {
	
	export enum AttemptChannel {
	    Api = "api",
	    Manual = "manual",
	}
	export enum AttemptOutcome {
	    Accepted = "accepted",
	    NetworkError = "network_error",
	    PlatformError = "platform_error",
	    PortalDown = "portal_down",
	    Received = "received",
	    Rejected = "rejected",
	}
	export enum DeclKind {
	    Complementary = "complementary",
	    Principal = "principal",
	}
	export enum DepositStatus {
	    Accepted = "accepted",
	    Rejected = "rejected",
	}
	export enum PeriodState {
	    Accepted = "accepted",
	    Errors = "errors",
	    InProgress = "in_progress",
	    Manual = "manual",
	    NotStarted = "not_started",
	    PreetabliImported = "preetabli_imported",
	    Queued = "queued",
	    Ready = "ready",
	    Rejected = "rejected",
	    Submitted = "submitted",
	}
	export interface BranchDue {
	    branch: string;
	    base: number;
	    rate: number;
	    amount: number;
	}
	export interface ControlFinding {
	    rule: string;
	    severity: string;
	    line: number;
	    field?: string;
	    message?: string;
	}
	export interface DeadlineExtension {
	    period: string;
	    date: string;
	    reference: string;
	    updated_at: string;
	}
	export interface Finding {
	    rule: string;
	    severity: declaration.Severity;
	    record?: string;
	    line?: number;
	    field?: string;
	    employee?: string;
	}
	export interface Declaration {
	    id: string;
	    employer_id: string;
	    period: string;
	    kind: DeclKind;
	    sequence: number;
	    status: lifecycle.Status;
	    file_name: string;
	    bytes?: string;
	    sha256: string;
	    findings?: Finding[];
	    errors: number;
	    warnings: number;
	    note?: string;
	    created_at: string;
	    updated_at: string;
	    frozen_at: string;
	}
	export interface DepositAttempt {
	    id: string;
	    declaration_id: string;
	    submission_id?: string;
	    channel: AttemptChannel;
	    action: string;
	    outcome: AttemptOutcome;
	    answer?: string;
	    note?: string;
	    screenshot?: string;
	    has_screenshot: boolean;
	    employer_id: string;
	    period: string;
	    file_name: string;
	    sha256: string;
	    operator: string;
	    at: string;
	}
	export interface DepositResult {
	    submission_id: string;
	    declaration_id: string;
	    deposit_id: string;
	    status: DepositStatus;
	    acknowledgement_number?: string;
	    payment_reference?: string;
	    amount_due: number;
	    branches?: BranchDue[];
	    employees: number;
	    days: number;
	    real_salary: number;
	    capped_salary: number;
	    control_report?: ControlFinding[];
	    received_at: string;
	    processed_at: string;
	    recorded_at: string;
	}
	export interface EmployeeVersion {
	    seq: number;
	    at: string;
	    author: string;
	    previous: domain.Employee;
	}
	
	export interface ManualDeposit {
	    declaration_id: string;
	    employer_id: string;
	    deposit_reference: string;
	    deposit_date: string;
	    payment_reference?: string;
	    control_report_pdf?: string;
	    sha256: string;
	    recorded_at: string;
	}
	export interface Preetabli {
	    employer_id: string;
	    period: string;
	    file_name?: string;
	    raw: string | null;
	    transfer_id?: string;
	    employees: number;
	    sha256: string;
	    imported_at: string;
	}
	export interface Receipt {
	    id: string;
	    declaration_id: string;
	    submission_id?: string;
	    pdf: string | null;
	    sandbox: boolean;
	    created_at: string;
	}
	export interface Submission {
	    id: string;
	    declaration_id: string;
	    employer_id: string;
	    profile: string;
	    idempotency_key: string;
	    sha256: string;
	    state: lifecycle.SubState;
	    attempts: number;
	    last_error?: string;
	    next_attempt_at: string;
	    deposit_id?: string;
	    acknowledgement_number?: string;
	    payment_reference?: string;
	    created_at: string;
	    updated_at: string;
	}

}

export namespace vault {
	
	export interface Params {
	    time: number;
	    memory_kib: number;
	    threads: number;
	}
	export interface Info {
	    dir: string;
	    id: string;
	    formatVersion: number;
	    createdAt: string;
	    remembered: boolean;
	    hasRecovery: boolean;
	    recoveryUsed: boolean;
	    params: Params;
	}

}

